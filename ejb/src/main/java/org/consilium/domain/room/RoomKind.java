package org.consilium.domain.room;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a room is for (REQUIREMENTS C2). The kind fixes how many people may be in one of
 * its visits at once, hosts and guests included.
 */
public enum RoomKind {
    /** A video visit: clinician and patient, perhaps an interpreter or a family member. */
    VISIT("visit", 4),
    /** A multi-party consult, up to a tumor board of 40 specialists. */
    CONSULT("consult", 40),
    /** A tele-ICU bedside room: the bedside device, the hub intensivist, a few colleagues or family. */
    BEDSIDE("bedside", 8);

    private final String code;
    private final int maxParticipants;

    RoomKind(String code, int maxParticipants) {
        this.code = code;
        this.maxParticipants = maxParticipants;
    }

    /** The name in the API ({@code visit}, {@code consult}, {@code bedside}). */
    public String code() {
        return code;
    }

    public int maxParticipants() {
        return maxParticipants;
    }

    public static Optional<RoomKind> fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
