/** The audit trail's format: records, hash chain, signed checkpoints, export, verification, syslog. */
package org.consilium.audit;
