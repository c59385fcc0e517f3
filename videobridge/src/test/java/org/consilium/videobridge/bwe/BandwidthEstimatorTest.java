package org.consilium.videobridge.bwe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The estimator against a simulated bottleneck ({@link BottleneckLink}): the bridge wants
 * 10 Mbit/s, more than any of these links carries, so the estimate alone decides what is
 * sent. Bounds are in multiples of the link's capacity; the traces they were set against
 * are in docs/architecture.md ("Bandwidth estimation").
 */
class BandwidthEstimatorTest {

    private static final long WANTS = 10_000_000;
    private static final DoubleUnaryOperator NO_LOSS = t -> 0;

    @Test
    void startsAtTheDefaultAndFindsTheCapacityWithinTwoSeconds() {
        Trace trace = run(t -> 2_000_000, NO_LOSS, 3_000);
        assertEquals(BandwidthEstimator.START_BPS, trace.at(0));
        assertTrue(trace.firstAtOrAfter(0, bps -> bps >= 1_500_000) <= 2_000, trace::toString);
    }

    @Test
    void staysNearASteadyCapacityWithoutWideSwings() {
        double capacity = 2_000_000;
        Trace trace = run(t -> capacity, NO_LOSS, 60_000);
        assertTrue(trace.min(10_000, 60_000) >= 0.7 * capacity, trace::toString);
        assertTrue(trace.max(10_000, 60_000) <= 1.25 * capacity, trace::toString);
        double mean = trace.mean(10_000, 60_000);
        assertTrue(mean >= 0.85 * capacity && mean <= 1.1 * capacity, () -> "mean " + mean + "\n" + trace);
    }

    @Test
    void fallsBelowANewLowerCapacityWithinTwoSecondsWithoutCollapsing() {
        Trace trace = run(t -> t < 20_000 ? 3_000_000 : 1_000_000, NO_LOSS, 40_000);
        assertTrue(trace.min(10_000, 20_000) >= 0.7 * 3_000_000, trace::toString);
        assertTrue(trace.firstAtOrAfter(20_000, bps -> bps < 1_000_000) <= 22_000, trace::toString);
        assertTrue(trace.min(20_000, 40_000) >= 0.5 * 1_000_000, trace::toString);
        assertTrue(trace.max(23_000, 40_000) <= 1.2 * 1_000_000, trace::toString);
    }

    @Test
    void risesToANewHigherCapacityWithinEightSeconds() {
        Trace trace = run(t -> t < 20_000 ? 1_000_000 : 3_000_000, NO_LOSS, 40_000);
        assertTrue(trace.max(5_000, 20_000) <= 1.25 * 1_000_000, trace::toString);
        assertTrue(trace.firstAtOrAfter(20_000, bps -> bps >= 0.8 * 3_000_000) <= 28_000, trace::toString);
        assertTrue(trace.min(30_000, 40_000) >= 0.7 * 3_000_000, trace::toString);
    }

    @Test
    void aLossBurstLowersTheEstimateAndItRecoversAfterwards() {
        double capacity = 2_000_000;
        Trace trace = run(t -> capacity, t -> t >= 15_000 && t < 17_000 ? 0.2 : 0, 35_000);
        double before = trace.mean(10_000, 15_000);
        // without loss the estimate swings no lower than about 0.9 of its mean (staysNear... above)
        assertTrue(trace.min(15_000, 18_500) <= 0.8 * before, trace::toString);
        assertTrue(trace.firstAtOrAfter(17_000, bps -> bps >= 0.8 * capacity) <= 22_000, trace::toString);
        assertTrue(trace.min(23_000, 35_000) >= 0.7 * capacity, trace::toString);
    }

    @Test
    void steadyLossOfFivePercentHoldsTheEstimateAndTwentyPercentPullsItDown() {
        double capacity = 2_000_000;
        Trace moderate = run(t -> capacity, t -> t >= 5_000 ? 0.05 : 0, 30_000);
        assertTrue(moderate.min(10_000, 30_000) >= 0.6 * capacity, moderate::toString);
        Trace heavy = run(t -> capacity, t -> t >= 5_000 ? 0.2 : 0, 30_000);
        assertTrue(heavy.max(20_000, 30_000) <= 0.5 * capacity, heavy::toString);
        assertTrue(heavy.min(0, 30_000) >= BandwidthEstimator.MIN_BPS);
    }

