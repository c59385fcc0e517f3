package org.consilium.application.admin;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.application.call.CallLimits;
import org.consilium.application.call.ReconnectGrace;
import org.consilium.application.room.RoomPolicies;
import org.consilium.domain.Role;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.audit.AuditOutcome;
import org.consilium.domain.room.RoomPolicy;
import org.consilium.domain.room.RoomPolicyRepository;

/**
 * Use cases of the console's Room policies page: the policy in force (with the call limits
 * that apply when it leaves them to the configuration) and changing it (administrators
 * only; validated; audited as {@code configuration-changed}, target {@value #TARGET}, with
 * each changed setting's value before and after). Applied without a restart: the next room,
 * invitation or call uses it.
 */
@Stateless
public class RoomPolicyAdministration {

    /** The audit target of a change. */
    public static final String TARGET = "policy:rooms";

    private static final Logger LOG = Logger.getLogger(RoomPolicyAdministration.class.getName());

    @Inject
    RoomPolicyRepository repository;

    @Inject
    AuditTrail trail;

    @Inject
    Clock clock;

    @Inject
    Event<RoomPolicies.Changed> changed;

    /** The policy as stored, the call limits in force with it, and the reconnect grace in force with it. */
    public record View(RoomPolicy policy, CallLimits configured, CallLimits effective, Duration reconnectGrace) {
    }

    public View view() {
        RoomPolicy policy = repository.current();
        CallLimits configured = CallLimits.current();
        return new View(policy, configured,
                CallLimits.current(policy.emptyRoomTimeout(), policy.maxVisitLength()),
                policy.reconnectGrace().orElseGet(() -> ReconnectGrace.current().period()));
    }

    /** What came of a change. */
    public record Change(Outcome outcome, Map<String, String> problems, List<String> changed) {

        public enum Outcome {
            /** Stored and in force (possibly nothing changed: {@code changed} is empty). */
            DONE,
            /** A value cannot be used: {@code problems} by field; nothing changed. */
            INVALID,
            /** Only administrators change policies. */
            REFUSED_ROLE
        }
    }

    /**
     * Sets the policy (administrators only). A call limit or reconnect grace that is null
     * stays as it is; one equal to the configuration's while the policy left it to the
     * configuration stays left to it.
     */
    public Change change(Caller caller, boolean lobbyByDefault, long invitationDefaultMinutes,
                         long invitationMaximumMinutes, boolean singleUseByDefault, boolean recordingAllowed,
                         Duration emptyRoomTimeout, Duration maxVisitLength, Duration reconnectGrace) {
        if (!caller.identity().has(Role.ADMIN)) {
            trail.record(event(caller, AuditAction.ACCESS_DENIED, AuditOutcome.DENIED)
                    .detail("attempted", AuditAction.CONFIGURATION_CHANGED.code()).build());
            return new Change(Change.Outcome.REFUSED_ROLE, Map.of(), List.of());
        }
        Map<String, String> problems = RoomPolicy.problems(invitationDefaultMinutes, invitationMaximumMinutes,
                emptyRoomTimeout, maxVisitLength, reconnectGrace);
        if (!problems.isEmpty()) {
            return new Change(Change.Outcome.INVALID, problems, List.of());
        }
        RoomPolicy before = repository.lock();
        CallLimits configured = CallLimits.current();
        RoomPolicy after = new RoomPolicy(lobbyByDefault, (int) invitationDefaultMinutes, (int) invitationMaximumMinutes,
                singleUseByDefault, recordingAllowed,
                SettingsDiff.kept(before.emptyRoomTimeout(), emptyRoomTimeout, configured.emptyRoomTimeout()),
                SettingsDiff.kept(before.maxVisitLength(), maxVisitLength, configured.maxVisitLength()),
                SettingsDiff.kept(before.reconnectGrace(), reconnectGrace, ReconnectGrace.current().period()));
        Duration emptyInForce = after.emptyRoomTimeout().orElse(configured.emptyRoomTimeout());
        Duration lengthInForce = after.maxVisitLength().orElse(configured.maxVisitLength());
        if (emptyInForce.compareTo(lengthInForce) > 0) {
            return new Change(Change.Outcome.INVALID, Map.of(RoomPolicy.EMPTY_ROOM_TIMEOUT,
                    "The empty-room timeout cannot be longer than the maximum visit length ("
                            + lengthInForce.toMinutes() + " minutes)."), List.of());
        }
        SettingsDiff diff = SettingsDiff.of(settings(before), settings(after));
        if (diff.none()) {
            return new Change(Change.Outcome.DONE, Map.of(), List.of());
        }
        repository.save(after, caller.identity().username(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        trail.record(event(caller, AuditAction.CONFIGURATION_CHANGED, AuditOutcome.SUCCESS)
                .detail("changed", String.join(",", diff.changed()))
                .detail("before", diff.before())
                .detail("after", diff.after())
                .build());
        changed.fire(new RoomPolicies.Changed(after));
        LOG.info(() -> "Room policy changed by " + caller.username() + ": " + diff.before() + " -> " + diff.after());
        return new Change(Change.Outcome.DONE, Map.of(), diff.changed());
    }

    /** The settings as audited: name → value (durations ISO-8601, "configuration" when left to it). */
    static Map<String, String> settings(RoomPolicy policy) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("lobby-by-default", Boolean.toString(policy.lobbyByDefault()));
        settings.put("invitation-default-minutes", Integer.toString(policy.invitationDefaultMinutes()));
        settings.put("invitation-maximum-minutes", Integer.toString(policy.invitationMaximumMinutes()));
        settings.put("invitation-single-use", Boolean.toString(policy.singleUseByDefault()));
        settings.put("recording-allowed", Boolean.toString(policy.recordingAllowed()));
        settings.put("empty-room-timeout", policy.emptyRoomTimeout().map(Duration::toString).orElse("configuration"));
        settings.put("max-visit-length", policy.maxVisitLength().map(Duration::toString).orElse("configuration"));
        settings.put("reconnect-grace", policy.reconnectGrace().map(Duration::toString).orElse("configuration"));
        return settings;
    }

    private static AuditEvent.Builder event(Caller caller, AuditAction action, AuditOutcome outcome) {
        return AuditEvent.of(action, caller.username(), caller.roleNames()).from(caller.clientAddress())
                .target(TARGET).outcome(outcome);
    }
}
