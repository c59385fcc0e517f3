package org.consilium.domain.audit;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One audited event as the application reports it; the trail adds sequence, time and hashes.
 * Targets and details carry identifiers (room id, username, setting name), never clinical
 * content: the trail is read by auditors and sent to the SIEM.
 *
 * @param actor        the username, {@code guest:<invitation id>}, or {@link #SYSTEM}
 * @param clientAddress the client's IP address, or null for the server's own actions
 * @param target       what was acted on (e.g. {@code room:42}), or null
 */
public record AuditEvent(AuditAction action, AuditOutcome outcome, String actor, List<String> actorRoles,
                         String clientAddress, String target, Map<String, String> details) {

    /** The actor of what the server does by itself (timeouts, checkpoints, start-up). */
    public static final String SYSTEM = "system";
    static final int MAX_ACTOR = 256;
    static final int MAX_TARGET = 512;
    static final int MAX_DETAIL = 1024;
    static final int MAX_DETAILS = 16;

    public AuditEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        if (actor == null || actor.isBlank() || actor.length() > MAX_ACTOR) {
            throw new IllegalArgumentException("an audit event needs an actor of 1 to " + MAX_ACTOR + " characters");
        }
        actorRoles = List.copyOf(actorRoles == null ? List.of() : actorRoles);
        for (String role : actorRoles) {
            if (role.isBlank() || role.contains(",")) {
                throw new IllegalArgumentException("a role name is neither blank nor holds a comma");
            }
        }
        if (clientAddress != null && clientAddress.length() > 64) {
            throw new IllegalArgumentException("a client address has at most 64 characters");
        }
        if (target != null && target.length() > MAX_TARGET) {
            throw new IllegalArgumentException("a target has at most " + MAX_TARGET + " characters");
        }
        details = details == null ? Map.of() : new TreeMap<>(details);
        if (details.size() > MAX_DETAILS) {
            throw new IllegalArgumentException("an audit event has at most " + MAX_DETAILS + " details");
        }
        details.forEach((key, value) -> {
            if (key == null || key.isBlank() || value == null || key.length() + value.length() > MAX_DETAIL) {
                throw new IllegalArgumentException("a detail is a non-blank name and a value, at most "
                        + MAX_DETAIL + " characters together");
            }
        });
        details = java.util.Collections.unmodifiableMap(details);
    }

    /** Starts an event of {@code action} by {@code actor}; outcome success unless changed. */
    public static Builder of(AuditAction action, String actor, List<String> actorRoles) {
        return new Builder(action, actor, actorRoles);
    }

    /** Builds an event step by step; the record validates when built. */
    public static final class Builder {
        private final AuditAction action;
        private final String actor;
        private final List<String> actorRoles;
        private AuditOutcome outcome = AuditOutcome.SUCCESS;
        private String clientAddress;
        private String target;
        private final Map<String, String> details = new TreeMap<>();

        private Builder(AuditAction action, String actor, List<String> actorRoles) {
            this.action = action;
            this.actor = actor;
            this.actorRoles = actorRoles;
        }

        public Builder outcome(AuditOutcome value) {
            this.outcome = value;
            return this;
        }

        public Builder from(String address) {
            this.clientAddress = address;
            return this;
        }

        public Builder target(String value) {
            this.target = value;
            return this;
        }

        public Builder detail(String name, String value) {
            details.put(name, value);
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(action, outcome, actor, actorRoles, clientAddress, target, details);
        }
    }
}
