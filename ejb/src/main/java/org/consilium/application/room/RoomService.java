package org.consilium.application.room;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.consilium.application.Caller;
import org.consilium.application.admin.StaffDirectory;
import org.consilium.domain.Role;
import org.consilium.domain.Username;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.room.GuestLabel;
import org.consilium.domain.room.Room;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.RoomKind;
import org.consilium.domain.room.RoomName;
import org.consilium.domain.room.RoomRepository;
import org.consilium.domain.room.RoomStatus;
import org.consilium.domain.room.Visit;
import org.consilium.domain.room.VisitRepository;

/**
 * Use cases of rooms: a clinician creates a room, lists the rooms they run or were invited
 * to, looks at one and its visits, names hosts, invites colleagues, and closes it. Each change is audited; each refusal too
 * (access-denied, with what was attempted).
 */
@Stateless
public class RoomService {

    private final RoomRepository rooms;
    private final VisitRepository visits;
    private final RoomAudit audit;
    private final Clock clock;
    private final Event<RoomClosed> closed;
    private final RoomPolicies policies;
    private final StaffDirectory directory;
    private final Event<RoomHostsChanged> hostsChanged;

    @Inject
    public RoomService(RoomRepository rooms, VisitRepository visits, RoomAudit audit, Clock clock,
                       Event<RoomClosed> closed, RoomPolicies policies, StaffDirectory directory,
                       Event<RoomHostsChanged> hostsChanged) {
        this.rooms = rooms;
        this.visits = visits;
        this.audit = audit;
        this.clock = clock;
        this.closed = closed;
        this.policies = policies;
        this.directory = directory;
        this.hostsChanged = hostsChanged;
    }

    protected RoomService() {
        this(null, null, null, null, null, null, null, null); // for the EJB container's proxy
    }

    /**
     * A new room owned by the caller (clinicians and administrators only).
     *
     * @param lobby whether staff who do not run the room wait in its lobby; null: the room
     *              policy's default (guests always wait)
     */
    public Room create(Caller caller, RoomName name, RoomKind kind, Boolean lobby) {
        return create(caller, name, kind, lobby, null);
    }

    /**
     * As above, with what guests see of the room instead of its name.
     *
     * @param guestLabel null: the default ({@link GuestLabel#DEFAULT})
     * @throws InvalidGuestLabel when the label is the room's name (nothing is created)
     */
    public Room create(Caller caller, RoomName name, RoomKind kind, Boolean lobby, GuestLabel guestLabel) {
        if (!Room.mayBeCreatedBy(caller.identity())) {
            throw audit.denied(caller, "create-room", null, "Only clinicians and administrators can create rooms.");
        }
        boolean lobbyEnabled = lobby == null ? policies.current().lobbyByDefault() : lobby;
        Room room = Room.create(RoomId.random(), name, kind, caller.identity(), lobbyEnabled, now());
        labelled(room, guestLabel);
        rooms.add(room);
        var created = audit.by(caller, AuditAction.ROOM_CREATED, room.id().auditTarget())
                .detail("kind", kind.code()).detail("lobby", Boolean.toString(lobbyEnabled));
        if (guestLabel != null) {
            created.detail("guestLabel", "set"); // never the text
        }
        audit.record(created);
        return room;
    }

    /**
     * What guests see of the room from now on instead of its name (its owner and hosts may;
     * a call going on keeps what it showed). Audited without the text: it is meant to say
     * nothing of the patient, but the trail does not rely on that.
     *
     * @param label null: back to the default ({@link GuestLabel#DEFAULT})
     * @throws InvalidGuestLabel when the label is the room's name (nothing changes)
     */
    public Room changeGuestLabel(Caller caller, RoomId id, GuestLabel label) {
        Room room = find(id);
        if (!room.mayHaveGuestLabelChangedBy(caller.identity())) {
            throw audit.denied(caller, "change-guest-label", id.auditTarget(),
                    "Only the owner and the hosts of this room can change what guests see of it.");
        }
        if (labelled(room, label)) {
            audit.record(audit.by(caller, AuditAction.ROOM_GUEST_LABEL_CHANGED, id.auditTarget())
                    .detail("guestLabel", label == null ? "default" : "set"));
        }
        return room;
    }

    private static boolean labelled(Room room, GuestLabel label) {
        try {
            return room.labelForGuests(label);
        } catch (IllegalArgumentException invalid) {
            throw new InvalidGuestLabel(invalid.getMessage());
        }
    }

    /**
     * The rooms the caller owns, hosts or was invited to (administrators: every room), newest first.
     *
     * @param status only rooms in this state; null for all
     */
    public List<Room> visibleTo(Caller caller, RoomStatus status) {
        if (caller.identity().has(Role.ADMIN)) {
            return rooms.all(status);
        }
        return rooms.listedFor(caller.identity().username(), status);
    }

    /** How many people are in each of these rooms' calls now (rooms whose call is empty or not going on are left out). */
    public java.util.Map<RoomId, Integer> peopleInCalls(List<Room> listed) {
        return visits.presentIn(listed.stream().filter(Room::isOpen).map(Room::id).toList());
    }

    public Room get(Caller caller, RoomId id) {
        Room room = find(id);
        if (!room.isVisibleTo(caller.identity())) {
            throw audit.denied(caller, "view-room", id.auditTarget(), "Only the owner and the hosts of this room can see it.");
        }
        return room;
    }

