package org.consilium.domain.room;

import java.time.Instant;
import java.util.Objects;

/**
 * The hospital's consent to treatment by video (REQUIREMENTS D5), shown on the guest's join
 * page next to the privacy notice: a patient-guest ticks that they agree before they may wait
 * in the lobby. Versioned like the privacy notice ({@link VersionedNotice}), so that the
 * record of each visit names the text that was agreed to.
 *
 * @param changedBy the administrator who saved it, {@code system} for the first version
 */
public record ConsentToTreat(int version, String text, String sha256, Instant changedAt, String changedBy)
        implements VersionedNotice {

    public static final int MAX_LENGTH = PrivacyNotice.MAX_LENGTH;

    /**
     * Version 1, until an administrator writes the hospital's own (admin console, Room
     * policies): what a video visit is and what it cannot do, in plain words.
     */
    public static final String DEFAULT_TEXT = """
            A video visit is a consultation with a clinician over a video connection instead of in person. \
            The clinician can see and hear you, but cannot examine you physically, so some problems cannot \
            be assessed this way.

            The connection may fail or be poor. If that happens, or if the clinician decides that a video \
            visit is not enough for your care, they may end it and ask you to come in person or to seek \
            other care. In an emergency, call the emergency number instead.

            Taking part is your choice. You may withdraw your agreement at any time by telling the clinician \
            or leaving the call; this does not affect your right to care in person.""";

    public ConsentToTreat {
        if (version < 1) {
            throw new IllegalArgumentException("a consent to treat version is 1 or more");
        }
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** The consent text {@code text} (already {@link #clean cleaned}) as version {@code version}. */
    public static ConsentToTreat of(int version, String text, Instant changedAt, String changedBy) {
        return new ConsentToTreat(version, text, VersionedNotice.sha256(text), changedAt, changedBy);
    }

    /** The text as stored ({@link VersionedNotice#clean}), or IllegalArgumentException with a sentence. */
    public static String clean(String text) {
        return VersionedNotice.clean(text, "consent to treat", MAX_LENGTH);
    }
}
