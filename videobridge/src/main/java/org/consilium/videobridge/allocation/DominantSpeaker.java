package org.consilium.videobridge.allocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Who is speaking in one conference, from the RFC 6464 audio levels its publishers send:
 * a dominant speaker, and a ranking of endpoints by when they last became dominant (the
 * order in which allocation fills a receiver's last-N).
 *
 * <p><b>Method.</b> Time is cut into {@value #BUCKET_MILLIS} ms buckets. A packet is speech
 * when it is at least {@value #ABOVE_FLOOR_DB} dB above that speaker's noise floor (the
 * quietest level of the last {@value #FLOOR_SECONDS} s, so a fan, a ventilator or a noisy
 * ward never counts as speech) and louder than -{@value #SPEECH_LEVEL} dBov. A bucket is
 * voiced when it holds speech or follows speech by at most {@value #HANGOVER_BUCKETS}
 * buckets (a VAD's "hangover": the pauses between words and syllables are part of
 * speaking). Speech from a speaker's very first packet counts from its first pause, which
 * tells the floor what its room sounds like. Every bucket, the speaker with the most
 * voiced buckets in the last {@value #WINDOW_BUCKETS} becomes dominant if it has at least
 * {@value #TAKEOVER_BUCKETS} (1.2 s of speech, its short pauses included, within 1.5 s) and
 * more than the current dominant speaker has in the same window. So a cough or a "yes"
 * (under half a second, even one right after the other) never takes over, a new speaker
 * does after about 1.2 to 1.5 s of speech, silence never takes it away (the last one who
 * spoke stays dominant), and when two talk at once the one who was dominant keeps it until
 * the other clearly talks more.
 *
 * <p><b>Why not Volfin and Cohen.</b> Jitsi's DominantSpeakerIdentification follows
 * "Dominant Speaker Identification for Multipoint Videoconferencing" (Volfin and Cohen,
 * 2013): it scores each speaker's activity in three time scales (immediate: a level mapped
 * onto 13 "sub-bands"; medium: active sub-bands over 5 immediates; long: active medium
 * blocks over 10) with binomial/exponential likelihoods, and every 300 ms switches when a
 * challenger's log-likelihood ratio against the dominant speaker exceeds thresholds in all
 * three scales. The paper's sub-bands are a spectral measure; an SFU only has one level
 * per packet, so Jitsi maps level ranges onto "bands", and the three thresholds end up
 * encoding what is said above: the challenger must have spoken clearly more over about a
 * second. A windowed count of voiced buckets with an adaptive floor gives the same
 * behaviour a clinician notices (no flapping on a cough, takeover in about a second,
 * silence keeps the speaker), with parameters that say what they mean and are tested as
 * such, no background thread and no floating point per packet.
 *
 * <p><b>Threads.</b> {@link #level} runs on the thread that receives audio and allocates
 * nothing except for a new speaker or a new ranking; {@link #ranking()} and {@link #dominant()} may be
 * read from any thread.
 */
public final class DominantSpeaker {

    static final int BUCKET_MILLIS = 100;
    static final int WINDOW_BUCKETS = 15;
    static final int TAKEOVER_BUCKETS = 12;
    /** RFC 6464 level (-dBov) of the quietest speech: louder is needed. */
    static final int SPEECH_LEVEL = 50;
    static final int ABOVE_FLOOR_DB = 10;
    static final int FLOOR_SECONDS = 10;
    /** Buckets after a voiced packet that still count as speech: the pauses between words. */
    static final int HANGOVER_BUCKETS = 2;

    private static final long BUCKET_NANOS = TimeUnit.MILLISECONDS.toNanos(BUCKET_MILLIS);
    private static final int BUCKETS_PER_SECOND = 1000 / BUCKET_MILLIS;
    /** The buckets of the window, before the current (still filling) one. */
    private static final long WINDOW_MASK = ((1L << WINDOW_BUCKETS) - 1) << 1;
    private static final int SILENCE = 127;

    private final Map<String, Speaker> byId = new HashMap<>();
    private final List<Speaker> speakers = new ArrayList<>();
    /** Endpoint ids, the most recent dominant speaker first (those never dominant are not in it). */
    private final List<String> order = new ArrayList<>();
    private volatile List<String> ranking = List.of();
    private volatile String dominant;
    private long decidedBucket = Long.MIN_VALUE;

    /**
     * One audio packet's level.
     *
     * @param endpointId the publisher
     * @param level the RFC 6464 level, 0 (loudest, 0 dBov) to 127 (silence, -127 dBov)
     * @param nowNanos {@link System#nanoTime()} when it arrived
     * @return whether the dominant speaker (and so the ranking) changed
     */
    public synchronized boolean level(String endpointId, int level, long nowNanos) {
        if (level < 0 || level > SILENCE) {
            throw new IllegalArgumentException("an RFC 6464 audio level is 0..127, was " + level);
        }
        Speaker speaker = byId.get(endpointId);
        if (speaker == null) {
            speaker = new Speaker(endpointId);
            byId.put(endpointId, speaker);
            speakers.add(speaker);
        }
        long bucket = Math.floorDiv(nowNanos, BUCKET_NANOS);
        speaker.heard(127 - level, bucket);
        if (bucket <= decidedBucket) {
            return false;
        }
        decidedBucket = bucket;
        return decide(bucket);
    }

    /** The endpoint left: it is no longer a speaker. @return whether the ranking changed */
    public synchronized boolean remove(String endpointId) {
        Speaker speaker = byId.remove(endpointId);
        if (speaker == null) {
            return false;
        }
        speakers.remove(speaker);
        if (endpointId.equals(dominant)) {
            dominant = null;
        }
        if (order.remove(endpointId)) {
            ranking = List.copyOf(order);
            return true;
        }
        return false;
    }

    /** The dominant speaker's endpoint id, or null before anyone has spoken for long enough. */
    public String dominant() {
        return dominant;
    }

    /** Endpoint ids by when they last became dominant, the dominant speaker first; immutable. */
    public List<String> ranking() {
        return ranking;
    }

    private boolean decide(long bucket) {
        Speaker current = dominant == null ? null : byId.get(dominant);
        int currentVoiced = current == null ? 0 : current.voicedInWindow(bucket);
        Speaker challenger = null;
        int challengerVoiced = TAKEOVER_BUCKETS - 1;
        for (int i = 0; i < speakers.size(); i++) {
            Speaker speaker = speakers.get(i);
            if (speaker == current) {
                continue;
            }
            int voiced = speaker.voicedInWindow(bucket);
            if (voiced > challengerVoiced && voiced > currentVoiced) {
                challenger = speaker;
                challengerVoiced = voiced;
            }
        }
        if (challenger == null) {
            return false;
        }
        dominant = challenger.id;
        order.remove(challenger.id);
        order.add(0, challenger.id);
        ranking = List.copyOf(order);
        return true;
    }

    /** One publisher's recent speech. */
    private static final class Speaker {
        final String id;
        /** Bit n: bucket {@code lastBucket - n} was voiced. */
        long voiced;
        long lastBucket = Long.MIN_VALUE;
        /** The quietest loudness (127 - level) in each of the last seconds; 127 (0 dBov) when none was heard. */
        final byte[] quietestPerSecond = new byte[FLOOR_SECONDS];
        long lastSecond = Long.MIN_VALUE;
        long lastVoicedBucket = Long.MIN_VALUE;

        Speaker(String id) {
            this.id = id;
            java.util.Arrays.fill(quietestPerSecond, (byte) SILENCE);
        }

        void heard(int loudness, long bucket) {
            if (lastBucket == Long.MIN_VALUE) {
                lastBucket = bucket;
            } else if (bucket > lastBucket) {
                voiced = shifted(bucket);
                lastBucket = bucket;
            } // a late packet counts in the current bucket
            long second = Math.floorDiv(lastBucket, BUCKETS_PER_SECOND);
            if (second != lastSecond) {
                if (lastSecond != Long.MIN_VALUE) { // forget the seconds that slid out of the floor's window
                    for (long s = 1; s <= Math.min(second - lastSecond, FLOOR_SECONDS); s++) {
                        quietestPerSecond[(int) Math.floorMod(lastSecond + s, (long) FLOOR_SECONDS)] = (byte) SILENCE;
                    }
                }
                lastSecond = second;
            }
            int slot = (int) Math.floorMod(second, (long) FLOOR_SECONDS);
            if (loudness < quietestPerSecond[slot]) {
                quietestPerSecond[slot] = (byte) loudness;
            }
            if (loudness >= 127 - SPEECH_LEVEL && loudness >= floor() + ABOVE_FLOOR_DB) {
                lastVoicedBucket = lastBucket;
            }
            if (lastVoicedBucket != Long.MIN_VALUE && lastBucket - lastVoicedBucket <= HANGOVER_BUCKETS) {
                voiced |= 1;
            }
        }

        int floor() {
            int floor = SILENCE;
            for (byte quietest : quietestPerSecond) {
                floor = Math.min(floor, quietest);
            }
            return floor;
        }

        int voicedInWindow(long bucket) {
            return Long.bitCount(shifted(bucket) & WINDOW_MASK);
        }

        private long shifted(long bucket) {
            long by = bucket - lastBucket;
            if (by <= 0) {
                return voiced; // never later than the last decision's bucket; kept safe anyway
            }
            return by >= Long.SIZE ? 0 : voiced << by;
        }
    }
}
