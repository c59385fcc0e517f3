package org.consilium.recording.timing;

import java.time.Instant;

/**
 * The origin of a recording's timecodes: the bridge's {@code System.nanoTime()} when the
 * recording of the call started, and the wall-clock time then (each file's DateUTC). Shared by
 * the participants of one call, so their files' timecodes line up with each other.
 */
public record RecordingTimeline(long originNanos, Instant wallClockAtOrigin) {

    public static RecordingTimeline startingNow() {
        return new RecordingTimeline(System.nanoTime(), Instant.now());
    }

    /** Milliseconds on this timeline (never before its origin). */
    public long millis(long localNanos) {
        return Math.max(0, Math.floorDiv(localNanos - originNanos + 500_000, 1_000_000));
    }
}
