package org.consilium.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.consilium.recording.media.CapturedPacket;
import org.consilium.recording.media.Ffmpeg;
import org.consilium.recording.media.FfmpegRtpSource;
import org.consilium.recording.timing.RecordingTimeline;
import org.consilium.recording.webm.ClusterStart;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.VideoPayload;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Opus and VP8 RTP (ffmpeg's encoders and RTP muxer, 3 s in real time, keyframes every
 * second) recorded to WebM, then read back by ffprobe and decoded by ffmpeg: both tracks, the
 * codecs, the picture size, frame counts, durations, lip sync, and files cut off mid-write.
 */
class RecordingOfRealRtpTest {

    private static final int SECONDS = 3;
    private static final int FRAME_RATE = 30;
    private static final double AUDIO_FRAME = 0.020;
    private static final double VIDEO_FRAME = 1.0 / FRAME_RATE;

    private static FfmpegRtpSource.Capture capture;
    private static RecordingTimeline timeline;

    @BeforeAll
    static void captureFfmpegRtp() throws Exception {
        Ffmpeg.require();
        timeline = RecordingTimeline.startingNow();
        capture = FfmpegRtpSource.capture(SECONDS, FRAME_RATE);
    }

    @Test
    void aCleanStreamBecomesAWebmFileWithAnOpusAndAVp8TrackThatFfmpegDecodesWithoutError(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("clean.webm");
        Replay.Outcome outcome = Replay.record(capture.packets(), file, timeline, true);

        List<Frame> frames = videoFrames(capture.rtp(MediaKind.VIDEO));
        int audioFrames = capture.rtp(MediaKind.AUDIO).size();
        assertStreams(file, audioFrames, frames.size());
        assertSpans(file, audioFrames, frames.size() - 1);
        assertDecodesCleanly(file);
        assertEquals(0, outcome.stats().packetsLost());
        assertEquals(0, outcome.keyframeRequests(), "ffmpeg's stream starts with a keyframe");
        System.out.printf("clean: %s, %d bytes, %d clusters%n", outcome.stats(), Files.size(file),
                outcome.recording().clusters().size());
    }

    @Test
    void reorderedDuplicatedAndWrappedPacketsAndOneLostOneMakeADecodableFileThatResumesAtTheNextKeyframe(
            @TempDir Path dir) throws Exception {
        List<Frame> frames = videoFrames(capture.rtp(MediaKind.VIDEO));
        // lose the first packet of a delta frame a little before the middle
        int damaged = frames.size() * 2 / 5;
        while (frames.get(damaged).keyframe) {
            damaged++;
        }
        int nextKeyframe = damaged + 1;
        while (nextKeyframe < frames.size() && !frames.get(nextKeyframe).keyframe) {
            nextKeyframe++;
        }
        CapturedPacket lost = frames.get(damaged).packets.get(0);

        List<CapturedPacket> packets = new ArrayList<>(capture.packets());
        packets.remove(lost);
        packets = wrapMidway(packets, MediaKind.VIDEO);
        packets = wrapMidway(packets, MediaKind.AUDIO);
        packets = perturb(packets);

        Path file = dir.resolve("perturbed.webm");
        Replay.Outcome outcome = Replay.record(packets, file, timeline, true);

        int expectedVideo = frames.size() - (nextKeyframe - damaged);
        int audioFrames = capture.rtp(MediaKind.AUDIO).size();
        assertStreams(file, audioFrames, expectedVideo);
        assertSpans(file, audioFrames, frames.size() - 1);
        assertDecodesCleanly(file);
        assertEquals(1, outcome.stats().packetsLost(), "the one packet taken out");
        assertTrue(outcome.stats().packetsDuplicateOrLate() > 0, "the duplicates were seen");
        // a frame of one packet vanishes whole: the depacketizer never sees it to drop it
        int vanished = frames.get(damaged).packets.size() == 1 ? 1 : 0;
        assertEquals(nextKeyframe - damaged - vanished, outcome.stats().videoFramesDropped(),
                "the damaged frame and the deltas up to the next keyframe");
        assertTrue(outcome.keyframeRequests() >= 1, "a keyframe was asked for after the loss");
        assertEquals(0, outcome.stats().streamRestarts(), "a wrap is not a restart");
    }

