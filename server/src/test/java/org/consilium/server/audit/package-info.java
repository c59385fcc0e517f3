/** The audit trail on the real server and PostgreSQL: what is recorded, append-only, tamper evidence. */
package org.consilium.server.audit;