    /** The room's visits, most recent first (who took part, as what, from when to when). */
    public List<Visit> visits(Caller caller, RoomId id) {
        Room room = find(id);
        if (!room.isVisibleTo(caller.identity())) {
            throw audit.denied(caller, "view-visits", id.auditTarget(), "Only the owner and the hosts of this room can see its visits.");
        }
        List<Visit> history = visits.of(id);
        audit.record(audit.by(caller, AuditAction.VISITS_VIEWED, id.auditTarget())
                .detail("visits", Integer.toString(history.size())));
        return history;
    }

    /**
     * Closes the room for good; a visit still going on ends now, and everyone in it leaves.
     * Once the change is committed, its live call (if any) ends for everyone, lobby
     * included ({@link RoomClosed}); the visit has ended here, once.
     *
     * @throws org.consilium.domain.room.RoomRuleViolation when it is closed already
     */
    public Room close(Caller caller, RoomId id) {
        Room room = find(id);
        if (!room.mayBeClosedBy(caller.identity())) {
            throw audit.denied(caller, "close-room", id.auditTarget(), "Only the owner and the hosts of this room can close it.");
        }
        Instant now = now();
        room.close(now);
        Optional<Visit> current = visits.current(id);
        current.ifPresent(visit -> visit.end(now));
        current.ifPresent(visit -> audit.record(audit.by(caller, AuditAction.VISIT_ENDED, visit.id().auditTarget())
                .detail("room", id.auditTarget()).detail("reason", "room-closed")));
        audit.record(audit.by(caller, AuditAction.ROOM_CLOSED, id.auditTarget()));
        closed.fire(new RoomClosed(id));
        return room;
    }

    /** Names {@code host} as a host of the room (its owner and administrators may). */
    public Room addHost(Caller caller, RoomId id, Username host) {
        Room room = find(id);
        if (!room.mayHaveHostsChangedBy(caller.identity())) {
            throw audit.denied(caller, "add-host", id.auditTarget(), "Only the owner of this room can name its hosts.");
        }
        requireInDirectory(host); // after the refusal above: only who may name hosts learns who exists
        if (room.addHost(host)) {
            audit.record(audit.by(caller, AuditAction.ROOM_HOST_ADDED, id.auditTarget()).detail("host", host.value()));
            hostsChanged.fire(new RoomHostsChanged(id, host, true));
        }
        return room;
    }

    /** {@code host} no longer hosts the room (its owner and administrators may). */
    public Room removeHost(Caller caller, RoomId id, Username host) {
        Room room = find(id);
        if (!room.mayHaveHostsChangedBy(caller.identity())) {
            throw audit.denied(caller, "remove-host", id.auditTarget(), "Only the owner of this room can change its hosts.");
        }
        if (room.removeHost(host)) {
            audit.record(audit.by(caller, AuditAction.ROOM_HOST_REMOVED, id.auditTarget()).detail("host", host.value()));
            hostsChanged.fire(new RoomHostsChanged(id, host, false));
        }
        return room;
    }

    /**
     * Invites {@code colleague} by name (the room's owner and hosts may): the room shows on
     * their home page, and they may join its calls, through the lobby when it is on.
     */
    public Room inviteColleague(Caller caller, RoomId id, Username colleague) {
        Room room = find(id);
        if (!room.mayInviteGuests(caller.identity())) {
            throw audit.denied(caller, "invite-colleague", id.auditTarget(),
                    "Only the owner and the hosts of this room can invite colleagues to it.");
        }
        requireInDirectory(colleague); // after the refusal above: only who may invite learns who exists
        if (room.inviteColleague(colleague)) {
            audit.record(audit.by(caller, AuditAction.ROOM_COLLEAGUE_INVITED, id.auditTarget())
                    .detail("colleague", colleague.value()));
        }
        return room;
    }

    /** Takes back a colleague's invitation (the room's owner and hosts may); a call they are in goes on. */
    public Room withdrawColleague(Caller caller, RoomId id, Username colleague) {
        Room room = find(id);
        if (!room.mayInviteGuests(caller.identity())) {
            throw audit.denied(caller, "withdraw-colleague", id.auditTarget(),
                    "Only the owner and the hosts of this room can take back a colleague's invitation.");
        }
        if (room.withdrawColleague(colleague)) {
            audit.record(audit.by(caller, AuditAction.ROOM_COLLEAGUE_WITHDRAWN, id.auditTarget())
                    .detail("colleague", colleague.value()));
        }
        return room;
    }

    /** A host is someone of the hospital's directory, not a name that might be one some day. */
    private void requireInDirectory(Username who) {
        StaffDirectory.Lookup lookup = directory.lookup(who);
        if (lookup.found()) {
            return;
        }
        if (lookup.problem().isPresent()) {
            throw new DirectoryUnavailable("The directory could not be asked whether " + who.value()
                    + " exists; try again in a moment.");
        }
        throw new UnknownStaff(who);
    }

    private Room find(RoomId id) {
        return rooms.find(id).orElseThrow(() -> new RoomNotFound(id));
    }

    /** Now, to the microsecond the database keeps, so what a call returns is what a later read shows. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
