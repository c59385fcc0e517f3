package org.consilium.application.audit;

import java.util.List;
import java.util.OptionalLong;
import org.consilium.audit.chain.AuditRecord;

/**
 * One page of a search, newest first.
 *
 * @param records     at most the page size
 * @param olderBefore the {@code before} for the next (older) page, empty on the last page
 */
public record AuditPage(List<AuditRecord> records, OptionalLong olderBefore) {

    public AuditPage {
        records = List.copyOf(records);
    }
}
