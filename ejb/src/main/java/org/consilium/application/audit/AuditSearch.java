package org.consilium.application.audit;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.OptionalLong;
import org.consilium.application.Caller;
import org.consilium.audit.chain.AuditRecord;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditCriteria;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.audit.AuditLog;

/**
 * Use case: an auditor or administrator reads the trail, a page at a time (newest first,
 * keyset on the sequence). Reading is itself audited, before anything is read: each page
 * asked for is an {@code audit-searched} event naming the criteria (never the results).
 */
@Stateless
public class AuditSearch {

    public static final int MAX_PAGE_SIZE = 200;

    @Inject
    AuditLog log;

    @Inject
    AuditTrail trail;

    /**
     * @param before the {@link AuditPage#olderBefore} of the previous page, or empty for the newest
     */
    public AuditPage search(Caller caller, AuditCriteria criteria, OptionalLong before, int pageSize) {
        int size = Math.max(1, Math.min(MAX_PAGE_SIZE, pageSize));
        AuditEvent.Builder event = AuditEvent.of(AuditAction.AUDIT_SEARCHED, caller.username(), caller.roleNames())
                .from(caller.clientAddress()).target("audit");
        criteria.asDetails().forEach(event::detail);
        before.ifPresent(sequence -> event.detail("before", Long.toString(sequence)));
        trail.record(event.build());

        List<AuditRecord> found = log.search(criteria, before.orElse(Long.MAX_VALUE), size + 1);
        boolean more = found.size() > size;
        List<AuditRecord> page = more ? found.subList(0, size) : found;
        return new AuditPage(page, more ? OptionalLong.of(page.get(page.size() - 1).sequence()) : OptionalLong.empty());
    }
}
