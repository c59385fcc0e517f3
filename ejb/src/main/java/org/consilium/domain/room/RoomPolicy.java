package org.consilium.domain.room;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The hospital's room policies, set in the admin console and applied without a restart:
 * <ul>
 * <li>{@code lobbyByDefault}: a new room has its lobby on unless its creator says (staff
 * who do not run the room wait; guests always wait whatever this says);</li>
 * <li>an invitation's default lifetime and the longest one a clinician may choose (minutes,
 * 1 to {@value #LONGEST_INVITATION_MINUTES}, default ≤ maximum), and whether it is
 * single-use unless its inviter says;</li>
 * <li>{@code recordingAllowed}: stored and shown; it gates recording once recording exists;</li>
 * <li>the empty-room timeout and the maximum visit length of a call, and the reconnect grace
 * (how long a dropped participant's place is kept); empty: the MicroProfile Config values
 * ({@code consilium.call.*}) apply.</li>
 * </ul>
 */
public record RoomPolicy(boolean lobbyByDefault, int invitationDefaultMinutes, int invitationMaximumMinutes,
                         boolean singleUseByDefault, boolean recordingAllowed, Optional<Duration> emptyRoomTimeout,
                         Optional<Duration> maxVisitLength, Optional<Duration> reconnectGrace) {

    public static final int LONGEST_INVITATION_MINUTES = (int) InvitationLifetime.MAXIMUM.toMinutes();
    /** The same bounds as the configuration's (CallLimits). */
    public static final Duration LONGEST_EMPTY_ROOM = Duration.ofHours(24);
    public static final Duration SHORTEST_VISIT = Duration.ofMinutes(1);
    public static final Duration LONGEST_VISIT = Duration.ofDays(7);
    /** The same bounds as the configuration's (ReconnectGrace): PT0S (a drop is a leave) to PT10M. */
    public static final Duration LONGEST_RECONNECT_GRACE = Duration.ofMinutes(10);

    /** What a new appliance starts with (migration V9). */
    public static final RoomPolicy DEFAULTS = new RoomPolicy(true, (int) InvitationLifetime.DEFAULT.toMinutes(),
            LONGEST_INVITATION_MINUTES, false, false, Optional.empty(), Optional.empty(), Optional.empty());

    /** Field names of {@link #problems}. */
    public static final String INVITATION_DEFAULT = "invitationDefault";
    public static final String INVITATION_MAXIMUM = "invitationMaximum";
    public static final String EMPTY_ROOM_TIMEOUT = "emptyRoomTimeout";
    public static final String MAX_VISIT_LENGTH = "maxVisitLength";
    public static final String RECONNECT_GRACE = "reconnectGrace";

    /** @throws IllegalArgumentException with the first problem, when {@link #problems} finds one */
    public RoomPolicy {
        emptyRoomTimeout = emptyRoomTimeout == null ? Optional.empty() : emptyRoomTimeout;
        maxVisitLength = maxVisitLength == null ? Optional.empty() : maxVisitLength;
        reconnectGrace = reconnectGrace == null ? Optional.empty() : reconnectGrace;
        Map<String, String> problems = problems(invitationDefaultMinutes, invitationMaximumMinutes,
                emptyRoomTimeout.orElse(null), maxVisitLength.orElse(null), reconnectGrace.orElse(null));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.values().iterator().next());
        }
    }

    /**
     * What is wrong with these values, by field, in sentences for the person who typed them
     * (empty when they can be used). A call limit that is null is not checked (the
     * configuration's applies); the empty-room timeout is compared with the maximum length
     * only when both are given here.
     */
    public static Map<String, String> problems(long invitationDefaultMinutes, long invitationMaximumMinutes,
                                               Duration emptyRoomTimeout, Duration maxVisitLength) {
        return problems(invitationDefaultMinutes, invitationMaximumMinutes, emptyRoomTimeout, maxVisitLength, null);
    }

    /** As above, with the reconnect grace (null: not checked, the configuration's applies). */
    public static Map<String, String> problems(long invitationDefaultMinutes, long invitationMaximumMinutes,
                                               Duration emptyRoomTimeout, Duration maxVisitLength,
                                               Duration reconnectGrace) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (invitationMaximumMinutes < 1 || invitationMaximumMinutes > LONGEST_INVITATION_MINUTES) {
            problems.put(INVITATION_MAXIMUM, "The longest invitation is from 1 to " + LONGEST_INVITATION_MINUTES
                    + " minutes (7 days).");
        }
        if (invitationDefaultMinutes < 1 || invitationDefaultMinutes > LONGEST_INVITATION_MINUTES) {
            problems.put(INVITATION_DEFAULT, "The default lifetime is from 1 to " + LONGEST_INVITATION_MINUTES
                    + " minutes (7 days).");
        } else if (!problems.containsKey(INVITATION_MAXIMUM) && invitationDefaultMinutes > invitationMaximumMinutes) {
            problems.put(INVITATION_DEFAULT, "The default lifetime cannot be longer than the longest invitation ("
                    + invitationMaximumMinutes + " minutes).");
        }
        if (maxVisitLength != null && (maxVisitLength.compareTo(SHORTEST_VISIT) < 0
                || maxVisitLength.compareTo(LONGEST_VISIT) > 0)) {
            problems.put(MAX_VISIT_LENGTH, "The maximum visit length is from 1 to " + LONGEST_VISIT.toMinutes()
                    + " minutes (7 days).");
        }
        if (emptyRoomTimeout != null && (emptyRoomTimeout.isNegative()
                || emptyRoomTimeout.compareTo(LONGEST_EMPTY_ROOM) > 0)) {
            problems.put(EMPTY_ROOM_TIMEOUT, "The empty-room timeout is from 0 to " + LONGEST_EMPTY_ROOM.toMinutes()
                    + " minutes (24 hours).");
        } else if (emptyRoomTimeout != null && maxVisitLength != null && !problems.containsKey(MAX_VISIT_LENGTH)
                && emptyRoomTimeout.compareTo(maxVisitLength) > 0) {
            problems.put(EMPTY_ROOM_TIMEOUT, "The empty-room timeout cannot be longer than the maximum visit length ("
                    + maxVisitLength.toMinutes() + " minutes).");
        }
        if (reconnectGrace != null && (reconnectGrace.isNegative() || reconnectGrace.compareTo(LONGEST_RECONNECT_GRACE) > 0)) {
            problems.put(RECONNECT_GRACE, "The reconnect grace is from 0 to " + LONGEST_RECONNECT_GRACE.toSeconds()
                    + " seconds (10 minutes).");
        }
        return problems;
    }

    /** An invitation of this many minutes, if a clinician may choose it under this policy. */
    public InvitationLifetime lifetimeOf(long minutes) {
        if (minutes < 1 || minutes > invitationMaximumMinutes) {
            throw new IllegalArgumentException("An invitation lasts from 1 minute to " + spoken(invitationMaximumMinutes)
                    + " (" + invitationMaximumMinutes + " minutes), the hospital's maximum");
        }
        return InvitationLifetime.ofMinutes(minutes);
    }

    private static String spoken(int minutes) {
        if (minutes % 1440 == 0) {
            return minutes / 1440 + (minutes == 1440 ? " day" : " days");
        }
        if (minutes % 60 == 0) {
            return minutes / 60 + (minutes == 60 ? " hour" : " hours");
        }
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }

    public InvitationLifetime defaultLifetime() {
        return InvitationLifetime.ofMinutes(invitationDefaultMinutes);
    }
}
