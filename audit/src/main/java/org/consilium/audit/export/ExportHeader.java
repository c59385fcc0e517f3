package org.consilium.audit.export;

import java.time.Instant;

/**
 * The first line of an export: the time range the auditor asked for and when the file was
 * written. It is informational: no hash or signature covers it.
 */
public record ExportHeader(Instant from, Instant to, Instant exportedAt) {

    public static final String TYPE = "consilium-audit-export";
    public static final int VERSION = 1;

    public ExportHeader {
        if (from == null || to == null || exportedAt == null) {
            throw new IllegalArgumentException("from, to and exportedAt must not be null");
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from must not be after to");
        }
    }
}
