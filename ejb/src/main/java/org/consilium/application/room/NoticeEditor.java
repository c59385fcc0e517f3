package org.consilium.application.room;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.Role;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.audit.AuditOutcome;
import org.consilium.domain.room.VersionedNotice;

/**
 * Changing a notice kept version by version ({@link VersionedNotice}: the guests' privacy
 * notice, the recording's consent notice), as both use cases do it: administrators only
 * (anyone else is refused and audited as {@code access-denied}); the text cleaned, or a
 * sentence saying why not; a new text a new version, the same text no change; a new version
 * audited as {@code configuration-changed} with the version and SHA-256 before and after (the
 * text itself is in the table, version by version). Call it in a transaction, so that the
 * version and its audit event are stored together.
 *
 * @param <N> the notice
 */
public final class NoticeEditor<N extends VersionedNotice> {

    private static final Logger LOG = Logger.getLogger(NoticeEditor.class.getName());

    /** What came of a change: the notice in force afterwards, whether it is a new version, or why nothing changed. */
    public record Change<N>(N inForce, boolean newVersion, String problem, boolean refused) {
    }

    private final String code;
    private final String target;
    private final String described;
    private final UnaryOperator<String> clean;

    /**
     * @param code      the notice in the audit event's {@code changed} ({@code privacy-notice})
     * @param target    the audit target of a change ({@code policy:privacy-notice})
     * @param described the notice in sentences ({@code the privacy notice})
     * @param clean     the text as stored, or IllegalArgumentException with a sentence
     */
    public NoticeEditor(String code, String target, String described, UnaryOperator<String> clean) {
        this.code = code;
        this.target = target;
        this.described = described;
        this.clean = clean;
    }

    /**
     * Makes {@code text} the notice in force (administrators only).
     *
     * @param current the version in force, as stored
     * @param save    stores the next version
     */
    public Change<N> change(Caller caller, String text, Supplier<N> current, Saver<N> save, AuditTrail trail,
                            Clock clock) {
        if (!caller.identity().has(Role.ADMIN)) {
            trail.record(event(caller, AuditAction.ACCESS_DENIED, AuditOutcome.DENIED)
                    .detail("attempted", AuditAction.CONFIGURATION_CHANGED.code()).build());
            return new Change<>(current.get(), false, "Only administrators change " + described + ".", true);
        }
        String cleaned;
        try {
            cleaned = clean.apply(text);
        } catch (IllegalArgumentException invalid) {
            return new Change<>(current.get(), false, invalid.getMessage() + ".", false);
        }
        N before = current.get();
        N after = save.save(cleaned, caller.username(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        if (after.version() == before.version()) {
            return new Change<>(after, false, null, false);
        }
        trail.record(event(caller, AuditAction.CONFIGURATION_CHANGED, AuditOutcome.SUCCESS)
                .detail("changed", code)
                .detail("before", "version=" + before.version() + "; sha256=" + before.sha256())
                .detail("after", "version=" + after.version() + "; sha256=" + after.sha256())
                .build());
        LOG.info(() -> "The " + code + " was changed by " + caller.username() + ": version " + after.version());
        return new Change<>(after, true, null, false);
    }

    /** Storing the next version (a repository's method; see {@code VersionedTextTable}). */
    @FunctionalInterface
    public interface Saver<N> {

        /** Stores {@code cleaned} as the next version unless it is in force already; returns the version in force. */
        N save(String cleaned, String changedBy, Instant changedAt);
    }

    private AuditEvent.Builder event(Caller caller, AuditAction action, AuditOutcome outcome) {
        return AuditEvent.of(action, caller.username(), caller.roleNames()).from(caller.clientAddress())
                .target(target).outcome(outcome);
    }
}