    @Test
    void senderReportsLineUpVideoThatArrivesLaterThanItsAudio(@TempDir Path dir) throws Exception {
        double together = avOffset(Replay.record(capture.packets(), dir.resolve("a.webm"), timeline, true),
                dir.resolve("a.webm"));
        List<CapturedPacket> videoLate = capture.packets().stream()
                .map(p -> p.kind() == MediaKind.VIDEO ? p.arrivingAt(p.arrivalNanos() + 300_000_000L) : p)
                .toList();
        double withReports = avOffset(Replay.record(videoLate, dir.resolve("b.webm"), timeline, true),
                dir.resolve("b.webm"));
        double withoutReports = avOffset(Replay.record(videoLate, dir.resolve("c.webm"), timeline, false),
                dir.resolve("c.webm"));
        // as browsers do: the first reports come a while after the first packets (here 1 s)
        List<CapturedPacket> reportsLater = videoLate.stream()
                .map(p -> p.rtcp() ? p.arrivingAt(p.arrivalNanos() + 1_000_000_000L) : p).toList();
        double withLaterReports = avOffset(Replay.record(reportsLater, dir.resolve("d.webm"), timeline, true),
                dir.resolve("d.webm"));
        System.out.printf("video start minus audio start: %.3f s; video 300 ms late: %.3f s with sender reports,"
                + " %.3f s with reports 1 s after the first packets, %.3f s without%n", together, withReports,
                withLaterReports, withoutReports);
        // How far apart ffmpeg starts its two streams depends on the machine's load (seen: 0.15 s
        // under a parallel build); what is asserted is relative to it.
        assertTrue(Math.abs(together) <= 0.5, "ffmpeg starts both about together: " + together);
        assertTrue(Math.abs(withReports - together) <= 0.02, "reports keep lip sync: " + withReports);
        assertTrue(Math.abs(withLaterReports - together) <= 0.02, "frames wait for the first report: " + withLaterReports);
        assertTrue(withoutReports - together >= 0.25, "arrival time alone would not: " + withoutReports);
    }

    @Test
    void aFileCutOffAtAnyByteDecodesUpToItsLastCompleteCluster(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("whole.webm");
        Replay.Outcome outcome = Replay.record(capture.packets(), file, timeline, true);
        byte[] whole = Files.readAllBytes(file);
        List<ClusterStart> clusters = outcome.recording().clusters();
        List<Ffmpeg.ProbedPacket> packets = Ffmpeg.packets(file);
        assertTrue(clusters.size() >= SECONDS, "about one cluster a second: " + clusters);

        TreeSet<Long> cuts = new TreeSet<>();
        long header = clusters.get(0).byteOffset();
        cuts.add(header); // the header alone
        for (ClusterStart cluster : clusters) {
            cuts.add(cluster.byteOffset()); // at a boundary
            cuts.add(cluster.byteOffset() + 7); // inside a cluster's own header
        }
        Random random = new Random(22);
        for (int i = 0; i < 8; i++) {
            cuts.add(header + 1 + (long) random.nextInt((int) (whole.length - header - 1)));
        }
        cuts.add((long) whole.length - 1);

        int readable = 0;
        for (long cut : cuts) {
            Path part = dir.resolve("cut-" + cut + ".webm");
            Files.write(part, Arrays.copyOf(whole, (int) cut));
            long completeUpTo = clusters.stream().mapToLong(ClusterStart::byteOffset).filter(o -> o <= cut).max()
                    .orElse(header);
            Map<String, String> streams = Ffmpeg.streamsIfReadable(part);
            if (streams == null) {
                // ffmpeg needs a first block to open a file: only a cut before any may be unreadable
                assertTrue(packets.stream().noneMatch(p -> p.position() + p.size() <= cut),
                        "cut at " + cut + " after a whole block, yet unreadable");
                continue;
            }
            readable++;
            for (int stream = 0; stream < 2; stream++) {
                int index = stream;
                long atLeast = packets.stream().filter(p -> p.stream() == index && p.position() < completeUpTo).count();
                long atMost = packets.stream().filter(p -> p.stream() == index && p.position() + p.size() <= cut).count();
                String read = streams.getOrDefault("streams.stream." + stream + ".nb_read_frames", "N/A");
                long decoded = read.equals("N/A") ? 0 : Long.parseLong(read); // N/A: none read
                assertTrue(decoded >= atLeast && decoded <= atMost, "cut at " + cut + " of " + whole.length
                        + ": stream " + stream + " decoded " + decoded + ", expected " + atLeast + ".." + atMost);
            }
            Ffmpeg.Result decode = Ffmpeg.decode(part);
            assertEquals(0, decode.exitCode(), "cut at " + cut + ": " + decode.stderr());
            assertTrue(onlyAboutTheCut(decode.stderr()), "cut at " + cut + ": " + decode.stderr());
        }
        assertTrue(readable >= cuts.size() - 3, readable + " of " + cuts.size() + " cuts readable");
    }

