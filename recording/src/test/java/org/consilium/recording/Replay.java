package org.consilium.recording;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.consilium.recording.media.CapturedPacket;
import org.consilium.recording.timing.RecordingTimeline;

/** Feeds captured datagrams to a participant recording as the bridge's tap would, in arrival order. */
final class Replay {

    record Outcome(RecordingStats stats, ParticipantRecording recording, int keyframeRequests) {
    }

    private Replay() {
    }

    static Outcome record(List<CapturedPacket> packets, Path file, RecordingTimeline timeline, boolean senderReports)
            throws IOException {
        AtomicInteger keyframeRequests = new AtomicInteger();
        RecordingOptions options = new RecordingOptions(8192, 150, 3000, 3500, 5000, 1000);
        OutputStream sink = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        ParticipantRecording recording = ParticipantRecording.start("test", sink,
                EnumSet.allOf(MediaKind.class), timeline, options, keyframeRequests::incrementAndGet);
        byte[] reused = new byte[65536];
        for (CapturedPacket packet : packets.stream().sorted(Comparator.comparingLong(CapturedPacket::arrivalNanos)).toList()) {
            if (packet.rtcp()) {
                if (senderReports && packet.senderReport()) {
                    recording.senderReport(packet.kind(), packet.reportSsrc(), packet.reportNtp(),
                            packet.reportRtpTimestamp(), packet.arrivalNanos());
                }
                continue;
            }
            // the tap hands over a region of a buffer it reuses at once
            System.arraycopy(packet.bytes(), 0, reused, 100, packet.bytes().length);
            recording.rtp(packet.kind(), reused, 100, packet.bytes().length, packet.arrivalNanos());
            java.util.Arrays.fill(reused, 100, 100 + packet.bytes().length, (byte) 0x5A);
        }
        RecordingStats stats = recording.stop();
        return new Outcome(stats, recording, keyframeRequests.get());
    }
}
