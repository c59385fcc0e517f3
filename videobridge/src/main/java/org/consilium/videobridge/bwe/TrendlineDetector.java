package org.consilium.videobridge.bwe;

/**
 * Tells whether a queue is building on the way to the receiver: the slope of a least-squares
 * line through the last {@link #WINDOW} smoothed values of the accumulated delay variation
 * (arrival delta minus send delta, summed), scaled and compared with an adaptive threshold
 * (libwebrtc goog_cc/trendline_estimator, which replaced the Kalman filter of
 * draft-ietf-rmcat-gcc-02 §5.3; the over-use rule and threshold adaptation are §5.4).
 */
final class TrendlineDetector {

    static final int WINDOW = 20;
    static final double SMOOTHING = 0.9;
    static final double THRESHOLD_GAIN = 4;
    /** The threshold moves up slowly (K_u) and down fast (K_d), per ms, within 6..600 (§5.4). */
    static final double K_UP = 0.0087;
    static final double K_DOWN = 0.039;
    static final double INITIAL_THRESHOLD = 12.5;
    static final double MIN_THRESHOLD = 6;
    static final double MAX_THRESHOLD = 600;
    /** A sudden large delay (a capacity drop) must not drag the threshold up with it. */
    static final double MAX_ADAPT_OFFSET_MS = 15;
    /** Over the threshold at least this long (and on two groups) before it counts as over-use. */
    static final double OVERUSING_TIME_MS = 10;
    /** Early slopes weigh less: the modified trend is min(deltas, 60) x slope x gain. */
    static final int MIN_DELTAS = 60;

    private final double[] x = new double[WINDOW];
    private final double[] y = new double[WINDOW];
    private int points;
    private int next;
    private int deltas;
    private double firstArrivalMs = Double.NaN;
    private double accumulatedDelay;
    private double smoothedDelay;
    private double slope;

    private double threshold = INITIAL_THRESHOLD;
    private double lastThresholdUpdateMs = Double.NaN;
    private double timeOverusing = -1;
    private int overuseCount;
    private double previousTrend;
    private BandwidthUsage usage = BandwidthUsage.NORMAL;

    BandwidthUsage update(double sendDeltaMs, double arrivalDeltaMs, double arrivalMs) {
        deltas = Math.min(deltas + 1, 1000);
        if (Double.isNaN(firstArrivalMs)) {
            firstArrivalMs = arrivalMs;
        }
        accumulatedDelay += arrivalDeltaMs - sendDeltaMs;
        smoothedDelay = SMOOTHING * smoothedDelay + (1 - SMOOTHING) * accumulatedDelay;
        x[next] = arrivalMs - firstArrivalMs;
        y[next] = smoothedDelay;
        next = (next + 1) % WINDOW;
        points = Math.min(points + 1, WINDOW);
        if (points == WINDOW) {
            slope = fitSlope();
        }
        detect(sendDeltaMs, arrivalMs);
        return usage;
    }

    BandwidthUsage usage() {
        return usage;
    }

    double threshold() {
        return threshold;
    }

    private double fitSlope() {
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < WINDOW; i++) {
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= WINDOW;
        meanY /= WINDOW;
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < WINDOW; i++) {
            numerator += (x[i] - meanX) * (y[i] - meanY);
            denominator += (x[i] - meanX) * (x[i] - meanX);
        }
        return denominator == 0 ? slope : numerator / denominator;
    }

    private void detect(double sendDeltaMs, double nowMs) {
        if (deltas < 2) {
            usage = BandwidthUsage.NORMAL;
            return;
        }
        double trend = Math.min(deltas, MIN_DELTAS) * slope * THRESHOLD_GAIN;
        if (trend > threshold) {
            timeOverusing = timeOverusing < 0 ? sendDeltaMs / 2 : timeOverusing + sendDeltaMs;
            overuseCount++;
            if (timeOverusing > OVERUSING_TIME_MS && overuseCount > 1 && slope * THRESHOLD_GAIN >= previousTrend) {
                timeOverusing = 0;
                overuseCount = 0;
                usage = BandwidthUsage.OVERUSING;
            }
        } else if (trend < -threshold) {
            timeOverusing = -1;
            overuseCount = 0;
            usage = BandwidthUsage.UNDERUSING;
        } else {
            timeOverusing = -1;
            overuseCount = 0;
            usage = BandwidthUsage.NORMAL;
        }
        previousTrend = slope * THRESHOLD_GAIN;
        adaptThreshold(trend, nowMs);
    }

    private void adaptThreshold(double trend, double nowMs) {
        if (Double.isNaN(lastThresholdUpdateMs)) {
            lastThresholdUpdateMs = nowMs;
        }
        if (Math.abs(trend) > threshold + MAX_ADAPT_OFFSET_MS) {
            lastThresholdUpdateMs = nowMs;
            return;
        }
        double k = Math.abs(trend) < threshold ? K_DOWN : K_UP;
        double elapsed = Math.max(0, Math.min(nowMs - lastThresholdUpdateMs, 100));
        threshold += k * (Math.abs(trend) - threshold) * elapsed;
        threshold = Math.max(MIN_THRESHOLD, Math.min(MAX_THRESHOLD, threshold));
        lastThresholdUpdateMs = nowMs;
    }
}
