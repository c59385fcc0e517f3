/**
 * The audit trail's format: records, hash chain, signed checkpoints, export, verification,
 * syslog; and the signed manifests of recordings, which the same verifier checks.
 */
package org.consilium.audit;
