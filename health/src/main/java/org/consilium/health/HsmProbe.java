package org.consilium.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.consilium.hsm.HsmStatus;
import org.consilium.hsm.HsmStatusSource;

/**
 * Asks the bean that holds the server's key service (the EJB jar's
 * {@code org.consilium.infrastructure.hsm.HsmKeys}) for the token's status. This library
 * cannot see the EJB jar's classes, so it looks the bean up by name, as the
 * {@link HsmStatusSource} interface that both see (the hsm module is an EAR library too).
 */
@ApplicationScoped
public class HsmProbe {

    /** Application consilium (ear/pom.xml), module consilium-ejb, bean HsmKeys. */
    static final String JNDI_NAME = "java:global/consilium/consilium-ejb/HsmKeys!" + HsmStatusSource.class.getName();

    /** What the probe found: where the token is, its status, the audit signing key's id if known. */
    public record Finding(String token, HsmStatus status, Optional<String> auditKeyId) {
    }

    public Finding probe() {
        HsmStatusSource source;
        try {
            source = InitialContext.doLookup(JNDI_NAME);
        } catch (NamingException notDeployed) {
            return unavailable("the key service is not deployed (" + JNDI_NAME + ")");
        }
        try {
            return new Finding(source.token(), source.status(), source.auditKeyId());
        } catch (RuntimeException failed) { // the EJB is going away, or the token threw something unforeseen
            return unavailable("the key service failed: " + failed);
        }
    }

    private static Finding unavailable(String problem) {
        return new Finding("unknown", new HsmStatus(false, false, new TreeSet<>(), 0, false, false, List.of(problem)),
                Optional.empty());
    }
}
