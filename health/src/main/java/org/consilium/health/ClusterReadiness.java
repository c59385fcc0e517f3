package org.consilium.health;

import jakarta.enterprise.context.ApplicationScoped;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The node's place in its cluster, for the hospital's monitoring: the members, the
 * coordinator, how many peers it was given, and {@code alone} when it sees none of them.
 * UP even when alone, on purpose: after a failure the survivor is alone and must go on
 * serving; a monitor alerts on {@code alone=true}, and a load balancer keeps sending to it.
 * DOWN only while the membership cannot be read (the application is not deployed).
 */
@Readiness
@ApplicationScoped
public class ClusterReadiness implements HealthCheck {

    /** Application consilium (ear/pom.xml), module consilium-ejb, bean ClusterMembership. */
    static final String JNDI_NAME = "java:global/consilium/consilium-ejb/ClusterMembership!"
            + ClusterStatusSource.class.getName();

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("cluster");
        ClusterStatusSource.ClusterStatus status;
        try {
            ClusterStatusSource source = InitialContext.doLookup(JNDI_NAME);
            status = source.clusterStatus();
        } catch (NamingException notDeployed) {
            return response.down().withData("reason", "the cluster membership is not deployed (" + JNDI_NAME + ")")
                    .build();
        } catch (RuntimeException failed) { // the EJB is going away, or something unforeseen
            return response.down().withData("reason", "the cluster membership failed: " + failed).build();
        }
        return response.up()
                .withData("members", String.join(",", status.members()))
                .withData("coordinator", status.coordinator())
                .withData("expectedPeers", status.expectedPeers())
                .withData("alone", status.alone())
                .build();
    }
}
