/**
 * Use cases of the audit trail: record an event (each in its own transaction, so refused
 * and failed attempts are kept too), sign checkpoints, export a time range.
 */
package org.consilium.application.audit;
