package org.consilium.videobridge.bwe;

import java.util.ArrayDeque;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.TransportCcFeedback;

/**
 * A bridge sending to one receiver through a bottleneck, in simulated milliseconds: video
 * frames at 30 per second at the rate the estimate allows (up to what the bridge wants), the
 * estimator's padding on top; a FIFO of the link's capacity (tail drop past
 * {@link #MAX_QUEUE_MS} of queue), random loss, one-way propagation delay both ways. The
 * receiver records arrivals with the bridge's own {@link TransportCcFeedback} writer and
 * sends feedback every 50 ms; the estimator reads those bytes. Deterministic (seeded).
 */
final class BottleneckLink {

    static final double PROPAGATION_MS = 25;
    static final double MAX_QUEUE_MS = 400;
    private static final double FEEDBACK_INTERVAL_MS = 50;
    private static final double TICK_MS = 10;
    private static final int PACKET_BYTES = 1200;
    /**
     * The receiver's clock has nothing to do with the bridge's; this one makes its 24-bit
     * reference time (64 ms units) wrap 10 s into the run.
     */
    private static final long RECEIVER_CLOCK_OFFSET_MICROS = (1L << 24) * 64_000 - 10_000_000;
    /** The transport-wide number wraps a few hundred packets in. */
    private static final int FIRST_SEQUENCE = 65_200;

    private final BandwidthEstimator estimator;
    private final DoubleUnaryOperator capacityAt;
    private final DoubleUnaryOperator lossAt;
    private final long desiredBps;
    private final Random random = new Random(19);
    private final TransportCcFeedback receiver = new TransportCcFeedback();
    private final ArrayDeque<double[]> inFlight = new ArrayDeque<>();   // {sequence, arrival ms}
    private final ArrayDeque<Object[]> feedbackInFlight = new ArrayDeque<>(); // {due ms, bytes}
    private double linkFreeMs;
    private int sequence = FIRST_SEQUENCE;
    private double paddingCredit;
    private long paddingBps;
    private long mediaBps;
    private double nowMs;
    private long sentBytes;
    private long deliveredBytes;

    BottleneckLink(BandwidthEstimator estimator, DoubleUnaryOperator capacityBpsAt, DoubleUnaryOperator lossAt,
                   long desiredBps) {
        this.estimator = estimator;
        this.capacityAt = capacityBpsAt;
        this.lossAt = lossAt;
        this.desiredBps = desiredBps;
    }

    double now() {
        return nowMs;
    }

    /** Runs until {@code untilMs}, calling {@code sample} every 100 ms with the time, the estimate and the padding sent. */
    void run(double untilMs, Sampler sample) {
        for (; nowMs < untilMs; nowMs += 1) {
            long nowNanos = (long) (nowMs * 1e6);
            deliverFeedback(nowNanos);
            if (nowMs % TICK_MS == 0) {
                mediaBps = Math.min(desiredBps, estimator.estimateBps());
                paddingBps = estimator.paddingBps(desiredBps, mediaBps, nowNanos);
            }
            if (nowMs % (1000.0 / 30) < 1) {
                int frameBytes = (int) (mediaBps / 8 / 30);
                while (frameBytes > 0) {
                    int size = Math.min(PACKET_BYTES, frameBytes);
                    send(Math.max(size, 100), nowNanos);
                    frameBytes -= size;
                }
            }
            paddingCredit += paddingBps / 8.0 / 1000;
            while (paddingCredit >= PACKET_BYTES) {
                send(PACKET_BYTES, nowNanos);
                paddingCredit -= PACKET_BYTES;
            }
            receive();
            if (nowMs % FEEDBACK_INTERVAL_MS == 0) {
                byte[] feedback = receiver.write(1, 2);
                if (feedback != null) {
                    feedbackInFlight.add(new Object[] {nowMs + PROPAGATION_MS, feedback});
                }
            }
            if (nowMs % 100 == 0) {
                sample.at(nowMs, estimator.estimateBps(), paddingBps);
            }
        }
    }

    long sentBytes() {
        return sentBytes;
    }

    long deliveredBytes() {
        return deliveredBytes;
    }

    private void send(int size, long nowNanos) {
        int transportSequence = sequence++ & 0xFFFF;
        estimator.sent(transportSequence, size, nowNanos);
        sentBytes += size;
        if (random.nextDouble() < lossAt.applyAsDouble(nowMs)) {
            return;
        }
        double start = Math.max(nowMs, linkFreeMs);
        if (start - nowMs > MAX_QUEUE_MS) {
            return; // tail drop
        }
        linkFreeMs = start + size * 8 * 1000.0 / capacityAt.applyAsDouble(nowMs);
        inFlight.add(new double[] {transportSequence, linkFreeMs + PROPAGATION_MS, size});
    }

    private void receive() {
        while (!inFlight.isEmpty() && inFlight.peek()[1] <= nowMs) {
            double[] packet = inFlight.poll();
            receiver.received((int) packet[0], (long) (packet[1] * 1000) + RECEIVER_CLOCK_OFFSET_MICROS);
            deliveredBytes += (long) packet[2];
        }
    }

    private void deliverFeedback(long nowNanos) {
        while (!feedbackInFlight.isEmpty() && (double) feedbackInFlight.peek()[0] <= nowMs) {
            byte[] bytes = (byte[]) feedbackInFlight.poll()[1];
            TransportCcReader.Outcome outcome = estimator.feedback(MediaPacket.copyOf(bytes, 0, bytes.length), 0,
                    bytes.length, nowNanos);
            if (outcome != TransportCcReader.Outcome.OK) {
                throw new AssertionError("the bridge's own feedback was refused: " + outcome);
            }
        }
    }

    @FunctionalInterface
    interface Sampler {
        void at(double ms, long estimateBps, long paddingBps);
    }
}
