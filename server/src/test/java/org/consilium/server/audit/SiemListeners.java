package org.consilium.server.audit;

import java.nio.file.Path;
import java.util.List;

/** A test SIEM for tests of other packages: a syslog-over-TLS listener trusted through the server's configured CA file. */
public final class SiemListeners {

    private SiemListeners() {
    }

    /** Makes a fresh certificate (written as the server's consilium.siem.ca-file) and listens on {@code port}. */
    public static AutoCloseable start(int port, List<String> received) throws Exception {
        Path caFile = Path.of(System.getProperty("consilium.it.siem.ca-file", "target/siem/ca.pem"));
        return SyslogTlsListener.start(SyslogTlsListener.makeCertificate(Path.of("target", "siem"), caFile), port, received);
    }
}
