package org.consilium.videobridge.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.consilium.videobridge.Eventually;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.testing.ForgedDtlsRecords;
import org.consilium.videobridge.testing.LoopbackBridge;
import org.consilium.videobridge.testing.SyntheticBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Datagrams with a participant's own address and port as their source, which any host on
 * the path can forge: the bridge cannot tell them from the participant's, so each must be
 * dropped and counted without harming that participant's media or anyone else's. Sent here
 * from the synthetic browser's own socket, which is what a forged source looks like on the wire.
 */
class SpoofedSourceTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int OPUS = 111;
    private static final int ALICE = 0xA1;
    private static final int BOB = 0xB1;

    @RegisterExtension
    final LoopbackBridge loopback = new LoopbackBridge();
    private Videobridge bridge;
    private Conference conference;
    private SyntheticBrowser alice;
    private SyntheticBrowser bob;
    private Endpoint aliceEndpoint;
    private int aliceSequence;
    private int bobSequence;

    @BeforeEach
    void call() throws Exception {
        bridge = loopback.bridge();
        conference = bridge.conference("spoofed");
        alice = join("alice", ALICE);
        bob = join("bob", BOB);
        aliceEndpoint = conference.endpoint("alice").orElseThrow();
        mediaFlowsBothWays();
    }

    @Test
    void everyForgedDtlsRecordIsDroppedWithItsReasonWhileTheCallFlows() throws Exception {
        List<ForgedDtlsRecords.Forged> matrix = ForgedDtlsRecords.all(18, alice.dtlsMinimumProtectedLength());
        Map<EndpointDropReason, Long> expected = new EnumMap<>(EndpointDropReason.class);

        for (int i = 0; i < matrix.size(); i++) {
            ForgedDtlsRecords.Forged forged = matrix.get(i);
            long before = dtlsDrops();
            alice.sendRaw(forged.datagram());
            expected.merge(EndpointDropReason.of(forged.expected()), 1L, Long::sum);
            Eventually.within(WAIT, () -> dtlsDrops() > before, () -> forged + " was not counted: " + drops());
            assertTrue(aliceEndpoint.isConnected(), forged + " ended alice's session");
            if (i % 25 == 0) {
                mediaFlowsBothWays();
            }
        }

        mediaFlowsBothWays();
        assertEquals(expected, dtlsDropsByReason(), "each forged datagram counted once, under its reason");
        assertTrue(expected.get(EndpointDropReason.DTLS_MALFORMED) > 0 && expected.get(EndpointDropReason.DTLS_WRONG_EPOCH) > 0
                && expected.get(EndpointDropReason.DTLS_NOT_AUTHENTICATED) > 0, "every reason was exercised: " + expected);

        bridge.expireConference("spoofed"); // the bridge's own figures outlive the endpoint's
        expected.forEach((reason, count) -> assertEquals(count, bridge.endpointDrops().get(reason), reason.name()));
    }

    @Test
    void anAuthenticatedCloseNotifyStillEndsTheSession() throws Exception {
        alice.sendDtlsApplicationData(new byte[] {1, 2, 3}); // authentic data: read, not a drop
        alice.closeDtls();

        Eventually.until(WAIT, () -> !aliceEndpoint.isConnected(), "alice's session ended");
        assertEquals(0, dtlsDrops(), drops());
    }

    @Test
    void aFuzzOfEveryPacketClassFromAParticipantsAddressIsCountedAndHarmless() throws Exception {
        Random random = new Random(18);
        int count = 2_000;
        for (int i = 0; i < count; i++) {
            byte[] datagram = switch (i % 4) {
                case 0 -> bytes(random, 20 + random.nextInt(200), random.nextInt(4)); // STUN-like
                case 1 -> bytes(random, 13 + random.nextInt(300), 20 + random.nextInt(44)); // DTLS-like
                case 2 -> bytes(random, 12 + random.nextInt(1200), random.nextBoolean() ? 0x80 : 0x90); // RTP/RTCP-like
                default -> bytes(random, 1 + random.nextInt(100), 64 + random.nextInt(64)); // nothing we multiplex
            };
            alice.sendRaw(datagram);
            if (i % 20 == 19) {
                LockSupport.parkNanos(1_000_000); // pacing, so that loopback itself drops nothing
            }
            if (i % 200 == 0) {
                mediaFlowsBothWays();
            }
        }

        Eventually.within(WAIT, () -> allDrops() == count, () -> "all " + count + " counted: port "
                + bridge.counters().dropsByReason() + ", alice " + drops());
        assertTrue(aliceEndpoint.isConnected());
        mediaFlowsBothWays();
    }

    private void mediaFlowsBothWays() throws Exception {
        byte[] payload = {1, 2, 3, 4, 5, 6, 7, 8};
        alice.sendRtp(ALICE, ++aliceSequence, OPUS, payload);
        bob.sendRtp(BOB, ++bobSequence, OPUS, payload);
        MediaPacket atBob = bob.receiveRtp(WAIT);
        MediaPacket atAlice = alice.receiveRtp(WAIT);
        assertNotNull(atBob, () -> "alice's media stopped reaching bob: " + drops());
        assertNotNull(atAlice, () -> "bob's media stopped reaching alice: " + drops());
        assertEquals(ALICE, Rtp.ssrc(atBob));
        assertEquals(BOB, Rtp.ssrc(atAlice));
    }

    private Map<EndpointDropReason, Long> dtlsDropsByReason() {
        Map<EndpointDropReason, Long> dtls = new EnumMap<>(EndpointDropReason.class);
        aliceEndpoint.statistics().drops().forEach((reason, count) -> {
            if (reason.name().startsWith("DTLS_") && count > 0) {
                dtls.put(reason, count);
            }
        });
        return dtls;
    }

    private long dtlsDrops() {
        return dtlsDropsByReason().values().stream().mapToLong(Long::longValue).sum();
    }

    private long allDrops() {
        return bridge.counters().droppedTotal() + aliceEndpoint.statistics().dropped();
    }

    private String drops() {
        return aliceEndpoint.statistics().drops().toString();
    }

    private static byte[] bytes(Random random, int length, int first) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        bytes[0] = (byte) first;
        return bytes;
    }

    private SyntheticBrowser join(String id, int ssrc) throws Exception {
        SyntheticBrowser browser = SyntheticBrowser.join(bridge.mediaAddress(), conference.allocateEndpoint(id),
                List.of(new MediaSource(MediaSource.Kind.AUDIO, ssrc, id, id + "-" + ssrc)));
        return loopback.closeAfter(browser);
    }
}
