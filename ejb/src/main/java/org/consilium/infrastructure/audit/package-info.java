/**
 * The audit trail in the database (plain JDBC on the server's JTA data source: the head
 * row is locked with SELECT … FOR UPDATE), and the HSM key that signs its checkpoints.
 */
package org.consilium.infrastructure.audit;
