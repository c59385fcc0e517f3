package org.consilium.videobridge.bwe;

import java.util.Arrays;

/**
 * What went out to one receiver under each of its transport-wide sequence numbers: when
 * and how many bytes, in a ring of {@link #CAPACITY} slots (the number's low bits), so that
 * recording a packet is three array stores. A slot remembers its full 16-bit number, so a
 * feedback naming a number whose slot was reused since finds nothing. Each number is
 * reported once: a repeated or forged feedback for it counts nothing again.
 */
public final class SendHistory {

    /** About 4 s at the estimator's 20 Mbit/s ceiling in 1,200-byte packets; feedback comes every 50-250 ms. */
    public static final int CAPACITY = 8192;
    private static final int MASK = CAPACITY - 1;

    static final byte EMPTY = 0;
    static final byte SENT = 1;
    static final byte REPORTED_LOST = 2;
    static final byte REPORTED_RECEIVED = 3;

    private final long[] sentAtNanos = new long[CAPACITY];
    private final int[] sequence = new int[CAPACITY];
    private final int[] size = new int[CAPACITY];
    private final byte[] state = new byte[CAPACITY];

    public SendHistory() {
        Arrays.fill(sequence, -1);
    }

    /** A packet went out under {@code transportSequence} (16 bits), {@code bytes} long as sent. */
    public void sent(int transportSequence, int bytes, long nowNanos) {
        int slot = transportSequence & MASK;
        sequence[slot] = transportSequence & 0xFFFF;
        sentAtNanos[slot] = nowNanos;
        size[slot] = bytes;
        state[slot] = SENT;
    }

    /**
     * The slot of {@code transportSequence} if it holds that number and it has not been
     * reported received; -1 otherwise (never sent, sent too long ago, or reported already).
     */
    int find(int transportSequence) {
        int slot = transportSequence & MASK;
        return sequence[slot] == (transportSequence & 0xFFFF) && (state[slot] == SENT || state[slot] == REPORTED_LOST)
                ? slot : -1;
    }

    byte state(int slot) {
        return state[slot];
    }

    void report(int slot, byte reported) {
        state[slot] = reported;
    }

    long sentAtNanos(int slot) {
        return sentAtNanos[slot];
    }

    int size(int slot) {
        return size[slot];
    }
}
