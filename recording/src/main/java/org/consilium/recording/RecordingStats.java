package org.consilium.recording;

/**
 * A participant recording's counters.
 *
 * @param packetsQueued RTP packets handed to the writer thread
 * @param packetsDroppedQueueFull RTP packets dropped on the media thread because the writer was behind
 * @param packetsInvalid copies that were not valid RTP
 * @param packetsLost sequence numbers that never came (within the reorder window)
 * @param packetsDuplicateOrLate packets seen twice, or after their place was given up
 * @param streamRestarts new SSRCs or jumps in the numbering (a publisher that restarted)
 * @param audioFrames Opus frames written
 * @param videoFrames VP8 frames written
 * @param videoFramesDropped incomplete VP8 frames, and frames that waited for a keyframe
 * @param keyframeRequests times {@link RecordingListener#keyframeNeeded} was called
 * @param bytesWritten bytes of WebM handed to the sink
 * @param clusters clusters started
 */
public record RecordingStats(long packetsQueued, long packetsDroppedQueueFull, long packetsInvalid, long packetsLost,
                             long packetsDuplicateOrLate, long streamRestarts, long audioFrames, long videoFrames,
                             long videoFramesDropped, long keyframeRequests, long bytesWritten, long clusters) {
}