    /**
     * What ffmpeg may say of a file that stops mid-element (its demuxer: "File ended
     * prematurely"); a decoder's error (vp8, opus) is not among it.
     */
    private static boolean onlyAboutTheCut(String stderr) {
        return stderr.lines().map(String::strip)
                .allMatch(line -> line.isEmpty() || line.startsWith("[matroska,webm @") || line.startsWith("Last message repeated"));
    }

    private static double avOffset(Replay.Outcome outcome, Path file) throws Exception {
        List<Ffmpeg.ProbedPacket> packets = Ffmpeg.packets(file);
        double audio = packets.stream().filter(p -> p.stream() == 0).mapToDouble(Ffmpeg.ProbedPacket::ptsSeconds).min()
                .orElseThrow();
        double video = packets.stream().filter(p -> p.stream() == 1).mapToDouble(Ffmpeg.ProbedPacket::ptsSeconds).min()
                .orElseThrow();
        return video - audio;
    }

    private static void assertStreams(Path file, int audioFrames, int videoFrames) throws Exception {
        Map<String, String> streams = Ffmpeg.streams(file);
        assertEquals("opus", streams.get("streams.stream.0.codec_name"), streams.toString());
        assertEquals("audio", streams.get("streams.stream.0.codec_type"));
        assertEquals("vp8", streams.get("streams.stream.1.codec_name"));
        assertEquals("video", streams.get("streams.stream.1.codec_type"));
        assertEquals("320", streams.get("streams.stream.1.width"));
        assertEquals("240", streams.get("streams.stream.1.height"));
        assertEquals(String.valueOf(audioFrames), streams.get("streams.stream.0.nb_read_frames"), "Opus frames");
        assertEquals(String.valueOf(videoFrames), streams.get("streams.stream.1.nb_read_frames"), "VP8 frames");
    }

    /** First to last frame of each track spans what was sent, within a frame. */
    private static void assertSpans(Path file, int audioFrames, int videoIntervals) throws Exception {
        List<Ffmpeg.ProbedPacket> packets = Ffmpeg.packets(file);
        double audio = span(packets, 0);
        double video = span(packets, 1);
        assertEquals((audioFrames - 1) * AUDIO_FRAME, audio, AUDIO_FRAME, "audio span");
        assertEquals(videoIntervals * VIDEO_FRAME, video, VIDEO_FRAME, "video span");
    }

    private static double span(List<Ffmpeg.ProbedPacket> packets, int stream) {
        double first = packets.stream().filter(p -> p.stream() == stream).mapToDouble(Ffmpeg.ProbedPacket::ptsSeconds)
                .min().orElseThrow();
        double last = packets.stream().filter(p -> p.stream() == stream).mapToDouble(Ffmpeg.ProbedPacket::ptsSeconds)
                .max().orElseThrow();
        return last - first;
    }

