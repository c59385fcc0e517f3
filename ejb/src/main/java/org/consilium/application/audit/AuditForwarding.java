package org.consilium.application.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.consilium.audit.chain.AuditRecord;
import org.consilium.domain.audit.AuditLog;

/**
 * Use case: stream the trail to the SIEM, in order, at least once. The buffer for an outage
 * is the audit table itself: a cursor per target says how far delivery got, and nothing
 * after it is forgotten, however long the SIEM is away (or the server down).
 *
 * <p>A CDI bean, not an EJB: the forwarding timer calls it, and an EJB call waits until
 * every startup bean has started, which never happens when one fails; the undeploy that
 * follows would then wait for the timer forever.
 */
@ApplicationScoped
public class AuditForwarding {

    private final AuditLog log;
    private final Clock clock;

    @Inject
    public AuditForwarding(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    protected AuditForwarding() {
        this(null, null); // for the CDI proxy
    }

    /**
     * Sends the next batch after the target's cursor and moves the cursor past it.
     *
     * @return how many records were delivered (0: nothing pending)
     * @throws IOException the SIEM did not take the batch; the cursor stays where it was
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int forwardNext(SiemSink sink, int batch) throws IOException {
        long cursor = log.deliveredUpTo(sink.target());
        List<AuditRecord> pending = log.after(cursor, batch);
        if (pending.isEmpty()) {
            return 0;
        }
        sink.send(pending);
        log.delivered(sink.target(), pending.get(pending.size() - 1).sequence(), clock.instant());
        return pending.size();
    }
}
