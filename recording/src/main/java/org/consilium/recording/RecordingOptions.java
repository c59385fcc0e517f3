package org.consilium.recording;

/**
 * How a participant's recording buffers and cuts its file.
 *
 * @param queueCapacity packets (and reports) waiting for the writer thread; past it they are dropped and counted
 * @param reorderMillis how long a packet waits for a missing predecessor before that one counts as lost
 * @param interleaveMillis how far the tracks may run apart before frames are written in timecode order
 * @param headerWaitMillis media time the file's header waits for the first keyframe's picture size
 * @param maxClusterMillis longest cluster: at most this much of the file is lost when the process dies
 */
public record RecordingOptions(int queueCapacity, long reorderMillis, long interleaveMillis, long headerWaitMillis,
                               long maxClusterMillis) {

    /**
     * About 6 s of a 1.5 Mbit/s camera and its audio in the queue; a 150 ms reorder window
     * (jitter on a hospital LAN is a few ms, retransmissions come within a round trip);
     * one-second clusters.
     */
    public static RecordingOptions defaults() {
        return new RecordingOptions(1024, 150, 500, 5000, 1000);
    }

    public RecordingOptions {
        if (queueCapacity < 1 || reorderMillis < 0 || interleaveMillis < 0 || headerWaitMillis < 0
                || maxClusterMillis < 1 || maxClusterMillis > Short.MAX_VALUE) {
            throw new IllegalArgumentException("recording options out of range");
        }
    }
}
