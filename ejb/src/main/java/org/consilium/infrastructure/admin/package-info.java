/**
 * The admin console's adapters: second factors in the database, their secrets sealed by the
 * HSM; the dashboard's figures ({@link org.consilium.infrastructure.admin.ServerSystemProbes}:
 * readiness probes, bridge counters, visits going on, node and cluster); read-only access to
 * WildFly's management model through JMX ({@link org.consilium.infrastructure.admin.ServerModel}).
 */
package org.consilium.infrastructure.admin;
