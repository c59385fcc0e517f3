package org.consilium.videobridge.bwe;

/**
 * Groups packets into send bursts and gives the send and arrival time differences between
 * consecutive groups (draft-ietf-rmcat-gcc-02 §5.2 "pre-filtering"; libwebrtc
 * goog_cc/inter_arrival_delta): packets sent within {@link #GROUP_LENGTH_MS} of a group's
 * first one belong to it, and so does a packet that arrives within
 * {@link #BURST_DELTA_MS} of the previous one having spent less time on the way (a burst
 * that queued behind something else and left together). Times in milliseconds (doubles:
 * sub-millisecond arrival deltas matter at high rates).
 */
final class InterArrival {

    static final double GROUP_LENGTH_MS = 5;
    static final double BURST_DELTA_MS = 5;
    static final double MAX_BURST_MS = 100;
    /** Groups whose arrival order contradicts their send order this many times in a row: start over. */
    private static final int REORDERED_RESET = 3;

    // the group being filled
    private boolean empty = true;
    private double firstSend;
    private double lastSend;
    private double firstArrival;
    private double lastArrival;
    // the group before it (complete)
    private boolean previousComplete;
    private double previousSend;
    private double previousArrival;
    private int reordered;

    /** After {@link #add} returned true: the deltas between the last two complete groups. */
    double sendDeltaMs;
    double arrivalDeltaMs;

    /** @return whether a group just completed and the deltas are set */
    boolean add(double sendMs, double arrivalMs) {
        if (empty) {
            startGroup(sendMs, arrivalMs);
            return false;
        }
        if (sendMs < firstSend) {
            return false; // sent before this group started: reordered on the way, tells nothing
        }
        boolean computed = false;
        if (startsNewGroup(sendMs, arrivalMs)) {
            if (previousComplete) {
                sendDeltaMs = lastSend - previousSend;
                arrivalDeltaMs = lastArrival - previousArrival;
                if (arrivalDeltaMs < 0) {
                    if (++reordered >= REORDERED_RESET) {
                        reset();
                        startGroup(sendMs, arrivalMs);
                        return false;
                    }
                } else {
                    reordered = 0;
                    computed = true;
                }
            }
            previousComplete = true;
            previousSend = lastSend;
            previousArrival = lastArrival;
            startGroup(sendMs, arrivalMs);
            return computed;
        }
        lastSend = Math.max(lastSend, sendMs);
        lastArrival = arrivalMs;
        return false;
    }

    private boolean startsNewGroup(double sendMs, double arrivalMs) {
        double arrivalDelta = arrivalMs - lastArrival;
        double sendDelta = sendMs - lastSend;
        if (sendDelta == 0) {
            return false;
        }
        boolean burst = arrivalDelta - sendDelta < 0 && arrivalDelta <= BURST_DELTA_MS
                && arrivalMs - firstArrival < MAX_BURST_MS;
        return !burst && sendMs - firstSend > GROUP_LENGTH_MS;
    }

    private void startGroup(double sendMs, double arrivalMs) {
        empty = false;
        firstSend = sendMs;
        lastSend = sendMs;
        firstArrival = arrivalMs;
        lastArrival = arrivalMs;
    }

    void reset() {
        empty = true;
        previousComplete = false;
        reordered = 0;
    }
}
