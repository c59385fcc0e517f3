package org.consilium.application.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Set;
import org.consilium.application.Caller;
import org.consilium.application.room.RoomAccessDenied;
import org.consilium.application.room.RoomService;
import org.consilium.application.room.RoomServiceException;
import org.consilium.domain.Role;
import org.consilium.domain.StaffIdentity;
import org.consilium.domain.Username;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.RoomRuleViolation;

/**
 * A call's owner names a co-host through the room service, exactly as the API would: the same
 * rule (the owner names hosts), the same directory check, the same audit event; the service's
 * event then tells the live call.
 */
@ApplicationScoped
public class RoomHostsOfRecord implements RoomHosts {

    @Inject
    RoomService rooms;

    @Override
    public void name(String roomId, CallMember owner, String username, boolean host) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        owner.roles().forEach(name -> Role.fromRoleName(name).ifPresent(roles::add));
        Caller caller = new Caller(new StaffIdentity(new Username(owner.principal()), owner.displayName(), roles),
                owner.clientAddress());
        RoomId room = RoomId.parse(roomId);
        try {
            if (host) {
                rooms.addHost(caller, room, new Username(username));
            } else {
                rooms.removeHost(caller, room, new Username(username));
            }
        } catch (RoomAccessDenied denied) {
            throw new CallRefused("forbidden", denied.getMessage());
        } catch (RoomServiceException | RoomRuleViolation refused) {
            throw new CallRefused("invalid", refused.getMessage());
        }
    }
}
