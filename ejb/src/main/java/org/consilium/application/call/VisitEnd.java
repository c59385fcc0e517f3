package org.consilium.application.call;

/** Why a live call's visit ended: the {@code reason} of its visit-ended audit event. */
public enum VisitEnd {
    /** Nobody came back within the empty-room timeout. */
    EMPTY("empty"),
    /** It reached the maximum visit length. */
    MAX_LENGTH("max-length"),
    /** Someone closed the room (RoomService ended and audited the visit itself). */
    ROOM_CLOSED("room-closed"),
    /** Found still open when the room's next visit started: the server stopped (or crashed) with it going on. */
    INTERRUPTED("interrupted");

    private final String code;

    VisitEnd(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
