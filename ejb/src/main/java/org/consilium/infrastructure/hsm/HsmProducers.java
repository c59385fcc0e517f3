package org.consilium.infrastructure.hsm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.consilium.hsm.KeyService;
import org.consilium.hsm.envelope.Envelopes;
import org.consilium.hsm.invitation.InvitationMac;
import org.consilium.hsm.signing.AuditSigner;
import org.consilium.hsm.token.TokenException;

/**
 * The keys for injection: {@link KeyService} (rotation), {@link Envelopes} (encrypting
 * stored data), {@link AuditSigner} (audit checkpoints, export manifests) and
 * {@link InvitationMac} (guest invitations). All are thread-safe and @Dependent (the hsm
 * module's classes are final, so they cannot be proxied); each is obtained when the bean
 * that injects it is created. While the HSM is not available, that creation fails with a
 * {@link TokenException} saying why, so inject them into beans created on use (a normal
 * scope such as @ApplicationScoped, or {@code Instance<…>}), not into @Startup beans.
 */
@ApplicationScoped
public class HsmProducers {

    @Inject
    HsmKeys hsm;

    @Produces
    @Dependent
    KeyService keyService() {
        return hsm.keyService().orElseThrow(() -> new TokenException(
                "the HSM is not available: " + hsm.problem().orElse("not attached to the token")));
    }

    @Produces
    @Dependent
    Envelopes envelopes() {
        return keyService().envelopes();
    }

    @Produces
    @Dependent
    AuditSigner auditSigner() {
        return keyService().auditSigner();
    }

    @Produces
    @Dependent
    InvitationMac invitationMac() {
        return keyService().invitationMac();
    }
}
