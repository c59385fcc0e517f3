package org.consilium.recording;

/**
 * How a participant's recording buffers and cuts its file.
 *
 * @param queueCapacity packets (and reports) waiting for the writer thread; past it they are dropped and counted
 * @param reorderMillis how long a packet waits for a missing predecessor before that one counts as lost
 * @param reportWaitMillis how long a track's frames wait for its first RTCP sender report (which places
 *        them on the sender's clock, in sync with the other track) before arrival time places them
 * @param interleaveMillis how far the tracks may run apart before frames are written in timecode order
 *        (at least {@code reportWaitMillis}: frames that waited for a report still go in order)
 * @param headerWaitMillis media time the file's header waits for the first keyframe's picture size
 * @param maxClusterMillis longest cluster: at most this much of the file is lost when the process dies
 */
public record RecordingOptions(int queueCapacity, long reorderMillis, long reportWaitMillis, long interleaveMillis,
                               long headerWaitMillis, long maxClusterMillis) {

    /**
     * About 6 s of a 1.5 Mbit/s camera and its audio in the queue; a 150 ms reorder window
     * (jitter on a hospital LAN is a few ms, retransmissions come within a round trip); 3 s
     * for the first sender report (libwebrtc sends an audio stream's first one about 2.5 s
     * in); one-second clusters. The file lags the call by about 4 s: a recording need not be
     * live, and a crash loses that much more.
     */
    public static RecordingOptions defaults() {
        return new RecordingOptions(1024, 150, 3000, 3500, 5000, 1000);
    }

    public RecordingOptions {
        if (queueCapacity < 1 || reorderMillis < 0 || reportWaitMillis < 0 || interleaveMillis < reportWaitMillis
                || headerWaitMillis < 0 || maxClusterMillis < 1 || maxClusterMillis > Short.MAX_VALUE) {
            throw new IllegalArgumentException("recording options out of range");
        }
    }
}
