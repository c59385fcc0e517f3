package org.consilium.web.api;

/**
 * Body of {@code POST /api/rooms}.
 *
 * @param displayName 1 to 120 characters, no control characters
 * @param kind        {@code visit}, {@code consult} or {@code bedside}
 * @param lobby       whether staff who do not run the room wait in the lobby (default: the room policy, on unless an administrator changed it; guests always do)
 * @param guestLabel  what guests see instead of the name, 1 to 80 characters (default: "Video visit")
 */
public record CreateRoomRequest(String displayName, String kind, Boolean lobby, String guestLabel) {
}
