package org.consilium.server.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.server.admin.ConsoleUser;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.Poll;
import org.consilium.server.support.Ports;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every reason the bridge drops packets for is visible, with its count: on the admin
 * dashboard and in Prometheus text on the management interface's {@code /metrics}. Forged
 * datagrams from an address no browser uses are counted under their own reasons there.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class MediaDropsIT {

    private static final InetSocketAddress MEDIA_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(),
            Integer.getInteger("consilium.it.media.port", 10100));
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Pattern METRIC = Pattern.compile(
            "(?m)^consilium_media_dropped_packets_total\\{([^}]*)}\\s+([0-9.Ee+]+)$");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void forgedDatagramsAreCountedPerReasonOnTheMetricsEndpointAndTheDashboard() throws Exception {
        String before = metrics();
        long unknownAddress = dropped(before, "port", "UNKNOWN_ADDRESS");
        long unknownProtocol = dropped(before, "port", "UNKNOWN_PROTOCOL");
        for (String reason : new String[] {"DTLS_MALFORMED", "DTLS_WRONG_EPOCH", "DTLS_NOT_AUTHENTICATED",
                "SRTP_AUTHENTICATION_FAILED", "UNDECLARED_SSRC"}) {
            assertTrue(dropped(before, "endpoint", reason) >= 0, reason + " is on the endpoint even at 0");
        }

        Random random = new Random(18);
        try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            for (int i = 0; i < 5; i++) {
                byte[] srtpLike = new byte[40 + random.nextInt(100)];
                random.nextBytes(srtpLike);
                srtpLike[0] = (byte) 0x80;
                stranger.send(new DatagramPacket(srtpLike, srtpLike.length, MEDIA_PORT));
            }
            byte[] nothingWeSpeak = {(byte) 0x40, 1, 2, 3};
            stranger.send(new DatagramPacket(nothingWeSpeak, nothingWeSpeak.length, MEDIA_PORT));
        }

        String after = Poll.until(DEADLINE, this::metrics,
                m -> dropped(m, "port", "UNKNOWN_ADDRESS") >= unknownAddress + 5
                        && dropped(m, "port", "UNKNOWN_PROTOCOL") >= unknownProtocol + 1, "the forged datagrams counted");
        assertTrue(after.contains("# TYPE consilium_media_dropped_packets_total counter"), "a counter, by Prometheus' rules");
        assertTrue(after.contains("consilium_media_conferences"), "conferences too");

        Browserless admin = ConsoleUser.verifiedSession("srivera");
        HttpResponse<String> json = admin.get("/admin/dashboard.json");
        assertEquals(200, json.statusCode());
        for (String key : new String[] {"port-unknown-address", "port-unknown-protocol", "endpoint-dtls-malformed",
                "endpoint-dtls-wrong-epoch", "endpoint-dtls-not-authenticated", "endpoint-srtp-authentication-failed"}) {
            assertTrue(json.body().contains("\"key\":\"" + key + "\""), key + " on the dashboard: " + json.body());
        }
        long onDashboard = figure(json.body(), "port-unknown-address");
        assertTrue(onDashboard >= unknownAddress + 5, "the dashboard counts them too: " + onDashboard);
        HttpResponse<String> page = admin.get("/admin/");
        assertTrue(page.body().contains("id=\"drop-endpoint-dtls-malformed\""), "the page lists every reason");
    }

    private String metrics() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + Ports.MANAGEMENT + "/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /** The count of one reason in a scrape; fails if the reason is not there at all. */
    private static long dropped(String metrics, String where, String reason) {
        Matcher line = METRIC.matcher(metrics);
        while (line.find()) {
            String labels = line.group(1);
            if (labels.contains("where=\"" + where + "\"") && labels.contains("reason=\"" + reason + "\"")) {
                return (long) Double.parseDouble(line.group(2));
            }
        }
        throw new AssertionError("no consilium_media_dropped_packets_total{where=" + where + ",reason=" + reason
                + "} in the scrape");
    }

    private static long figure(String json, String key) {
        Matcher value = Pattern.compile("\"key\":\"" + key + "\",\"label\":\"[^\"]*\",\"value\":\"([0-9,]+)\"").matcher(json);
        assertTrue(value.find(), key + " in " + json);
        return Long.parseLong(value.group(1).replace(",", ""));
    }
}
