package org.consilium.domain.recording;

import java.util.Locale;

/**
 * A participant's answer to the recording's consent question. {@link #WITHDRAWN} is a
 * consent taken back while the recording runs: their media stops being written from then on
 * (what was written before stays, as they agreed to it then).
 */
public enum ConsentDecision {
    GIVEN, DECLINED, WITHDRAWN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this participant's media is to be written. */
    public boolean recorded() {
        return this == GIVEN;
    }
}
