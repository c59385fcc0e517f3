package org.consilium.domain.room;

/** A room is open until someone with the right closes it; closed rooms stay for the record. */
public enum RoomStatus {
    OPEN("open"),
    CLOSED("closed");

    private final String code;

    RoomStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
