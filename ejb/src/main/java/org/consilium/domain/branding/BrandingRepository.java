package org.consilium.domain.branding;

import java.time.Instant;
import org.consilium.domain.Username;

/** Where the branding is kept (one per installation, shared by its nodes). */
public interface BrandingRepository {

    /** The branding stored ({@link Branding#DEFAULTS} when none). */
    Branding current();

    /** As {@link #current()}, locked until the transaction ends (for a change). */
    Branding lock();

    void save(Branding branding, Username changedBy, Instant changedAt);
}
