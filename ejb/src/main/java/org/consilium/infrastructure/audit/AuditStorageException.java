package org.consilium.infrastructure.audit;

/** The audit trail could not be read or written; the cause says why (never the event's content). */
public class AuditStorageException extends RuntimeException {

    public AuditStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
