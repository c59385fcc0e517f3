package org.consilium.application.call;

/**
 * What a live call knows of its room, fixed when the call starts: its id (which names the
 * bridge conference), its name (shown to the people in it, never logged), its places
 * (people in the call at once, by the room's kind), and whether staff who do not run the
 * room wait in its lobby ({@link Admission}).
 */
public record CallRoom(String id, String name, int places, boolean lobbyEnabled) {
}
