/**
 * MicroProfile Health readiness checks for the hospital's monitoring (served by WildFly at
 * /health/ready on the management interface): DOWN, with the reason, when the database or
 * the directory cannot serve. An EAR library, because WildFly looks for health checks only
 * in the EAR's root bean archive.
 */
package org.consilium.health;
