package org.consilium.recording;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.consilium.recording.rtp.Depacketizer;
import org.consilium.recording.rtp.EncodedFrame;
import org.consilium.recording.rtp.OpusDepacketizer;
import org.consilium.recording.rtp.ReorderBuffer;
import org.consilium.recording.rtp.RtpPacket;
import org.consilium.recording.rtp.Vp8Depacketizer;
import org.consilium.recording.rtp.WrappingCounter;
import org.consilium.recording.timing.RecordingTimeline;
import org.consilium.recording.timing.SenderClock;
import org.consilium.recording.timing.TrackClock;
import org.consilium.recording.webm.Block;
import org.consilium.recording.webm.WebmMuxer;

/**
 * One track's way from packets to blocks, top to bottom: the SSRC (a new one starts the
 * track over), extended sequence and timestamp, the reorder buffer, the depacketizer, the
 * clock that puts the frame on the recording's timeline, then the muxer's interleaver.
 * Writer thread only.
 */
final class TrackRecorder {

    private static final int REORDER_CAPACITY = 1024;

    private final MediaKind kind;
    private final RecordingTimeline timeline;
    private final Consumer<Block> blocks;
    private final WrappingCounter sequences = new WrappingCounter(16);
    private final WrappingCounter timestamps = new WrappingCounter(32);
    private final ReorderBuffer reorder;
    private final Depacketizer depacketizer;
    private final Vp8Depacketizer vp8;
    private final TrackClock clock;
    private final long reportWaitNanos;
    private final ArrayDeque<EncodedFrame> awaitingReport = new ArrayDeque<>();
    /** Frames go straight onto the timeline: the track's first report came, or the wait ran out. */
    private boolean placing;

    private boolean hasSsrc;
    private int ssrc;
    private long lastTimecode = -1;
    private long frames;
    private long ssrcChanges;

    TrackRecorder(MediaKind kind, RecordingOptions options, SenderClock sender, RecordingTimeline timeline,
                  Consumer<Block> blocks, Runnable keyframeNeeded) {
        this.kind = kind;
        this.timeline = timeline;
        this.blocks = blocks;
        this.clock = new TrackClock(kind.clockRate(), sender);
        if (kind == MediaKind.VIDEO) {
            vp8 = new Vp8Depacketizer(this::frame, keyframeNeeded);
            depacketizer = vp8;
        } else {
            vp8 = null;
            depacketizer = new OpusDepacketizer(this::frame);
        }
        this.reportWaitNanos = TimeUnit.MILLISECONDS.toNanos(options.reportWaitMillis());
        long windowNanos = TimeUnit.MILLISECONDS.toNanos(options.reorderMillis());
        long windowTicks = options.reorderMillis() * kind.clockRate() / 1000;
        reorder = new ReorderBuffer(REORDER_CAPACITY, windowNanos, windowTicks, depacketizer::packet);
    }

    void packet(RtpPacket packet, long nowNanos) {
        follow(packet.ssrc());
        packet.extend(sequences.extend(packet.sequence()), timestamps.extend(packet.timestamp()));
        reorder.add(packet, nowNanos);
    }

    void senderReport(int reportSsrc, long ntpTimestamp, long rtpTimestamp, long arrivalNanos) {
        if (hasSsrc && reportSsrc != ssrc) {
            return; // a report of a stream this track no longer (or not yet) records
        }
        follow(reportSsrc);
        clock.senderReport(timestamps.nearest(rtpTimestamp), ntpTimestamp, arrivalNanos);
        placeAll();
    }

    /** Lets packets and frames that waited long enough go on (called when the queue is idle, too). */
    void tick(long nowNanos) {
        reorder.drain(nowNanos);
        if (!awaitingReport.isEmpty() && nowNanos - awaitingReport.peek().arrivalNanos() >= reportWaitNanos) {
            placeAll();
        }
    }

    /** The recording stops: everything held goes through, an unfinished frame is dropped. */
    void flush() {
        reorder.releaseAll();
        depacketizer.flush();
        placeAll();
    }

    private void follow(int packetSsrc) {
        if (hasSsrc && packetSsrc == ssrc) {
            return;
        }
        if (hasSsrc) {
            reorder.reset();
            depacketizer.reset();
            placeAll(); // the old stream's frames, on the old stream's clock
            placing = false;
            sequences.reset();
            timestamps.reset();
            clock.reset();
            ssrcChanges++;
        }
        hasSsrc = true;
        ssrc = packetSsrc;
    }

    /**
     * A frame before the track's first sender report waits for it (up to the report wait):
     * placed by arrival time and then by the report, a track would jump back when the report
     * came, out of sync until then.
     */
    private void frame(EncodedFrame frame) {
        if (placing) {
            place(frame);
            return;
        }
        awaitingReport.add(frame);
        if (frame.arrivalNanos() - awaitingReport.peek().arrivalNanos() >= reportWaitNanos) {
            placeAll();
        }
    }

    private void placeAll() {
        placing = true;
        while (!awaitingReport.isEmpty()) {
            place(awaitingReport.poll());
        }
    }

    private void place(EncodedFrame frame) {
        long timecode = timeline.millis(clock.localNanos(frame.timestamp(), frame.arrivalNanos()));
        if (timecode <= lastTimecode) {
            timecode = lastTimecode + 1; // a track's timecodes only go forward
        }
        lastTimecode = timecode;
        frames++;
        int track = kind == MediaKind.VIDEO ? WebmMuxer.VIDEO : WebmMuxer.AUDIO;
        blocks.accept(new Block(track, timecode, frame.data(), frame.keyframe(), frame.width(), frame.height()));
    }

    long frames() {
        return frames;
    }

    long lost() {
        return reorder.lost();
    }

    long duplicateOrLate() {
        return reorder.duplicates() + reorder.late();
    }

    long restarts() {
        return reorder.restarts() + ssrcChanges + clock.jumps();
    }

    long framesDropped() {
        return vp8 == null ? 0 : vp8.framesDropped();
    }

    long keyframeRequests() {
        return vp8 == null ? 0 : vp8.keyframeRequests();
    }
}
