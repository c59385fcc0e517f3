package org.consilium.application.call;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.Role;
import org.consilium.domain.StaffIdentity;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.room.Guest;
import org.consilium.domain.room.Room;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.RoomRepository;
import org.consilium.domain.room.VisitRole;
import org.consilium.videobridge.Videobridge;

/**
 * The live calls of this node, one per room with someone connected. Decides who may
 * connect to a room's call and in which role; the call itself decides the rest.
 */
@ApplicationScoped
public class CallRegistry {

    private static final Logger LOG = Logger.getLogger(CallRegistry.class.getName());

    private final Map<String, LiveCall> calls = new ConcurrentHashMap<>();

    @Inject
    Instance<Videobridge> bridge;

    @Inject
    RoomRepository rooms;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** A staff member's connection: owner and hosts by right, any other staff member to the lobby. */
    public Connected connectStaff(StaffIdentity who, String clientAddress, String roomId, CallConnection connection) {
        Room room = openRoom(roomId).orElseThrow(() -> new CallRefused("forbidden", "there is no open room " + roomId));
        if (!who.hasAnyRole()) {
            throw new CallRefused("forbidden", "your directory account has no Consilium role");
        }
        CallMember.Role role = room.roleOf(who.username())
                .map(r -> r == VisitRole.OWNER ? CallMember.Role.OWNER : CallMember.Role.HOST)
                .orElse(CallMember.Role.STAFF);
        List<String> roles = who.roles().stream().map(Role::roleName).sorted().toList();
        return connect(room, new CallMember(newId(), who.username().value(), who.displayName(), role, connection,
                roles, clientAddress));
    }

    /** A guest's connection, always to the lobby, and only to the room of their invitation. */
    public Connected connectGuest(Guest guest, String clientAddress, String roomId, CallConnection connection) {
        if (!guest.room().toString().equals(roomId)) {
            throw new CallRefused("forbidden", "your invitation is for another room");
        }
        Room room = openRoom(roomId).orElseThrow(() -> new CallRefused("forbidden", "the room is closed"));
        return connect(room, new CallMember(newId(), guest.principalName(), guest.name().value(), CallMember.Role.GUEST,
                connection, List.of(), clientAddress));
    }

    /** The connection ended: the member leaves, and an empty call ends with its bridge conference. */
    public void disconnected(Connected connected) {
        LiveCall call = connected.call();
        call.disconnected(connected.member());
        synchronized (calls) {
            if (call.isEmpty() && calls.remove(call.roomId(), call)) {
                bridge.get().expireConference(call.roomId());
            }
        }
    }

    /** A connected member and their call, what the signaling endpoint keeps per connection. */
    public record Connected(LiveCall call, CallMember member) {
    }

    private Connected connect(Room room, CallMember member) {
        LiveCall call;
        synchronized (calls) {
            call = calls.computeIfAbsent(room.id().toString(), id -> new LiveCall(id, room.displayName(),
                    bridge.get().conference(id), clock, new AuditedCallEvents()));
        }
        call.connect(member);
        return new Connected(call, member);
    }

    private Optional<Room> openRoom(String roomId) {
        try {
            return rooms.find(RoomId.parse(roomId)).filter(Room::isOpen);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    @PreDestroy
    void endAll() {
        calls.values().forEach(call -> call.closeForEveryone("The server is shutting down."));
        calls.clear();
    }

    /** The call's news, into the audit trail (target: the room). */
    private final class AuditedCallEvents implements CallEvents {

        @Override
        public void joined(LiveCall call, CallMember member) {
            record(AuditAction.PARTICIPANT_JOINED, member, call, null);
        }

        @Override
        public void left(LiveCall call, CallMember member) {
            record(AuditAction.PARTICIPANT_LEFT, member, call, null);
        }

        @Override
        public void admitted(LiveCall call, CallMember host, CallMember member) {
            record(AuditAction.LOBBY_ADMITTED, host, call, member);
        }

        @Override
        public void denied(LiveCall call, CallMember host, CallMember member) {
            record(AuditAction.LOBBY_DENIED, host, call, member);
        }

        @Override
        public void removed(LiveCall call, CallMember host, CallMember member) {
            record(AuditAction.PARTICIPANT_REMOVED, host, call, member);
        }

        @Override
        public void locked(LiveCall call, CallMember host, boolean locked) {
            record(AuditAction.ROOM_LOCKED, host, call, null);
        }

        @Override
        public void screenShare(LiveCall call, CallMember member, boolean active) {
            record(active ? AuditAction.SCREEN_SHARE_STARTED : AuditAction.SCREEN_SHARE_STOPPED, member, call, null);
        }

        private void record(AuditAction action, CallMember actor, LiveCall call, CallMember subject) {
            try {
                AuditEvent.Builder event = AuditEvent.of(action, actor.principal(), actor.roles()).from(actor.clientAddress())
                        .target("room:" + call.roomId()).detail("role", actor.role().code());
                if (subject != null) {
                    event.detail("participant", subject.principal());
                }
                audit.record(event.build());
            } catch (RuntimeException failed) {
                LOG.log(Level.SEVERE, "Could not audit " + action.code() + " in room " + call.roomId(), failed);
            }
        }
    }
}
