package org.consilium.domain.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an auditor looks for in the trail: a time range [from, to) and, optionally, exact
 * values of actor, action, target and outcome. A null bound or value matches everything.
 */
public record AuditCriteria(Instant from, Instant to, String actor, String action, String target, String outcome) {

    public AuditCriteria {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the start of the period must be before its end");
        }
        actor = blankToNull(actor, AuditEvent.MAX_ACTOR, "actor");
        action = blankToNull(action, 64, "action");
        target = blankToNull(target, AuditEvent.MAX_TARGET, "target");
        outcome = blankToNull(outcome, 16, "outcome");
    }

    /** The criteria as audit-event details (what was searched for, never what was found). */
    public Map<String, String> asDetails() {
        Map<String, String> details = new LinkedHashMap<>();
        put(details, "from", from == null ? null : from.toString());
        put(details, "to", to == null ? null : to.toString());
        put(details, "actor", actor);
        put(details, "action", action);
        put(details, "target", target);
        put(details, "outcome", outcome);
        return details;
    }

    private static void put(Map<String, String> details, String name, String value) {
        if (value != null) {
            details.put(name, value);
        }
    }

    private static String blankToNull(String value, int max, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw new IllegalArgumentException("the " + name + " has at most " + max + " characters");
        }
        return stripped;
    }
}
