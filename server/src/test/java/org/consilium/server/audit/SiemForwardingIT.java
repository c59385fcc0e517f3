package org.consilium.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.Poll;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The trail reaches a SIEM over syslog/TLS, and an outage of the SIEM loses nothing: what
 * happened meanwhile arrives, in order, once it listens again. The server is started with
 * {@code consilium.siem.*} pointing at this test's listener (arquillian.xml).
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class SiemForwardingIT {

    private static final int PORT = Integer.getInteger("consilium.it.siem.port", 16514);
    private static final Path CA_FILE = Path.of(System.getProperty("consilium.it.siem.ca-file", "target/siem/ca.pem"));
    private static final Pattern SEQUENCE = Pattern.compile("seq=\"(\\d+)\"");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void everyEventArrivesInOrderAlsoAfterTheSiemWasDown() throws Exception {
        Path keyStore = SyslogTlsListener.makeCertificate(Path.of("target", "siem"), CA_FILE);
        List<String> received = new CopyOnWriteArrayList<>();

        try (SyslogTlsListener siem = SyslogTlsListener.start(keyStore, PORT, received)) {
            failSignIn("siem-before");
            Poll.until(Duration.ofSeconds(30), () -> received, r -> contains(r, "siem-before"), "the first event at the SIEM");
        }

        // The SIEM is down: these wait in the audit table.
        for (int i = 0; i < 5; i++) {
            failSignIn("siem-during-" + i);
        }
        long lastDuringOutage = AuditDatabase.lastSequence();

        try (SyslogTlsListener siem = SyslogTlsListener.start(keyStore, PORT, received)) {
            Poll.until(Duration.ofSeconds(30), () -> received, r -> contains(r, "siem-during-4"), "the outage's events");
        }

        List<Long> sequences = new ArrayList<>();
        for (String message : received) {
            Matcher sequence = SEQUENCE.matcher(message);
            assertTrue(sequence.find(), message);
            sequences.add(Long.parseLong(sequence.group(1)));
        }
        long first = sequences.get(0);
        long last = sequences.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(last >= lastDuringOutage, "delivered up to the outage's last event");
        List<Long> distinct = sequences.stream().distinct().toList();
        assertEquals(last - first + 1, distinct.size(), "no sequence missing between " + first + " and " + last);
        assertEquals(distinct.stream().sorted().toList(), distinct, "in order (a repeat after a reconnect is allowed)");
        assertTrue(received.stream().anyMatch(m -> m.startsWith("<84>1 ") && m.contains("action=\"sign-in-failed\"")),
                "authpriv.warning for a failure (RFC 5424 PRI 10*8+4)");
    }

    private static boolean contains(List<String> messages, String actor) {
        return messages.stream().anyMatch(m -> m.contains("actor=\"" + actor + "\""));
    }

    private static void failSignIn(String username) throws Exception {
        assertEquals(401, new Browserless().postJson("/api/session",
                "{\"username\":\"" + username + "\",\"password\":\"x\"}").statusCode());
    }
}
