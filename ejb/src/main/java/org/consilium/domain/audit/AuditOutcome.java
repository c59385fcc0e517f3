package org.consilium.domain.audit;

/** How an audited attempt ended. */
public enum AuditOutcome {
    /** It happened. */
    SUCCESS("success"),
    /** It was attempted and failed (wrong password, unreachable service). */
    FAILURE("failure"),
    /** It was refused for lack of a right. */
    DENIED("denied");

    private final String code;

    AuditOutcome(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
