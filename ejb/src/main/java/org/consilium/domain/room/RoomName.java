package org.consilium.domain.room;

/** What a room is called where people see it ("Cardiology follow-up", "Tumor board, Tuesday"). */
public record RoomName(String value) {

    public static final int MAX_LENGTH = 120;

    /** @throws IllegalArgumentException when blank, longer than 120 characters, or holding control characters */
    public RoomName {
        value = DisplayText.clean(value, "A room name", MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}
