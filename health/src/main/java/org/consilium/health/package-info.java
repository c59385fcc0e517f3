/**
 * MicroProfile Health readiness checks for the hospital's monitoring (served by WildFly at
 * /health/ready on the management interface): DOWN, with the reason, when the database,
 * the directory, the HSM or the videobridge's media port cannot serve. An EAR library,
 * because WildFly looks for health checks only in the EAR's root bean archive; the HSM and
 * media checks reach the EJBs that hold the key service and the bridge by JNDI lookups
 * ({@link org.consilium.health.HsmProbe}, {@link org.consilium.health.MediaProbe}).
 */
package org.consilium.health;
