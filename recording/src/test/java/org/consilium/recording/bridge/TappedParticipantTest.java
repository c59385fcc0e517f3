package org.consilium.recording.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.consilium.recording.MediaKind;
import org.consilium.recording.ParticipantRecording;
import org.consilium.recording.RecordingOptions;
import org.consilium.recording.RecordingStats;
import org.consilium.recording.media.CapturedPacket;
import org.consilium.recording.media.Ffmpeg;
import org.consilium.recording.media.FfmpegRtpSource;
import org.consilium.recording.timing.RecordingTimeline;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.conference.MediaTap;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.sdp.PayloadFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulcast camera through the bridge's tap into a file: ffmpeg's real VP8 (a keyframe a
 * second) arrives as layer 0 throughout and, for two seconds in the middle, as layer 1 too
 * (the same pictures under another SSRC, other numbers and timestamps, as a second encoding
 * would come). The recording follows the best layer arriving: up to layer 1 at its keyframe,
 * which it asks for, and back to layer 0 once layer 1 has been silent a second, and the file
 * is one VP8 stream that ffmpeg decodes without an error.
 */
class TappedParticipantTest {

    private static final int SECONDS = 6;
    private static final int FRAME_RATE = 30;
    private static final int LAYER_1_SSRC_OFFSET = 1;
    private static final int LAYER_1_SEQUENCE_OFFSET = 20_000;
    private static final long LAYER_1_TIMESTAMP_OFFSET = 1_234_567L;
    private static final PayloadFormat OPUS = new PayloadFormat(111, "opus", 48_000, 2, "", List.of(), -1);
    private static final PayloadFormat VP8 = new PayloadFormat(96, "VP8", 90_000, 0, "", List.of(), -1);

    private static FfmpegRtpSource.Capture capture;

    @BeforeAll
    static void captureFfmpegRtp() throws Exception {
        Ffmpeg.require();
        capture = FfmpegRtpSource.capture(SECONDS, FRAME_RATE);
    }

    @Test
    void theFileFollowsTheBestLayerArrivingAndDecodesWithoutAnError(@TempDir Path dir) throws Exception {
        List<CapturedPacket> video = capture.rtp(MediaKind.VIDEO);
        List<CapturedPacket> audio = capture.rtp(MediaKind.AUDIO);
        int layer0 = video.get(0).ssrc();
        int layer1 = layer0 + LAYER_1_SSRC_OFFSET;
        MediaSource camera = new MediaSource(MediaSource.Kind.VIDEO, 0x0CA3E7A, 0x0CA3E7B, "patient", "camera",
                MediaSource.Simulcast.declared("1", List.of(layer0, layer1), List.of()));
        MediaSource microphone = new MediaSource(MediaSource.Kind.AUDIO, audio.get(0).ssrc(), "patient", "microphone");
        long start = video.get(0).arrivalNanos();
        long layer1From = start + 1_500_000_000L;
        long layer1Until = start + 3_500_000_000L;

        List<Integer> requestedLayers = new ArrayList<>();
        TappedParticipant tapped = new TappedParticipant((source, layer) -> {
            synchronized (requestedLayers) {
                requestedLayers.add(layer);
            }
        }, failure -> { });
        Path file = dir.resolve("participant.webm");
        OutputStream sink = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        ParticipantRecording recording = ParticipantRecording.start("tapped", sink, EnumSet.allOf(MediaKind.class),
                RecordingTimeline.startingNow(), new RecordingOptions(8192, 150, 3000, 3500, 5000, 1000), tapped);
        tapped.recordInto(recording);

        Map<Integer, Long> extended = new HashMap<>();
        for (CapturedPacket packet : capture.packets().stream()
                .sorted(Comparator.comparingLong(CapturedPacket::arrivalNanos)).toList()) {
            long at = packet.arrivalNanos();
            boolean withLayer1 = at >= layer1From && at < layer1Until;
            if (packet.rtcp()) {
                if (packet.senderReport() && packet.kind() == MediaKind.AUDIO) {
                    tapped.senderReport(microphone, MediaTap.SINGLE_STREAM, packet.reportNtp(), packet.reportRtpTimestamp(), at);
                } else if (packet.senderReport()) {
                    tapped.senderReport(camera, 0, packet.reportNtp(), packet.reportRtpTimestamp(), at);
                    if (withLayer1) {
                        tapped.senderReport(camera, 1, packet.reportNtp(),
                                packet.reportRtpTimestamp() + LAYER_1_TIMESTAMP_OFFSET & 0xFFFFFFFFL, at);
                    }
                }
                continue;
            }
            if (packet.kind() == MediaKind.AUDIO) {
                tap(tapped, microphone, MediaTap.SINGLE_STREAM, OPUS, packet.bytes(), extended, at);
                continue;
            }
            tap(tapped, camera, 0, VP8, packet.bytes(), extended, at);
            if (withLayer1) {
                tap(tapped, camera, 1, VP8, secondEncoding(packet.bytes()), extended, at);
            }
        }
        RecordingStats stats = recording.stop();

        assertEquals(0, stats.streamRestarts(), "the layers reach the writer as one stream: " + stats);
        int up = requestedLayers.indexOf(1);
        assertTrue(up >= 0, "asked for layer 1's keyframe when it came: " + requestedLayers);
        assertTrue(requestedLayers.subList(up, requestedLayers.size()).contains(0),
                "and for layer 0's when layer 1 stopped: " + requestedLayers);

        Map<String, String> streams = Ffmpeg.streams(file);
        assertEquals("opus", streams.get("streams.stream.0.codec_name"), streams.toString());
        assertEquals("vp8", streams.get("streams.stream.1.codec_name"), streams.toString());
        Ffmpeg.Result decode = Ffmpeg.decode(file);
        assertEquals(0, decode.exitCode(), decode.stderr());
        assertEquals("", decode.stderr().strip(), "one stream across both switches: ffmpeg -v error says nothing");

        int framesSent = (int) video.stream().mapToLong(CapturedPacket::timestamp).distinct().count();
        int framesWritten = Integer.parseInt(streams.get("streams.stream.1.nb_read_frames"));
        // down again waits for layer 1's silence (1 s) and then layer 0's next keyframe (at most 1 s)
        assertTrue(framesWritten >= framesSent - 2 * FRAME_RATE - 2 && framesWritten <= framesSent,
                framesWritten + " of " + framesSent + " frames written; " + stats);
        assertEquals(audio.size(), Integer.parseInt(streams.get("streams.stream.0.nb_read_frames")), "every Opus frame");
    }

