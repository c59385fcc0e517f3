package org.consilium.domain.room;

import java.time.Instant;

/** The privacy notice's versions (table {@code privacy_notice}). */
public interface PrivacyNoticeRepository {

    /** The version in force: the highest. */
    PrivacyNotice current();

    /**
     * Stores {@code text} as the next version, unless it is the text in force already.
     *
     * @return the version in force afterwards
     */
    PrivacyNotice save(String text, String changedBy, Instant changedAt);
}
