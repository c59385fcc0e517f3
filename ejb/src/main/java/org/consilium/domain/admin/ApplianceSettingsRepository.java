package org.consilium.domain.admin;

import java.time.Instant;

/** Where the appliance settings are kept (one per installation, shared by its nodes). */
public interface ApplianceSettingsRepository {

    /** The settings stored ({@link ApplianceSettings#DEFAULTS} when none). */
    ApplianceSettings current();

    /** As {@link #current()}, locked until the transaction ends (for a change). */
    ApplianceSettings lock();

    void save(ApplianceSettings settings, org.consilium.domain.Username changedBy, Instant changedAt);
}
