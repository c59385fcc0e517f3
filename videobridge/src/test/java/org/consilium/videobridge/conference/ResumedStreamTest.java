package org.consilium.videobridge.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.consilium.videobridge.Eventually;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.srtp.SrtpOutcome;
import org.consilium.videobridge.testing.LoopbackBridge;
import org.consilium.videobridge.testing.SyntheticBrowser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A receiver stops getting a stream (deselected, as a tele-ICU hub's view changes) while
 * the publisher goes on, then gets it again. Its sequence numbers must go on from the last
 * it got, and no SRTP index (SSRC, rollover counter, sequence number) may go out twice:
 * a pause of just under 65,536 packets used to bring the stream back with numbers just
 * below the last one sent, which the sending context encrypted under the old counter.
 */
class ResumedStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int OPUS = 111;
    private static final int ALICE = 0xA1;
    private static final int BEFORE = 300;
    private static final int AFTER = 100;

    @RegisterExtension
    final LoopbackBridge loopback = new LoopbackBridge();
    private Videobridge bridge;
    private Conference conference;

    @BeforeEach
    void start() {
        bridge = loopback.bridge();
        conference = bridge.conference("hub");
    }

    @ParameterizedTest(name = "a pause of {0} packets")
    @ValueSource(ints = {70_000, 65_536 - 40, 65_536, 3_000})
    void aResumedStreamGoesOnContiguouslyAndNoSrtpIndexRepeats(int paused) throws Exception {
        MediaSource aliceAudio = new MediaSource(MediaSource.Kind.AUDIO, ALICE, "alice", "alice-audio");
        SyntheticBrowser alice = join("alice", aliceAudio);
        SyntheticBrowser hub = join("hub", new MediaSource(MediaSource.Kind.AUDIO, 0xB1, "hub", "hub-audio"));
        SyntheticBrowser witness = join("witness", new MediaSource(MediaSource.Kind.AUDIO, 0xC1, "witness", "witness-audio"));
        Endpoint hubEndpoint = conference.endpoint("hub").orElseThrow();
        AtomicInteger witnessed = new AtomicInteger(); // packets with the RTP marker bit the witness got
        witness.countMediaOnly((packet, length, now) -> {
            if ((packet[1] & 0x80) != 0) {
                witnessed.incrementAndGet();
            }
        });
        WireIndexes atHub = new WireIndexes();

        int sequence = 1000;
        for (int i = 0; i < BEFORE; i++) {
            alice.sendRtp(ALICE, ++sequence & 0xFFFF, OPUS, payload(i));
            atHub.take(hub.nextRtpDatagram(WAIT), hub);
        }
        int lastBeforePause = atHub.lastSequence;

        hubEndpoint.selectSources(List.of()); // the hub looks elsewhere; alice goes on talking
        for (int i = 0; i < paused; i++) {
            alice.sendRtp(ALICE, ++sequence & 0xFFFF, OPUS, payload(i));
            if (i % 32 == 31) {
                LockSupport.parkNanos(500_000); // pacing, so that loopback itself drops little
            }
        }
        // The witness gets everything: once it has a packet sent after the pause, the bridge
        // has read the pause. Loopback may drop a packet of a burst, so ask again until it has.
        long deadline = System.nanoTime() + WAIT.toNanos();
        do {
            assertTrue(System.nanoTime() < deadline, "the bridge did not read the paused stretch");
            alice.sendRtp(ALICE, ++sequence & 0xFFFF, OPUS | 0x80, payload(0)); // marked
        } while (!witnessedWithin(witnessed, Duration.ofMillis(300)));

        hubEndpoint.selectSources(List.of(aliceAudio));
        for (int i = 0; i < AFTER; i++) {
            alice.sendRtp(ALICE, ++sequence & 0xFFFF, OPUS, payload(i));
            atHub.take(hub.nextRtpDatagram(WAIT), hub);
            if (i == 0) {
                assertEquals((lastBeforePause + 1) & 0xFFFF, atHub.lastSequence,
                        "the stream went on from the hub's last number, not the publisher's");
            }
        }
        assertEquals(BEFORE + AFTER, atHub.indexes.size(), "every packet the hub got had an index of its own");
    }

    private static boolean witnessedWithin(AtomicInteger witnessed, Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        while (witnessed.get() == 0) {
            if (System.nanoTime() > end) {
                return false;
            }
            LockSupport.parkNanos(1_000_000);
        }
        return true;
    }

    /** The hub's side: every packet decrypts (a repeated index would be refused as a replay), each index once. */
    private static final class WireIndexes {
        final Set<Long> indexes = new HashSet<>();
        long newestIndex = -1;
        int lastSequence;

        void take(byte[] datagram, SyntheticBrowser receiver) {
            assertNotNull(datagram, "a packet reached the hub");
            MediaPacket packet = MediaPacket.copyOf(datagram, 0, datagram.length);
            int sequence = Rtp.sequenceNumber(packet);
            // the index as the receiver infers it (RFC 3711 §3.3.1), from the newest it has seen
            long index = newestIndex < 0 ? sequence : newestIndex + (short) (sequence - (int) (newestIndex & 0xFFFF));
            assertEquals(SrtpOutcome.OK, receiver.decryptRtp(packet), "packet " + sequence + " (index " + index + ")");
            assertTrue(indexes.add(index), "SRTP index " + index + " went out twice");
            newestIndex = Math.max(newestIndex, index);
            lastSequence = sequence;
        }
    }

    private static byte[] payload(int i) {
        return new byte[] {(byte) i, (byte) (i >>> 8), 3, 4, 5, 6, 7, 8};
    }

    private SyntheticBrowser join(String id, MediaSource source) throws Exception {
        return loopback.closeAfter(SyntheticBrowser.join(bridge.mediaAddress(), conference.allocateEndpoint(id), List.of(source)));
    }
}
