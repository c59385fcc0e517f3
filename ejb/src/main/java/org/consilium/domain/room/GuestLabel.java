package org.consilium.domain.room;

import java.util.Locale;
import java.util.Optional;

/**
 * What guests see of a room instead of its name ("Dr. Ortiz's clinic"), chosen by whoever
 * runs the room. A room's internal name may say who the patient is ("Follow-up J. Smith"),
 * and an invitation link can be forwarded, so guests never see the name: before admission,
 * in the lobby, in the call and when it ends they see this label, or {@link #DEFAULT} when
 * the room has none. The default never derives from the room or its owner (minimum
 * necessary: even a clinician's name can tell which clinic, and so which condition).
 */
public record GuestLabel(String value) {

    public static final int MAX_LENGTH = 80;

    /** What guests see when the room has no label of its own. */
    public static final String DEFAULT = "Video visit";

    /** @throws IllegalArgumentException when blank, longer than 80 characters, or holding control characters */
    public GuestLabel {
        value = DisplayText.clean(value, "The label for guests", MAX_LENGTH);
    }

    /**
     * A label for a room called {@code roomName}: not the name itself (then guests would see
     * it after all), compared without case and surrounding spaces.
     *
     * @throws IllegalArgumentException with a sentence a person can act on
     */
    public static GuestLabel forRoom(String label, String roomName) {
        GuestLabel made = new GuestLabel(label);
        if (roomName != null && made.value.toLowerCase(Locale.ROOT).equals(roomName.strip().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("The label for guests must not be the room's name: guests see the label, "
                    + "and the name may say who the patient is");
        }
        return made;
    }

    /** What guests see: the label, or the default when there is none. */
    public static String shown(Optional<GuestLabel> label) {
        return label.map(GuestLabel::value).orElse(DEFAULT);
    }

    @Override
    public String toString() {
        return value;
    }
}
