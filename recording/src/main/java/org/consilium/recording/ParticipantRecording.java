package org.consilium.recording;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.consilium.recording.timing.RecordingTimeline;
import org.consilium.recording.webm.ClusterStart;

/**
 * One participant's recording: their decrypted RTP in, one WebM file (an Opus track, a VP8
 * track) out. The bridge's tap calls {@link #rtp} and {@link #senderReport} on its media
 * thread; each call copies what it keeps (the caller reuses its buffer) and offers it to a
 * bounded queue, so it costs a copy and never blocks: when the writer falls behind, packets
 * are dropped and counted. A writer thread of its own does the rest (reorder, depacketize,
 * mux, write) and asks for keyframes through the {@link RecordingListener}.
 *
 * <p>The file goes to the given sink, which the recording closes when it stops; each
 * cluster is written whole and flushed (about one a second), so the sink can be an
 * encrypting stream that seals a chunk per flush.
 */
public final class ParticipantRecording implements AutoCloseable {

    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final Set<MediaKind> kinds;
    private final BlockingQueue<Arrival> queue;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong droppedQueueFull = new AtomicLong();
    private final RecordingWriter writer;
    private final Thread thread;
    private volatile boolean closing;

    private ParticipantRecording(String name, OutputStream sink, Set<MediaKind> kinds, RecordingTimeline timeline,
                                 RecordingOptions options, RecordingListener listener) {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("nothing to record");
        }
        this.kinds = EnumSet.copyOf(kinds);
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.writer = new RecordingWriter(queue, sink, this.kinds, timeline, options, listener, queued,
                droppedQueueFull);
        this.thread = new Thread(writer, "recording-" + name);
        this.thread.setDaemon(true);
    }

    /**
     * Starts recording into {@code sink}.
     *
     * @param name names the writer thread (a participant id, never a person's name)
     * @param kinds the file's tracks: audio and video for a camera, video alone for a screen share
     * @param timeline the call's recording timeline, shared by its participants' files
     */
    public static ParticipantRecording start(String name, OutputStream sink, Set<MediaKind> kinds,
                                             RecordingTimeline timeline, RecordingOptions options,
                                             RecordingListener listener) {
        ParticipantRecording recording = new ParticipantRecording(name, sink, kinds, timeline, options, listener);
        recording.thread.start();
        return recording;
    }

    /**
     * A decrypted RTP packet (header, extensions and payload) of this participant's audio or
     * video, as received. Media thread; copies {@code length} bytes and returns.
     */
    public void rtp(MediaKind kind, byte[] packet, int offset, int length, long arrivalNanos) {
        if (closing || writer.failed() || !kinds.contains(kind)) {
            return;
        }
        byte[] copy = Arrays.copyOfRange(packet, offset, offset + length);
        if (queue.offer(new Arrival.Packet(kind, copy, arrivalNanos))) {
            queued.incrementAndGet();
        } else {
            droppedQueueFull.incrementAndGet();
        }
    }

    /**
     * An RTCP sender report of this participant's audio or video stream: the NTP time
     * (RFC 3550's 64-bit timestamp) of an RTP timestamp, which lines the tracks up.
     */
    public void senderReport(MediaKind kind, int ssrc, long ntpTimestamp, long rtpTimestamp, long arrivalNanos) {
        if (closing || writer.failed() || !kinds.contains(kind)) {
            return;
        }
        // a report lost to a full queue is replaced by the next one (every few seconds)
        queue.offer(new Arrival.SenderReport(kind, ssrc, ntpTimestamp, rtpTimestamp & 0xFFFFFFFFL, arrivalNanos));
    }

    /** The counters: the media thread's as they are, the writer's as of its last update (at most 100 ms old while it runs; exact after {@link #stop}). */
    public RecordingStats stats() {
        return writer.stats();
    }

    /** Packets and reports waiting for the writer thread. */
    public int backlog() {
        return queue.size();
    }

    /** Whether writing failed (the recording then stopped; see {@link RecordingListener#writeFailed}). */
    public boolean failed() {
        return writer.failed();
    }

    /**
     * Stops: what is queued and buffered is written, the sink is flushed and closed. Returns
     * the final counters; throws what made writing fail, if anything did.
     */
    public RecordingStats stop() throws IOException {
        closing = true;
        writer.stop();
        try {
            thread.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the recording was being finished", e);
        }
        if (thread.isAlive()) {
            throw new IOException("the recording writer did not finish within " + STOP_WAIT);
        }
        if (writer.failure() != null) {
            throw writer.failure();
        }
        return writer.stats();
    }

    /** As {@link #stop}. */
    @Override
    public void close() throws IOException {
        stop();
    }

    /** The file's clusters (timecode, byte offset): its seek index. Complete after {@link #stop}. */
    public List<ClusterStart> clusters() {
        return writer.clusters();
    }
}
