package org.consilium.server.signaling;

import static org.consilium.server.signaling.CallFixtures.createRoom;
import static org.consilium.server.signaling.CallFixtures.chromiumOffer;
import static org.consilium.server.signaling.CallFixtures.json;
import static org.consilium.server.signaling.CallFixtures.jsonString;
import static org.consilium.server.support.DemoStaff.signedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.server.admin.ConsoleUser;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.Poll;
import org.consilium.server.support.Ports;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.videobridge.conference.LocalTransport;
import org.consilium.videobridge.dtls.Fingerprint;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.testing.SyntheticBrowser;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ICE-TCP (RFC 6544) through the real server: with {@code consilium.media.tcp-port} set
 * (through the management API, then a redeploy: the bridge reads it when the application
 * starts), readiness and the admin dashboard report the TCP port; the answer to a real
 * Chromium offer carries a passive TCP candidate on that port besides the UDP one; and two
 * participants whose only way to the bridge is a TCP connection (synthetic browsers with no
 * UDP socket at all, as on a VLAN that blocks UDP) join through signaling, connect (ICE,
 * DTLS) over TCP and hear each other: one's audio reaches the other, decrypted. The property
 * is removed and the application redeployed afterwards, so the other tests see UDP only.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class IceTcpIT {

    /** The server's media UDP port (arquillian.xml). */
    private static final int UDP_PORT = Integer.getInteger("consilium.it.media.port", 10100);
    /** The media TCP port of this test: next to the UDP port, so that runs with other ports do not collide. */
    private static final int TCP_PORT = UDP_PORT + 1;
    private static final String TCP_PORT_PROPERTY = "consilium.media.tcp-port";
    private static final ModelNode DEPLOYMENT = Operations.createAddress("deployment", "consilium.ear");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int OPUS = 111;
    private static final int ANA_AUDIO_SSRC = 0x1ce7c9;
    private static final Pattern TCP_CANDIDATE = Pattern.compile(
            "(?m)^a=candidate:\\S+ 1 tcp \\d+ (\\S+) (\\d+) typ host tcptype passive");
    private static final Pattern UDP_CANDIDATE = Pattern.compile("(?m)^a=candidate:\\S+ 1 udp \\d+ (\\S+) (\\d+) typ host");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void withTheTcpPortSetItIsReportedOfferedAndCarriesACallWithoutUdp() throws Exception {
        ModelNode property = Operations.createAddress("system-property", TCP_PORT_PROPERTY);
        management.getControllerClient().execute(Operations.createRemoveOperation(property)); // left over: start clean
        ModelNode add = Operations.createAddOperation(property);
        add.get("value").set(Integer.toString(TCP_PORT));
        execute(add);
        try {
            execute(Operations.createOperation("redeploy", DEPLOYMENT));

            // Reported: readiness (for monitoring) and the dashboard (for hospital IT).
            String ready = Poll.until(WAIT, this::readiness, r -> r.contains("\"tcpPort\":" + TCP_PORT),
                    "readiness reporting TCP port " + TCP_PORT);
            assertTrue(ready.contains("\"port\":" + UDP_PORT), ready);
            Browserless admin = ConsoleUser.verifiedSession("srivera");
            HttpResponse<String> dashboard = admin.get("/admin/dashboard.json");
            assertEquals(200, dashboard.statusCode());
            assertTrue(dashboard.body().contains("UDP port " + UDP_PORT + ", TCP port " + TCP_PORT), dashboard.body());

            Browserless ana = signedIn("aortiz");
            Browserless ben = signedIn("bokafor");

            // Offered: a real browser's offer gets a passive TCP candidate on the port, below UDP.
            String chromiumAnswer = answerTo(ana, createRoom(ana, "ICE-TCP offer"), chromiumOffer());
            InetSocketAddress offered = address(TCP_CANDIDATE, chromiumAnswer);
            assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), TCP_PORT), offered, chromiumAnswer);
            assertEquals(UDP_PORT, address(UDP_CANDIDATE, chromiumAnswer).getPort(), "UDP is still offered first");
            Fingerprint bridge = Fingerprint.parse(attribute(chromiumAnswer, "fingerprint"));

            // Used: two participants with TCP only hear each other.
            String room = createRoom(ana, "ICE-TCP call");
            try (SyntheticBrowser anaMedia = SyntheticBrowser.overTcp(offered, bridge);
                 SyntheticBrowser benMedia = SyntheticBrowser.overTcp(offered, bridge);
                 SignalingClient anaLine = SignalingClient.open(ana, room, SignalingClient.ORIGIN)) {
                anaLine.await("joined");
                connect(anaMedia, offer(anaLine, anaMedia, "sendonly", ANA_AUDIO_SSRC));

                try (SignalingClient benLine = SignalingClient.open(ben, room, SignalingClient.ORIGIN)) {
                    benLine.await("lobby");
                    anaLine.send("{\"type\":\"admit\",\"participant\":\""
                            + SignalingIT.idOf(anaLine.await("lobby-queue"), "Ben Okafor") + "\"}");
                    benLine.await("joined");
                    String benAnswer = offer(benLine, benMedia, "recvonly", 0);
                    Matcher slot = Pattern.compile("(?m)^a=ssrc:(\\d+) ").matcher(benAnswer);
                    assertTrue(slot.find(), "Ana's voice in Ben's slot: " + benAnswer);
                    int slotSsrc = Integer.parseUnsignedInt(slot.group(1));
                    connect(benMedia, benAnswer);

                    MediaPacket heard = null;
                    long deadline = System.nanoTime() + WAIT.toNanos();
                    for (int sequence = 1; heard == null && System.nanoTime() < deadline; sequence++) {
                        anaMedia.sendRtp(ANA_AUDIO_SSRC, sequence, OPUS, new byte[] {(byte) 0xf8, (byte) 0xff, (byte) 0xfe});
                        heard = benMedia.receiveRtp(Duration.ofMillis(20)); // a 20-ms Opus frame, as a microphone sends
                    }
                    assertNotNull(heard, "Ben heard Ana over TCP within " + WAIT);
                    assertEquals(slotSsrc, Rtp.ssrc(heard), "the SSRC the answer gave Ana's voice");
                    assertEquals(OPUS, Rtp.payloadType(heard));
                }
            }
        } finally {
            execute(Operations.createRemoveOperation(property));
            execute(Operations.createOperation("redeploy", DEPLOYMENT));
        }
        String udpOnly = Poll.until(WAIT, this::readiness, r -> r.contains("\"status\":\"UP\""), "ready again");
        assertFalse(udpOnly.contains("tcpPort"), "no TCP port once the property is gone: " + udpOnly);
    }

    /** Sends an audio-only offer of {@code browser} (one section, {@code direction}, with {@code ssrc} if not 0); the answer. */
    private static String offer(SignalingClient line, SyntheticBrowser browser, String direction, int ssrc) throws Exception {
        List<String> lines = new ArrayList<>(List.of("v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "a=group:BUNDLE 0", "m=audio 9 UDP/TLS/RTP/SAVPF " + OPUS, "c=IN IP4 0.0.0.0",
                "a=ice-ufrag:" + browser.iceUfrag(), "a=ice-pwd:" + browser.icePassword(),
                "a=fingerprint:" + browser.fingerprint().toSdpValue(), "a=setup:actpass", "a=mid:0", "a=rtcp-mux",
                "a=rtpmap:" + OPUS + " opus/48000/2", "a=" + direction));
        if (ssrc != 0) {
            lines.add("a=msid:- microphone");
            lines.add("a=ssrc:" + ssrc + " cname:ice-tcp");
        }
        line.send("{\"type\":\"offer\",\"sdp\":" + jsonString(String.join("\r\n", lines) + "\r\n") + "}");
        return json(line.await("answer")).asJsonObject().getString("sdp");
    }

    /** ICE (a nominating check) and DTLS over the browser's TCP connection, with the answer's credentials. */
    private static void connect(SyntheticBrowser browser, String answer) throws Exception {
        browser.connect(new LocalTransport(attribute(answer, "ice-ufrag"), attribute(answer, "ice-pwd"), true, List.of(),
                Fingerprint.parse(attribute(answer, "fingerprint"))));
    }

    /** The answer to {@code offer} of the room's owner, alone in {@code room}; the owner leaves afterwards. */
    private static String answerTo(Browserless owner, String room, String offer) throws Exception {
        try (SignalingClient line = SignalingClient.open(owner, room, SignalingClient.ORIGIN)) {
            line.await("joined");
            line.send("{\"type\":\"offer\",\"sdp\":" + jsonString(offer) + "}");
            String answer = json(line.await("answer")).asJsonObject().getString("sdp");
            line.send("{\"type\":\"leave\"}");
            return answer;
        }
    }

    private static InetSocketAddress address(Pattern candidate, String sdp) {
        Matcher found = candidate.matcher(sdp);
        assertTrue(found.find(), candidate + " in " + sdp);
        return new InetSocketAddress(found.group(1), Integer.parseInt(found.group(2)));
    }

    private static String attribute(String sdp, String name) {
        Matcher found = Pattern.compile("(?m)^a=" + Pattern.quote(name) + ":(.+?)\\r?$").matcher(sdp);
        assertTrue(found.find(), "a=" + name + " in " + sdp);
        return found.group(1);
    }

    private String readiness() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Ports.MANAGEMENT + "/health/ready"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private void execute(ModelNode operation) throws Exception {
        ModelNode result = management.getControllerClient().execute(operation);
        if (!Operations.isSuccessfulOutcome(result)) {
            throw new AssertionError(operation + " failed: " + Operations.getFailureDescription(result));
        }
    }
}
