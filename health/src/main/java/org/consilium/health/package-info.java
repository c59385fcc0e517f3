/**
 * MicroProfile Health readiness checks for the hospital's monitoring (served by WildFly at
 * /health/ready on the management interface): DOWN, with the reason, when the database,
 * the directory or the HSM cannot serve. An EAR library, because WildFly looks for health
 * checks only in the EAR's root bean archive; the HSM check reaches the EJB that holds the
 * key service by a JNDI lookup ({@link org.consilium.health.HsmProbe}).
 */
package org.consilium.health;
