package org.consilium.domain.room;

import java.io.Serializable;

/** The name a guest gives when opening an invitation, shown to the host in the lobby. */
public record GuestName(String value) implements Serializable {

    public static final int MAX_LENGTH = 64;

    /** @throws IllegalArgumentException when blank, longer than 64 characters, or holding control characters */
    public GuestName {
        value = DisplayText.clean(value, "Your name", MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}