    /** The bridge's tap: a packet in a buffer it reuses, with its layer's extended sequence number. */
    private static void tap(TappedParticipant tapped, MediaSource source, int layer, PayloadFormat format, byte[] bytes,
                            Map<Integer, Long> extended, long arrivalNanos) {
        int ssrc = (bytes[8] & 0xFF) << 24 | (bytes[9] & 0xFF) << 16 | (bytes[10] & 0xFF) << 8 | bytes[11] & 0xFF;
        int sequence = (bytes[2] & 0xFF) << 8 | bytes[3] & 0xFF;
        Long before = extended.get(ssrc);
        long next = before == null ? sequence : before + (short) (sequence - (int) (before & 0xFFFF));
        extended.put(ssrc, Math.max(next, before == null ? next : before));
        byte[] buffer = new byte[bytes.length + 200];
        System.arraycopy(bytes, 0, buffer, 100, bytes.length);
        MediaPacket packet = new MediaPacket(buffer, 100, bytes.length);
        packet.receivedAt(arrivalNanos);
        tapped.rtp(source, layer, format, packet, next, arrivalNanos);
    }

    /** The same picture as a second encoding would send it: its own SSRC, numbers and timestamps. */
    private static byte[] secondEncoding(byte[] packet) {
        byte[] copy = packet.clone();
        int sequence = ((copy[2] & 0xFF) << 8 | copy[3] & 0xFF) + LAYER_1_SEQUENCE_OFFSET;
        copy[2] = (byte) (sequence >>> 8);
        copy[3] = (byte) sequence;
        long timestamp = ((copy[4] & 0xFFL) << 24 | (copy[5] & 0xFFL) << 16 | (copy[6] & 0xFFL) << 8 | copy[7] & 0xFFL)
                + LAYER_1_TIMESTAMP_OFFSET;
        for (int i = 0; i < 4; i++) {
            copy[4 + i] = (byte) (timestamp >>> 24 - 8 * i);
        }
        int ssrc = ((copy[8] & 0xFF) << 24 | (copy[9] & 0xFF) << 16 | (copy[10] & 0xFF) << 8 | copy[11] & 0xFF)
                + LAYER_1_SSRC_OFFSET;
        for (int i = 0; i < 4; i++) {
            copy[8 + i] = (byte) (ssrc >>> 24 - 8 * i);
        }
        return copy;
    }
}
