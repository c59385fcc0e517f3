package org.consilium.domain.room;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A guest's acknowledgement of a versioned notice on the join page (the privacy notice, read;
 * the consent to treat, agreed to): which version (and the SHA-256 of its text, so the record
 * says what was read even if versions were renumbered) and when. Kept with the guest's
 * session and recorded on their stint of the visit.
 */
public record NoticeAcknowledgement(int version, String sha256, Instant at) implements Serializable {

    public NoticeAcknowledgement {
        if (version < 1) {
            throw new IllegalArgumentException("a notice version is 1 or more");
        }
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(at, "at");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a SHA-256 is 64 lower-case hex digits");
        }
    }

    /** The acknowledgement of {@code notice}, at {@code at}. */
    public static NoticeAcknowledgement of(VersionedNotice notice, Instant at) {
        return new NoticeAcknowledgement(notice.version(), notice.sha256(), at);
    }
}
