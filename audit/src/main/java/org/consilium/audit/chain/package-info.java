/**
 * The hash chain: {@link org.consilium.audit.chain.AuditRecord} (one audited action, hashed
 * over a canonical byte encoding that includes its predecessor's hash) and
 * {@link org.consilium.audit.chain.Checkpoint} (an ECDSA signature over the hash of one
 * record, which vouches for every record before it). The byte layouts are in docs/audit.md.
 */
package org.consilium.audit.chain;
