package org.consilium.videobridge.stats;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Time from a packet's arrival at its endpoint to the send of each forwarded copy, in
 * nanoseconds. Recorded wait-free on the receive thread; read as intervals (each read
 * returns what was recorded since the previous one).
 */
public final class TransitTimes {

    /** Three significant digits: a 0.5 ms bound is read to a microsecond. */
    private final Recorder recorder = new Recorder(3);

    public void record(long nanos) {
        recorder.recordValue(Math.max(0, nanos));
    }

    /** Everything recorded since the last call. */
    public Histogram interval() {
        return recorder.getIntervalHistogram();
    }
}
