package org.consilium.hsm;

import java.util.Optional;

/**
 * Whoever holds the server's {@link KeyService} answers here for readiness checks that
 * cannot reach it directly. (In WildFly the holder is an EJB in the EJB jar and the checks
 * live in an EAR library, which cannot see the EJB jar's classes: they look the EJB up by
 * this interface, which both see.) Nothing here is secret.
 */
public interface HsmStatusSource {

    /** Where the token is (library and slot), for operators. */
    String token();

    /** The token's status now ({@link KeyService#status()}), or why there is no key service. */
    HsmStatus status();

    /** The audit signing key's {@link org.consilium.hsm.signing.AuditSigner#keyId() id}, once there is a key service. */
    Optional<String> auditKeyId();
}
