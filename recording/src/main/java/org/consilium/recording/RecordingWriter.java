package org.consilium.recording;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.consilium.recording.rtp.RtpPacket;
import org.consilium.recording.timing.RecordingTimeline;
import org.consilium.recording.timing.SenderClock;
import org.consilium.recording.webm.ClusterStart;
import org.consilium.recording.webm.Interleaver;
import org.consilium.recording.webm.WebmMuxer;

/**
 * The writer thread's loop: takes what the media thread queued, in order, through each
 * track's {@link TrackRecorder}, the interleaver and the muxer into the sink. When the queue
 * is idle it still advances the reorder buffers' clock (from the last arrival plus the time
 * since), so a stream that stops does not strand its last packets. A write failure stops the
 * recording and is reported once; the queue is then drained and discarded.
 */
final class RecordingWriter implements Runnable {

    private static final long IDLE_POLL_MILLIS = 20;
    private static final long STATS_EVERY_NANOS = 100_000_000L;

    private final BlockingQueue<Arrival> queue;
    private final OutputStream sink;
    private final RecordingListener listener;
    private final AtomicLong queued;
    private final AtomicLong droppedQueueFull;
    private final Map<MediaKind, TrackRecorder> tracks = new EnumMap<>(MediaKind.class);
    private final Interleaver interleaver;
    private final WebmMuxer muxer;

    private volatile boolean stopping;
    private volatile boolean failed;
    private volatile IOException failure;
    private volatile RecordingStats stats;
    private volatile List<ClusterStart> clusters = List.of();
    private long invalid;
    private long lastArrival;
    private long dequeuedAt;
    private long statsAt;

    RecordingWriter(BlockingQueue<Arrival> queue, OutputStream sink, Set<MediaKind> kinds, RecordingTimeline timeline,
                    RecordingOptions options, RecordingListener listener, AtomicLong queued,
                    AtomicLong droppedQueueFull) {
        this.queue = queue;
        this.sink = sink;
        this.listener = listener;
        this.queued = queued;
        this.droppedQueueFull = droppedQueueFull;
        this.muxer = new WebmMuxer(sink, kinds.contains(MediaKind.AUDIO), kinds.contains(MediaKind.VIDEO),
                timeline.wallClockAtOrigin(), options.headerWaitMillis(), options.maxClusterMillis(), "Consilium");
        this.interleaver = new Interleaver(options.interleaveMillis(), block -> {
            try {
                muxer.write(block);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        SenderClock sender = new SenderClock();
        for (MediaKind kind : kinds) {
            tracks.put(kind, new TrackRecorder(kind, options, sender, timeline, interleaver::add,
                    listener::keyframeNeeded));
        }
        this.stats = snapshot();
    }

    @Override
    public void run() {
        try {
            while (true) {
                Arrival arrival = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (arrival == null && stopping) {
                    break;
                }
                if (failed) {
                    continue; // drain and discard
                }
                if (arrival != null) {
                    take(arrival);
                } else {
                    idle();
                }
                publishStats(false);
            }
            if (!failed) {
                tracks.values().forEach(TrackRecorder::flush);
                interleaver.flush();
                muxer.finish();
            }
        } catch (UncheckedIOException e) {
            fail(e.getCause());
        } catch (IOException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new IOException("the recording writer failed", e)); // a bug: stop loudly, not silently
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                sink.close();
            } catch (IOException e) {
                if (!failed) {
                    fail(e);
                }
            }
            clusters = muxer.clusters();
            publishStats(true);
        }
    }

    private void take(Arrival arrival) {
        lastArrival = arrival.arrivalNanos();
        dequeuedAt = System.nanoTime();
        TrackRecorder track = tracks.get(arrival.kind());
        if (track == null) {
            return;
        }
        try {
            if (arrival instanceof Arrival.Packet packet) {
                RtpPacket rtp = RtpPacket.parse(packet.bytes(), 0, packet.bytes().length, packet.arrivalNanos());
                if (rtp == null) {
                    invalid++;
                } else {
                    track.packet(rtp, packet.arrivalNanos());
                }
            } else if (arrival instanceof Arrival.SenderReport report) {
                track.senderReport(report.ssrc(), report.ntpTimestamp(), report.rtpTimestamp(), report.arrivalNanos());
            }
        } catch (UncheckedIOException e) {
            fail(e.getCause());
        }
    }

    private void idle() {
        if (dequeuedAt == 0) {
            return;
        }
        long now = lastArrival + (System.nanoTime() - dequeuedAt);
        try {
            for (TrackRecorder track : tracks.values()) {
                track.tick(now);
            }
        } catch (UncheckedIOException e) {
            fail(e.getCause());
        }
    }

    private void fail(IOException e) {
        if (failed) {
            return;
        }
        failure = e;
        failed = true;
        listener.writeFailed(e);
    }

    void stop() {
        stopping = true;
    }

    boolean failed() {
        return failed;
    }

    IOException failure() {
        return failure;
    }

    /** The writer's last snapshot, with the media thread's counters as they are now. */
    RecordingStats stats() {
        RecordingStats last = stats;
        return new RecordingStats(queued.get(), droppedQueueFull.get(), last.packetsInvalid(), last.packetsLost(),
                last.packetsDuplicateOrLate(), last.streamRestarts(), last.audioFrames(), last.videoFrames(),
                last.videoFramesDropped(), last.keyframeRequests(), last.bytesWritten(), last.clusters());
    }

    List<ClusterStart> clusters() {
        return clusters;
    }

    private void publishStats(boolean now) {
        long time = System.nanoTime();
        if (now || time - statsAt >= STATS_EVERY_NANOS) {
            statsAt = time;
            stats = snapshot();
        }
    }

    private RecordingStats snapshot() {
        long lost = 0;
        long duplicates = 0;
        long restarts = 0;
        for (TrackRecorder track : tracks.values()) {
            lost += track.lost();
            duplicates += track.duplicateOrLate();
            restarts += track.restarts();
        }
        TrackRecorder audio = tracks.get(MediaKind.AUDIO);
        TrackRecorder video = tracks.get(MediaKind.VIDEO);
        return new RecordingStats(queued.get(), droppedQueueFull.get(), invalid, lost, duplicates, restarts,
                audio == null ? 0 : audio.frames(), video == null ? 0 : video.frames(),
                video == null ? 0 : video.framesDropped(), video == null ? 0 : video.keyframeRequests(),
                muxer.bytesWritten(), muxer.clusterCount());
    }
}
