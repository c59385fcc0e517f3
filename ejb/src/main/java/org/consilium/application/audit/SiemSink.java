package org.consilium.application.audit;

import java.io.IOException;
import java.util.List;
import org.consilium.audit.chain.AuditRecord;

/** Where audit records are streamed to (the hospital's SIEM); all of a batch or an exception. */
public interface SiemSink {

    /** Names the target, for its delivery cursor (e.g. {@code syslog-tls://siem.example:6514}). */
    String target();

    void send(List<AuditRecord> records) throws IOException;
}
