package org.consilium.application.room;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.logging.Logger;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.Role;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.audit.AuditOutcome;
import org.consilium.domain.room.PrivacyNotice;
import org.consilium.domain.room.PrivacyNoticeRepository;

/**
 * The hospital's privacy notice for guests: the version in force (shown on every join page)
 * and changing it (administrators, in the console's Room policies). A new text is a new
 * version; saving the same text again changes nothing. A change is audited as
 * {@code configuration-changed}, target {@value #TARGET}, with the version and SHA-256 before
 * and after (the text itself is in the table, version by version).
 */
@Stateless
public class PrivacyNotices {

    /** The audit target of a change. */
    public static final String TARGET = "policy:privacy-notice";

    private static final Logger LOG = Logger.getLogger(PrivacyNotices.class.getName());

    @Inject
    PrivacyNoticeRepository repository;

    @Inject
    AuditTrail trail;

    @Inject
    Clock clock;

    public PrivacyNotice current() {
        return repository.current();
    }

    /** What came of a change: the notice in force afterwards, whether it is a new version, or why nothing changed. */
    public record Change(PrivacyNotice inForce, boolean newVersion, String problem, boolean refused) {
    }

    /** Makes {@code text} the notice guests see from now on (administrators only). */
    public Change change(Caller caller, String text) {
        if (!caller.identity().has(Role.ADMIN)) {
            trail.record(event(caller, AuditAction.ACCESS_DENIED, AuditOutcome.DENIED)
                    .detail("attempted", AuditAction.CONFIGURATION_CHANGED.code()).build());
            return new Change(repository.current(), false, "Only administrators change the privacy notice.", true);
        }
        String cleaned;
        try {
            cleaned = PrivacyNotice.clean(text);
        } catch (IllegalArgumentException invalid) {
            return new Change(repository.current(), false, invalid.getMessage() + ".", false);
        }
        PrivacyNotice before = repository.current();
        PrivacyNotice after = repository.save(cleaned, caller.username(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        if (after.version() == before.version()) {
            return new Change(after, false, null, false);
        }
        trail.record(event(caller, AuditAction.CONFIGURATION_CHANGED, AuditOutcome.SUCCESS)
                .detail("changed", "privacy-notice")
                .detail("before", "version=" + before.version() + "; sha256=" + before.sha256())
                .detail("after", "version=" + after.version() + "; sha256=" + after.sha256())
                .build());
        LOG.info(() -> "Privacy notice for guests changed by " + caller.username() + ": version " + after.version());
        return new Change(after, true, null, false);
    }

    private static AuditEvent.Builder event(Caller caller, AuditAction action, AuditOutcome outcome) {
        return AuditEvent.of(action, caller.username(), caller.roleNames()).from(caller.clientAddress())
                .target(TARGET).outcome(outcome);
    }
}
