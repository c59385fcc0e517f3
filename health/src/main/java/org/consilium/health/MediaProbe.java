package org.consilium.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.consilium.videobridge.BridgeStatus;
import org.consilium.videobridge.BridgeStatusSource;

/**
 * Asks the bean that owns the videobridge (the EJB jar's
 * {@code org.consilium.infrastructure.media.MediaBridge}) for the bridge's status. This
 * library cannot see the EJB jar's classes, so it looks the bean up by name, as the
 * {@link BridgeStatusSource} interface that both see (the videobridge is an EAR library too).
 */
@ApplicationScoped
public class MediaProbe {

    /** Application consilium (ear/pom.xml), module consilium-ejb, bean MediaBridge. */
    static final String JNDI_NAME = "java:global/consilium/consilium-ejb/MediaBridge!" + BridgeStatusSource.class.getName();

    /** What the probe found: the bridge's status, or why there is none. */
    public record Finding(Optional<BridgeStatus> status, Optional<String> problem) {
    }

    public Finding probe() {
        BridgeStatusSource source;
        try {
            source = InitialContext.doLookup(JNDI_NAME);
        } catch (NamingException notDeployed) {
            return unavailable("the media bridge is not deployed (" + JNDI_NAME + ")");
        }
        try {
            BridgeStatus status = source.status();
            return new Finding(Optional.of(status), status.problem());
        } catch (RuntimeException failed) { // the EJB is going away, or something unforeseen
            return unavailable("the media bridge failed: " + failed);
        }
    }

    private static Finding unavailable(String problem) {
        return new Finding(Optional.empty(), Optional.of(problem));
    }
}
