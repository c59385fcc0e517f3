package org.consilium.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.consilium.hsm.HsmStatus;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when the token is there, logged in, holds the current KEK, the audit signing
 * key and the invitation key, and encrypts (the key service round-trips an empty envelope).
 * Reports where the token is, versions, booleans and the audit key's id (a fingerprint of
 * its public key, so monitoring sees a changed key), never key material or the PIN.
 */
@Readiness
@ApplicationScoped
public class HsmReadiness implements HealthCheck {

    @Inject
    HsmProbe probe;

    @Override
    public HealthCheckResponse call() {
        HsmProbe.Finding finding = probe.probe();
        HsmStatus status = finding.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("hsm")
                .withData("token", finding.token())
                .withData("tokenPresent", status.tokenPresent())
                .withData("loggedIn", status.loggedIn())
                .withData("kekVersion", status.currentKekVersion())
                .withData("auditKey", status.auditSigningKeyPresent())
                .withData("invitationKey", status.invitationKeyPresent());
        finding.auditKeyId().ifPresent(id -> response.withData("auditKeyId", id));
        return status.ready()
                ? response.up().build()
                : response.down().withData("reason", String.join("; ", status.problems())).build();
    }
}
