package org.consilium.videobridge.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.consilium.videobridge.BridgeConfig;
import org.consilium.videobridge.Eventually;
import org.consilium.videobridge.Videobridge;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.Endpoint;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.conference.MediaTap;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.sdp.PayloadFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge's tap for a recorder: a participant's media as it arrived, decrypted, every
 * simulcast layer named by its index, with the format it negotiated; nothing once the tap is
 * taken off; and a recorder that fails is stopped without costing anyone the call. A real
 * bridge, the load generator's simulcast participants (SDP with Opus and VP8).
 */
class MediaTapTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** What a recorder saw: packets by "kind/layer/format", and each stream's last extended sequence. */
    private static final class Recorded implements MediaTap {
        final Map<String, AtomicInteger> packets = new ConcurrentHashMap<>();
        final Map<Integer, Long> lastSequence = new ConcurrentHashMap<>();
        final AtomicInteger outOfOrder = new AtomicInteger();
        final AtomicLong total = new AtomicLong();

        @Override
        public void rtp(MediaSource source, int layer, PayloadFormat format, MediaPacket packet, long extendedSequence,
                        long arrivalNanos) {
            String key = source.kind() + "/" + layer + "/" + (format == null ? "?" : format.name());
            packets.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            Long before = lastSequence.put(Rtp.ssrc(packet), extendedSequence);
            if (before != null && extendedSequence <= before) {
                outOfOrder.incrementAndGet();
            }
            total.incrementAndGet();
        }

        @Override
        public void senderReport(MediaSource source, int layer, long ntp, long rtpTimestamp, long arrivalNanos) {
        }

        int count(String key) {
            AtomicInteger count = packets.get(key);
            return count == null ? 0 : count.get();
        }
    }

    @Test
    void aRecorderGetsEveryLayerAndTheMicrophoneWithTheirFormatsUntilTakenOff() throws Exception {
        try (Videobridge bridge = Videobridge.start(BridgeConfig.loopback(), executor)) {
            Visit visit = Visit.on(bridge);
            LoadParticipant patient = visit.patient();
            LoadParticipant clinician = visit.clinician();
            Endpoint tapped = visit.tapped();
            Recorded recorder = new Recorded();
            tapped.tap(recorder);

            Sending.whileChecking(List.of(patient, clinician), () -> {
                Eventually.until(WAIT, () -> recorder.count("VIDEO/0/vp8") > 30 && recorder.count("VIDEO/1/vp8") > 30
                                && recorder.count("VIDEO/2/vp8") > 30 && recorder.count("AUDIO/-1/opus") > 30,
                        "every layer of the camera and the microphone, with the formats negotiated");
                tapped.tap(null);
                long whenTakenOff = recorder.total.get();
                long receivedThen = clinician.received().bytes();
                Eventually.until(WAIT, () -> clinician.received().bytes() > receivedThen + 100_000,
                        "the call goes on");
                // a packet or two may have been in the tap's hands as it was taken off
                assertTrue(recorder.total.get() <= whenTakenOff + 2, "nothing recorded once the tap is off");
            });
            assertEquals(0, recorder.outOfOrder.get(), "each stream in the order it arrived (loopback)");
        }
    }

    @Test
    void aRecorderThatFailsIsStoppedAndTheCallGoesOn() throws Exception {
        try (Videobridge bridge = Videobridge.start(BridgeConfig.loopback(), executor)) {
            Visit visit = Visit.on(bridge);
            LoadParticipant patient = visit.patient();
            LoadParticipant clinician = visit.clinician();
            Endpoint tapped = visit.tapped();
            AtomicInteger calls = new AtomicInteger();
            tapped.tap(new MediaTap() {
                @Override
                public void rtp(MediaSource source, int layer, PayloadFormat format, MediaPacket packet,
                                long extendedSequence, long arrivalNanos) {
                    calls.incrementAndGet();
                    throw new IllegalStateException("the recorder's disk is gone");
                }

                @Override
                public void senderReport(MediaSource source, int layer, long ntp, long rtpTimestamp,
                                         long arrivalNanos) {
                }
            });

            Sending.whileChecking(List.of(patient, clinician), () -> Eventually.until(WAIT,
                    () -> calls.get() >= 1 && clinician.received().bytes() > 100_000, "the call goes on"));
            assertEquals(1, calls.get(), "called once, then stopped");
        }
    }

    /** A patient publishing a simulcast camera and a microphone, and a clinician watching the camera at 360p. */
    private record Visit(LoadParticipant patient, LoadParticipant clinician, Endpoint tapped) {
        static Visit on(Videobridge bridge) throws Exception {
            Conference conference = bridge.conference("visit");
            LoadParticipant patient = LoadParticipant.joinSimulcast(bridge.mediaAddress(), conference, "patient", true,
                    SimulcastCamera.WEB_CLIENT, 30, new ReceivedLayers());
            LoadParticipant clinician = LoadParticipant.joinSimulcast(bridge.mediaAddress(), conference, "clinician",
                    false, List.of(), 0, new ReceivedLayers());
            Endpoint tapped = conference.endpoint("patient").orElseThrow();
            Endpoint viewer = conference.endpoint("clinician").orElseThrow();
            viewer.setReceiverConstraints(Tiles.atMost(360));
            viewer.selectSources(List.of(tapped.sources().stream().filter(s -> s.kind() == MediaSource.Kind.VIDEO)
                    .findFirst().orElseThrow()));
            return new Visit(patient, clinician, tapped);
        }
    }

}
