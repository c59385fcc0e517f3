package org.consilium.domain.room;

import java.time.Instant;

/** The consent to treat's versions (table {@code consent_to_treat}). */
public interface ConsentToTreatRepository {

    /** The version in force: the highest. */
    ConsentToTreat current();

    /**
     * Stores {@code text} as the next version, unless it is the text in force already.
     *
     * @return the version in force afterwards
     */
    ConsentToTreat save(String text, String changedBy, Instant changedAt);
}