    @Test
    void probesDoubleFromTheStartRateUntilTheEstimateCoversWhatTheBridgeWants() {
        long wants = 8_000_000;
        Trace trace = run(t -> 100_000_000, NO_LOSS, 10_000, wants);
        // 0.9, 1.8, 3.6, 7.2 Mbit/s probes, each answered within about 150 ms
        assertTrue(trace.firstAtOrAfter(0, bps -> bps >= 0.85 * wants) <= 1_500, trace::toString);
        double covered = trace.firstAtOrAfter(0, bps -> bps >= wants);
        assertTrue(covered <= 3_000, trace::toString);
        assertEquals(0, trace.paddingMax(covered + 100, 10_000), "no padding once the estimate covers the want");
    }

    @Test
    void noPaddingWhenTheBridgeWantsLessThanTheEstimate() {
        Trace trace = run(t -> 10_000_000, NO_LOSS, 10_000, 250_000);
        assertEquals(0, trace.paddingMax(0, 10_000), "the start rate already covers 250 kbit/s");
        assertEquals(BandwidthEstimator.START_BPS, trace.at(0));
    }

    @Test
    void noPaddingForTwoSecondsAfterTheEstimateFell() {
        Trace trace = run(t -> t < 20_000 ? 3_000_000 : 1_000_000, NO_LOSS, 40_000, WANTS);
        List<Double> decreases = trace.decreases();
        assertTrue(decreases.size() >= 5, trace::toString);
        for (double at : decreases) {
            assertEquals(0, trace.paddingMax(at, at + 1_900), () -> "padding after the decrease at " + at + "\n" + trace);
        }
    }

    private static Trace run(DoubleUnaryOperator capacityBps, DoubleUnaryOperator loss, double untilMs) {
        return run(capacityBps, loss, untilMs, WANTS);
    }

    private static Trace run(DoubleUnaryOperator capacityBps, DoubleUnaryOperator loss, double untilMs, long wants) {
        Trace trace = new Trace();
        new BottleneckLink(new BandwidthEstimator(), capacityBps, loss, wants).run(untilMs, trace::add);
        return trace;
    }

    /** The estimate every 100 ms of a run. */
    static final class Trace {
        private final List<double[]> samples = new ArrayList<>();

        void add(double ms, long bps, long paddingBps) {
            samples.add(new double[] {ms, bps, paddingBps});
        }

        double paddingMax(double fromMs, double toMs) {
            return samples.stream().filter(s -> s[0] >= fromMs && s[0] < toMs).mapToDouble(s -> s[2]).max().orElseThrow();
        }

        /** Times at which the estimate was lower than 100 ms before. */
        List<Double> decreases() {
            List<Double> times = new ArrayList<>();
            for (int i = 1; i < samples.size(); i++) {
                if (samples.get(i)[1] < samples.get(i - 1)[1]) {
                    times.add(samples.get(i)[0]);
                }
            }
            return times;
        }

        long at(double ms) {
            return (long) samples.stream().filter(s -> s[0] >= ms).findFirst().orElseThrow()[1];
        }

        double min(double fromMs, double toMs) {
            return window(fromMs, toMs).min().orElseThrow();
        }

        double max(double fromMs, double toMs) {
            return window(fromMs, toMs).max().orElseThrow();
        }

        double mean(double fromMs, double toMs) {
            return window(fromMs, toMs).average().orElseThrow();
        }

        /** When the estimate first met the condition at or after {@code fromMs}; infinity if never. */
        double firstAtOrAfter(double fromMs, java.util.function.DoublePredicate condition) {
            return samples.stream().filter(s -> s[0] >= fromMs && condition.test(s[1])).mapToDouble(s -> s[0])
                    .findFirst().orElse(Double.POSITIVE_INFINITY);
        }

        private java.util.stream.DoubleStream window(double fromMs, double toMs) {
            return samples.stream().filter(s -> s[0] >= fromMs && s[0] < toMs).mapToDouble(s -> s[1]);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("estimate (kbit/s) every 500 ms:");
            for (double[] sample : samples) {
                if (sample[0] % 500 == 0) {
                    text.append(sample[0] % 5_000 == 0 ? "\n" + (int) (sample[0] / 1000) + " s:" : "")
                            .append(' ').append((long) sample[1] / 1000);
                }
            }
            return text.toString();
        }
    }
}
