package org.consilium.videobridge.bwe;

import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.TransportCcFeedback;

/**
 * The bandwidth estimate for one receiver: the bridge records what it sends under each
 * transport-wide sequence number ({@link #sent}); the receiver's transport-cc feedback
 * ({@link #feedback}) says when each arrived or that it did not. Delay: packets are grouped
 * by send burst ({@link InterArrival}), the trend of the delay variation is checked against
 * an adaptive threshold ({@link TrendlineDetector}) and drives AIMD ({@link AimdRateControl}).
 * Loss: {@link LossBasedControl}. The estimate is the lower of the two, within
 * {@link #MIN_BPS}..{@link #MAX_BPS}. When the bridge wants to send more than the estimate,
 * {@link #paddingBps} says how much to add to find out whether the path carries it.
 *
 * <p>Receive thread only (sends and feedback); {@link #estimateBps} from any thread. Times
 * are the caller's: {@code System.nanoTime()} in the bridge, simulated in tests.
 */
public final class BandwidthEstimator {

    /** Below this not even audio and a thumbnail fit; the estimate never goes lower. */
    public static final long MIN_BPS = 30_000;
    /** Well above what a receiver of 16 tiles and a stage needs (about 2.5 Mbit/s). */
    public static final long MAX_BPS = 20_000_000;
    /**
     * Where a receiver starts: libwebrtc's default start rate (api/transport/bitrate_settings.h,
     * BitrateConstraints.start_bitrate_bps = 300 kbit/s), which carries audio and a low layer or
     * two on any link a call can work on; {@link #paddingBps} probes up from there at once.
     */
    public static final long START_BPS = 300_000;
    /** No feedback about anything sent for this long: the delay history says nothing about the path now. */
    private static final double STREAM_TIMEOUT_MS = 2_000;
    /** Default round trip until feedback measured one (libwebrtc's kDefaultRttMs). */
    private static final double DEFAULT_RTT_MS = 200;
    /** Probing waits this long after a decrease: the path just said no. */
    private static final double PROBE_AFTER_DECREASE_MS = 2_000;
    /** Once the start-up probes are done, a probe at most this often (libwebrtc's ALR probe interval). */
    private static final double PROBE_INTERVAL_MS = 5_000;
    /**
     * Start-up probing (libwebrtc probe_controller): first at 3x the start rate, then at
     * twice each result while a result reaches 70 % of its target; later probes ask twice the estimate.
     */
    private static final double FIRST_PROBE_GAIN = 3;
    private static final double PROBE_GAIN = 2;
    private static final double FURTHER_PROBE_THRESHOLD = 0.7;

    private final SendHistory history = new SendHistory();
    private final InterArrival groups = new InterArrival();
    private TrendlineDetector detector = new TrendlineDetector();
    private final AimdRateControl delayBased = new AimdRateControl(START_BPS, MIN_BPS, MAX_BPS);
    private final LossBasedControl lossBased = new LossBasedControl(START_BPS, MIN_BPS);
    private final AcknowledgedRate acknowledged = new AcknowledgedRate();
    private final ProbeCluster probe = new ProbeCluster();
    private final Reports reports = new Reports();
    private volatile long estimateBps = START_BPS;
    private double rttMs = Double.NaN;
    private double lastDecreaseMs = Double.NEGATIVE_INFINITY;
    private double lastProbeMs = Double.NEGATIVE_INFINITY;
    /** The next start-up probe's target; NaN once start-up probing is over. */
    private double exponentialProbeBps = FIRST_PROBE_GAIN * START_BPS;
    private boolean probingExponentially;

    /** A packet went out to the receiver under {@code transportSequence}; ignored if negative (none). */
    public void sent(int transportSequence, int bytes, long nowNanos) {
        if (transportSequence >= 0) {
            history.sent(transportSequence, bytes, nowNanos);
        }
    }

    /**
     * A transport-cc feedback packet from the receiver ({@code length} bytes at {@code at}).
     * A malformed one changes nothing and is answered with the reason.
     */
    public TransportCcReader.Outcome feedback(MediaPacket packet, int at, int length, long nowNanos) {
        reports.begin();
        TransportCcReader.Outcome outcome = TransportCcReader.read(packet, at, length, reports);
        if (outcome == TransportCcReader.Outcome.OK && reports.matched > 0) {
            update(nowNanos / 1e6);
        }
        return outcome;
    }

    /** The current estimate in bit/s. Any thread. */
    public long estimateBps() {
        return estimateBps;
    }

    /** What the delay-based detector says about the path now. */
    public BandwidthUsage usage() {
        return detector.usage();
    }