    private static void assertDecodesCleanly(Path file) throws Exception {
        Ffmpeg.Result decode = Ffmpeg.decode(file);
        assertEquals(0, decode.exitCode(), decode.stderr());
        assertEquals("", decode.stderr().strip(), "ffmpeg -v error says nothing");
    }

    private record Frame(long timestamp, boolean keyframe, List<CapturedPacket> packets) {
    }

    /** The VP8 frames ffmpeg sent, in order: packets by timestamp. */
    private static List<Frame> videoFrames(List<CapturedPacket> video) {
        List<CapturedPacket> ordered = video.stream()
                .sorted((a, b) -> Integer.compare(a.sequence() - video.get(0).sequence() & 0xFFFF,
                        b.sequence() - video.get(0).sequence() & 0xFFFF))
                .toList();
        List<Frame> frames = new ArrayList<>();
        for (CapturedPacket packet : ordered) {
            if (frames.isEmpty() || frames.get(frames.size() - 1).timestamp != packet.timestamp()) {
                MediaPacket media = new MediaPacket(packet.bytes(), 0, packet.bytes().length);
                frames.add(new Frame(packet.timestamp(), VideoPayload.startsKeyframe(media, VideoPayload.VP8),
                        new ArrayList<>()));
            }
            frames.get(frames.size() - 1).packets.add(packet);
        }
        return frames;
    }

    /** Shifts a track's sequence numbers and timestamps so that both wrap in its middle packet. */
    private static List<CapturedPacket> wrapMidway(List<CapturedPacket> packets, MediaKind kind) {
        List<CapturedPacket> track = packets.stream().filter(p -> p.kind() == kind && !p.rtcp()).toList();
        CapturedPacket middle = track.get(track.size() / 2);
        int sequenceShift = (0x10000 - middle.sequence()) & 0xFFFF;
        long timestampShift = (0x1_0000_0000L - middle.timestamp()) & 0xFFFFFFFFL;
        List<CapturedPacket> shifted = new ArrayList<>();
        for (CapturedPacket packet : packets) {
            if (packet.kind() != kind) {
                shifted.add(packet);
            } else if (!packet.rtcp()) {
                byte[] bytes = packet.bytes().clone();
                int sequence = (packet.sequence() + sequenceShift) & 0xFFFF;
                bytes[2] = (byte) (sequence >>> 8);
                bytes[3] = (byte) sequence;
                putU32(bytes, 4, packet.timestamp() + timestampShift);
                shifted.add(packet.withBytes(bytes));
            } else if (packet.senderReport()) {
                byte[] bytes = packet.bytes().clone();
                putU32(bytes, 16, packet.reportRtpTimestamp() + timestampShift);
                shifted.add(packet.withBytes(bytes));
            } else {
                shifted.add(packet);
            }
        }
        return shifted;
    }

    /**
     * Swaps neighbours every 15th packet, holds one packet back by six places, and sends every
     * 20th RTP packet twice. Arrival times stay with the places, so they still only go forward.
     */
    private static List<CapturedPacket> perturb(List<CapturedPacket> packets) {
        List<CapturedPacket> byArrival = new ArrayList<>(packets);
        byArrival.sort((a, b) -> Long.compare(a.arrivalNanos(), b.arrivalNanos()));
        long[] arrivals = byArrival.stream().mapToLong(CapturedPacket::arrivalNanos).toArray();
        for (int i = 10; i + 1 < byArrival.size(); i += 15) {
            CapturedPacket first = byArrival.get(i);
            byArrival.set(i, byArrival.get(i + 1));
            byArrival.set(i + 1, first);
        }
        int held = byArrival.size() / 3;
        byArrival.add(held + 6, byArrival.remove(held));
        List<CapturedPacket> out = new ArrayList<>();
        for (int i = 0; i < byArrival.size(); i++) {
            CapturedPacket packet = byArrival.get(i).arrivingAt(arrivals[i]);
            out.add(packet);
            if (!packet.rtcp() && i % 20 == 0) {
                out.add(packet.arrivingAt(arrivals[i] + 1000));
            }
        }
        return out;
    }

    private static void putU32(byte[] bytes, int at, long value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }
}
