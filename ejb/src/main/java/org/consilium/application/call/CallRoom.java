package org.consilium.application.call;

/**
 * What a live call knows of its room, fixed when the call starts: its id (which names the
 * bridge conference), its name (shown to the people in it, never logged), and its places
 * (people in the call at once, by the room's kind).
 */
public record CallRoom(String id, String name, int places) {
}
