package org.consilium.videobridge.bwe;

/**
 * The rate at which the receiver got our packets: bytes reported received whose arrival
 * falls in the last {@link #WINDOW_MS} of arrival time (the receiver's clock), the R_hat of
 * draft-ietf-rmcat-gcc-02 §5.5. Under a queue the arrivals are spaced by the bottleneck,
 * so this is its capacity, which a decrease backs off from. A ring of arrivals; no
 * allocation.
 */
final class AcknowledgedRate {

    static final double WINDOW_MS = 500;
    /** Less than this much arrival time seen: no rate yet (a handful of packets says nothing). */
    static final double MIN_SPAN_MS = 150;
    private static final int CAPACITY = 4096;

    private final double[] arrivalMs = new double[CAPACITY];
    private final int[] bytes = new int[CAPACITY];
    private int head;
    private int count;
    private long sum;
    private double firstArrivalMs = Double.NaN;

    void received(double arrival, int size) {
        if (Double.isNaN(firstArrivalMs)) {
            firstArrivalMs = arrival;
        }
        if (count == CAPACITY) {
            dropOldest();
        }
        int slot = (head + count) % CAPACITY;
        arrivalMs[slot] = arrival;
        bytes[slot] = size;
        sum += size;
        count++;
        while (count > 0 && arrivalMs[head] <= arrival - WINDOW_MS) {
            dropOldest();
        }
    }

    /** In bit/s; NaN until enough has arrived. */
    double bps(double latestArrivalMs) {
        double span = Math.min(WINDOW_MS, latestArrivalMs - firstArrivalMs);
        if (Double.isNaN(span) || span < MIN_SPAN_MS) {
            return Double.NaN;
        }
        return sum * 8 * 1000 / span;
    }

    /** After a pause: the rate starts again from what arrives next. */
    void reset() {
        head = 0;
        count = 0;
        sum = 0;
        firstArrivalMs = Double.NaN;
    }

    private void dropOldest() {
        sum -= bytes[head];
        head = (head + 1) % CAPACITY;
        count--;
    }
}
