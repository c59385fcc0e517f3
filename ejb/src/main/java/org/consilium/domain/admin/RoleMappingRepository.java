package org.consilium.domain.admin;

import java.time.Instant;
import java.util.Optional;
import org.consilium.domain.Username;

/** Where the console's group-to-role mapping is kept (one per installation, shared by its nodes). */
public interface RoleMappingRepository {

    /** The mapping an administrator put in place of the configured one, and who did it when; empty mapping: none. */
    record Stored(Optional<RoleMapping> mapping, Optional<Instant> changedAt, Optional<String> changedBy) {
    }

    Stored current();

    /** As {@link #current()}, locked until the transaction ends (for a change). */
    Stored lock();

    /** Stores {@code mapping}, or none (the configured mapping applies again). */
    void save(Optional<RoleMapping> mapping, Username changedBy, Instant changedAt);
}
