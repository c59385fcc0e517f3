package org.consilium.application.call;

/**
 * What a live call knows of its room, fixed when the call starts: its id (which names the
 * bridge conference), its name (shown to staff in it, never logged), what guests see
 * instead of the name (the room's label for guests, docs/security.md "What guests see"),
 * its places (people in the call at once, by the room's kind), and whether staff who do not
 * run the room wait in its lobby ({@link Admission}).
 */
public record CallRoom(String id, String name, String guestLabel, int places, boolean lobbyEnabled) {

    /** A room whose guests see the default label. */
    public CallRoom(String id, String name, int places, boolean lobbyEnabled) {
        this(id, name, org.consilium.domain.room.GuestLabel.DEFAULT, places, lobbyEnabled);
    }

    /** What {@code member} is told the room is called: guests get the label, never the name. */
    String nameFor(CallMember member) {
        return member.role() == CallMember.Role.GUEST ? guestLabel : name;
    }
}