    /**
     * How much to send on top of the media in the next interval, in bit/s: nothing while the
     * estimate covers what the bridge wants ({@code desiredBps}), or the path was congested
     * in the last two seconds; else the gap up to the estimate (so the estimate is tested and
     * can grow), and once a second a {@link ProbeCluster} at up to twice the estimate, whose
     * result raises the estimate at once instead of by 8 % a second. Pure decision: the
     * caller sends it (padding, or repeats of recently sent packets as RTX).
     *
     * @param mediaBps what the bridge forwards to this receiver now
     */
    public long paddingBps(long desiredBps, long mediaBps, long nowNanos) {
        double nowMs = nowNanos / 1e6;
        long estimate = estimateBps;
        probe.expire(nowMs);
        if (desiredBps <= estimate || nowMs - lastDecreaseMs < PROBE_AFTER_DECREASE_MS
                || lossBased.lossFraction() > LossBasedControl.LOW_LOSS) {
            return 0;
        }
        if (!probe.isOpen()) {
            if (!Double.isNaN(exponentialProbeBps)) {
                probe.start(nowMs, Math.min(desiredBps, Math.max(exponentialProbeBps, PROBE_GAIN * estimate)));
                exponentialProbeBps = Double.NaN; // until its result asks for the next
                probingExponentially = true;
                lastProbeMs = nowMs;
            } else if (nowMs - lastProbeMs >= PROBE_INTERVAL_MS) {
                probe.start(nowMs, Math.min(desiredBps, PROBE_GAIN * estimate));
                lastProbeMs = nowMs;
            }
        }
        double target = probe.isSending(nowMs) ? probe.targetBps() : Math.min(desiredBps, estimate);
        return Math.max(0, (long) target - mediaBps);
    }

    private void update(double nowMs) {
        if (reports.latestSendMs > Double.NEGATIVE_INFINITY) {
            // send to feedback of the newest packet reported: the round trip plus the receiver's feedback wait
            double sample = Math.max(0, nowMs - reports.latestSendMs);
            rttMs = Double.isNaN(rttMs) ? sample : 0.875 * rttMs + 0.125 * sample;
        }
        lossBased.reported(reports.lost, reports.received);
        double acked = acknowledged.bps(reports.latestArrivalMs);
        double previous = delayBased.bitrate();
        double probed = probe.evaluateIfComplete(reports.latestSendMs);
        if (!probe.isOpen() && probingExponentially) {
            probingExponentially = false;
            if (probed >= FURTHER_PROBE_THRESHOLD * probe.targetBps()) {
                exponentialProbeBps = PROBE_GAIN * probed; // the path carried it: ask for twice as much next
            }
        }
        double delay;
        if (!Double.isNaN(probed) && detector.usage() != BandwidthUsage.OVERUSING && probed > previous) {
            delay = delayBased.raiseTo(Math.min(probed, MAX_BPS), nowMs);
            lossBased.raiseTo(delay);
        } else {
            delay = delayBased.update(detector.usage(), acked, nowMs, rtt());
        }
        double loss = lossBased.update(nowMs, rtt(), delay);
        double lower = Math.min(delay, loss);
        if (Double.isNaN(lower)) {
            return; // cannot happen with finite inputs; never let it through to the allocation
        }
        long estimate = (long) Math.max(MIN_BPS, Math.min(MAX_BPS, lower));
        if (estimate < estimateBps) {
            lastDecreaseMs = nowMs; // by delay or by loss
        }
        estimateBps = estimate;
    }

    private double rtt() {
        return Double.isNaN(rttMs) ? DEFAULT_RTT_MS : rttMs;
    }

    /** Matches one feedback's statuses with the history; reused for every feedback. */
    private final class Reports implements TransportCcReader.Visitor {
        private long referenceMicros = Long.MIN_VALUE; // unwrapped across feedbacks
        private double lastArrivalMs = Double.NaN;
        double latestArrivalMs;
        double latestSendMs;
        int matched;
        private int lost;
        private int received;

        void begin() {
            matched = 0;
            lost = 0;
            received = 0;
            latestSendMs = Double.NEGATIVE_INFINITY;
        }

        @Override
        public void feedback(int baseSequence, int statusCount, int referenceTime, int feedbackCount) {
            long reference = referenceTime;
            if (referenceMicros != Long.MIN_VALUE) {
                long previous = referenceMicros / TransportCcFeedback.REFERENCE_MICROS;
                long step = ((referenceTime - previous) << 40) >> 40; // 24-bit signed difference
                reference = previous + step;
            }
            referenceMicros = reference * TransportCcFeedback.REFERENCE_MICROS;
        }

        @Override
        public void received(int sequence, long microsSinceReference) {
            int slot = history.find(sequence);
            if (slot < 0) {
                return;
            }
            matched++;
            received++;
            history.report(slot, SendHistory.REPORTED_RECEIVED);
            double sendMs = history.sentAtNanos(slot) / 1e6;
            double arrivalMs = (referenceMicros + microsSinceReference) / 1e3;
            int size = history.size(slot);
            if (!Double.isNaN(lastArrivalMs) && arrivalMs - lastArrivalMs > STREAM_TIMEOUT_MS) {
                groups.reset();
                detector = new TrendlineDetector(); // rare: after a pause of seconds
                acknowledged.reset();
            }
            lastArrivalMs = Double.isNaN(lastArrivalMs) ? arrivalMs : Math.max(lastArrivalMs, arrivalMs);
            latestArrivalMs = lastArrivalMs;
            latestSendMs = Math.max(latestSendMs, sendMs);
            if (groups.add(sendMs, arrivalMs)) {
                detector.update(groups.sendDeltaMs, groups.arrivalDeltaMs, arrivalMs);
            }
            acknowledged.received(arrivalMs, size);
            if (probe.contains(sendMs)) {
                probe.received(sendMs, arrivalMs, size);
            }
        }

        @Override
        public void notReceived(int sequence) {
            int slot = history.find(sequence);
            if (slot >= 0 && history.state(slot) == SendHistory.SENT) {
                matched++;
                lost++;
                history.report(slot, SendHistory.REPORTED_LOST);
            }
        }
    }
}
