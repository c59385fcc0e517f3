package org.consilium.domain.recording;

import java.time.Instant;
import java.util.Objects;
import org.consilium.domain.room.PrivacyNotice;
import org.consilium.domain.room.VersionedNotice;

/**
 * What everyone in a call reads before they are recorded, and answers. Versioned as the
 * guests' privacy notice is ({@link PrivacyNotice}): a consent record names the version and
 * the SHA-256 of the text that was shown. Administrators change it in the console
 * (Recordings); each text saved is a new version ({@link VersionedNotice}).
 */
public record RecordingNotice(int version, String text, String sha256, Instant changedAt, String changedBy)
        implements VersionedNotice {

    /** Read on a phone during a call, before answering: as long as the privacy notice at most. */
    public static final int MAX_LENGTH = PrivacyNotice.MAX_LENGTH;

    /** Version 1, until an administrator writes the hospital's own. */
    public static final String DEFAULT_TEXT = """
            A host has started recording this visit. The hospital keeps the recording, encrypted, \
            as part of the record of your care, for as long as its policy says, and only the people \
            caring for you may watch it.

            Your camera and microphone are recorded only if you agree. If you do not, the visit goes \
            on as before and nothing of yours is recorded. You can change your answer at any time \
            during the visit.""";

    public RecordingNotice {
        if (version < 1) {
            throw new IllegalArgumentException("a recording notice version is 1 or more");
        }
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sha256, "sha256");
    }

    public static RecordingNotice of(int version, String text, Instant changedAt, String changedBy) {
        return new RecordingNotice(version, text, VersionedNotice.sha256(text), changedAt, changedBy);
    }

    /**
     * The text as stored ({@link VersionedNotice#clean}: 1 to 4,000 characters, no control or
     * invisible formatting characters).
     *
     * @throws IllegalArgumentException with a sentence a person can act on
     */
    public static String clean(String text) {
        return VersionedNotice.clean(text, "recording notice", MAX_LENGTH);
    }
}
