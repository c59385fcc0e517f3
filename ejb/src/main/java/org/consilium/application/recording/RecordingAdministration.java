package org.consilium.application.recording;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.Role;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.audit.AuditOutcome;
import org.consilium.domain.recording.RecordingId;
import org.consilium.domain.recording.RecordingRepository;
import org.consilium.domain.recording.RecordingRetention;
import org.consilium.domain.room.RoomKind;

/**
 * The admin console's Recordings page: every recording's metadata (administrators and
 * auditors; never content), their retention by room kind, and legal holds (administrators).
 * Changes are audited: a hold as {@code recording-hold-changed}, the retention as
 * {@code configuration-changed} with before and after.
 */
@ApplicationScoped
public class RecordingAdministration {

    /** The console's list: the latest this many. */
    public static final int LISTED = 500;

    @Inject
    RecordingRepository recordings;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** The latest recordings, newest first, with when each expires under the retention in force. */
    public List<Listed> latest(Caller caller) {
        requireOversight(caller, "list-recordings");
        RecordingRetention retention = recordings.retention();
        return recordings.latest(LISTED).stream().map(recording -> new Listed(recording,
                recording.stoppedAt() == null ? Optional.empty()
                        : retention.expiry(recording.roomKind(), recording.stoppedAt()))).toList();
    }

    /** A recording and when the retention job will shred it (empty: running, or kept until deleted). */
    public record Listed(RecordingRepository.Stored recording, Optional<java.time.Instant> expires) {
    }

    public RecordingRetention retention(Caller caller) {
        requireOversight(caller, "view-recording-retention");
        return recordings.retention();
    }

    /** @return false when nothing changed */
    public boolean changeRetention(Caller caller, RecordingRetention after) {
        requireAdmin(caller, "change-recording-retention", "policy:recording-retention");
        RecordingRetention before = recordings.retention();
        if (before.equals(after)) {
            return false;
        }
        recordings.retention(after, caller.username(), clock.instant());
        audit.record(by(caller, AuditAction.CONFIGURATION_CHANGED, "policy:recording-retention")
                .detail("changed", "recording-retention").detail("before", spoken(before))
                .detail("after", spoken(after)).build());
        return true;
    }

    /** Puts a recording on legal hold (the retention job passes it by) or releases it. */
    public void hold(Caller caller, RecordingId id, boolean hold) {
        requireAdmin(caller, "change-recording-hold", id.auditTarget());
        RecordingRepository.Stored recording = recordings.find(id).orElseThrow(RecordingNotFound::new);
        if (recording.legalHold() == hold || recording.shredded()) {
            return;
        }
        recordings.hold(id, hold, caller.username(), clock.instant());
        audit.record(by(caller, AuditAction.RECORDING_HOLD_CHANGED, id.auditTarget())
                .detail("hold", Boolean.toString(hold)).build());
    }

    private static String spoken(RecordingRetention retention) {
        Map<RoomKind, Optional<Integer>> days = retention.days();
        return java.util.Arrays.stream(RoomKind.values())
                .map(kind -> kind.code() + "=" + days.get(kind).map(d -> d + "d").orElse("kept"))
                .collect(Collectors.joining(", "));
    }

    private void requireOversight(Caller caller, String attempted) {
        if (!caller.identity().has(Role.ADMIN) && !caller.identity().has(Role.AUDITOR)) {
            throw refused(caller, attempted, "recordings");
        }
    }

    private void requireAdmin(Caller caller, String attempted, String target) {
        if (!caller.identity().has(Role.ADMIN)) {
            throw refused(caller, attempted, target);
        }
    }

    private SecurityException refused(Caller caller, String attempted, String target) {
        audit.record(by(caller, AuditAction.ACCESS_DENIED, target).outcome(AuditOutcome.DENIED)
                .detail("attempted", attempted).build());
        return new SecurityException("Only administrators change this.");
    }

    private static AuditEvent.Builder by(Caller caller, AuditAction action, String target) {
        return AuditEvent.of(action, caller.username(), caller.roleNames()).from(caller.clientAddress()).target(target);
    }
}
