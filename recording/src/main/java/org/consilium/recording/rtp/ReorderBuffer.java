package org.consilium.recording.rtp;

import java.util.function.Consumer;

/**
 * Gives packets back in extended-sequence order. A packet that arrives ahead of a missing one
 * waits for it at most the window, measured both on the packets' arrival clock and in RTP
 * time (whichever runs out first), then the missing ones count as lost and the buffer moves
 * on. Duplicates and packets older than what was already given back are dropped and counted.
 * A jump far forward or back (a publisher that restarted with new numbers) gives back what is
 * held and starts again from the new packet.
 *
 * <p>Single-threaded: the writer thread alone calls it.
 */
public final class ReorderBuffer {

    /** A packet this far behind what was given back is taken for a restart, not a late one. */
    static final int MAX_MISORDER = 1000;
    /** Packets in a row that are all too old: the stream restarted at lower numbers. */
    static final int MAX_CONSECUTIVE_OLD = 50;
    /** A jump forward beyond this is a restart (RFC 3550 A.1's MAX_DROPOUT). */
    static final int MAX_DROPOUT = 3000;

    private final RtpPacket[] ring;
    private final int mask;
    private final long windowNanos;
    private final long windowTicks;
    private final Consumer<RtpPacket> out;

    private boolean started;
    private long next;
    private int held;
    private long newestTimestamp = Long.MIN_VALUE;
    private int consecutiveOld;

    private long lost;
    private long duplicates;
    private long late;
    private long restarts;

    /**
     * @param capacity packets held at most (a power of two); a buffer half full gives up on its gap
     * @param windowNanos how long a packet waits for a missing predecessor, by arrival time
     * @param windowTicks the same in RTP timestamp units (the codec's clock)
     */
    public ReorderBuffer(int capacity, long windowNanos, long windowTicks, Consumer<RtpPacket> out) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two");
        }
        this.ring = new RtpPacket[capacity];
        this.mask = capacity - 1;
        this.windowNanos = windowNanos;
        this.windowTicks = windowTicks;
        this.out = out;
    }

    /** Takes a packet (its extended sequence set) and gives back whatever is now in order. */
    public void add(RtpPacket packet, long nowNanos) {
        long sequence = packet.extendedSequence();
        if (!started) {
            started = true;
            next = sequence;
        }
        long delta = sequence - next;
        if (delta < 0) {
            if (-delta <= MAX_MISORDER && ++consecutiveOld <= MAX_CONSECUTIVE_OLD) {
                late++;
                return;
            }
            restart(sequence);
        } else if (delta > MAX_DROPOUT) {
            restart(sequence);
        } else if (delta >= ring.length) {
            releaseAll();
            lost += sequence - next;
            next = sequence;
        }
        consecutiveOld = 0;
        int slot = (int) (sequence & mask);
        if (ring[slot] != null) {
            duplicates++;
            return;
        }
        ring[slot] = packet;
        held++;
        newestTimestamp = Math.max(newestTimestamp, packet.extendedTimestamp());
        drain(nowNanos);
    }

    /** Gives back what waited long enough for a missing packet (the writer calls it when idle too). */
    public void drain(long nowNanos) {
        while (held > 0) {
            RtpPacket packet = ring[(int) (next & mask)];
            if (packet != null) {
                release(packet);
                continue;
            }
            RtpPacket first = firstHeld();
            boolean expired = nowNanos - first.arrivalNanos() >= windowNanos
                    || newestTimestamp - first.extendedTimestamp() >= windowTicks
                    || held > ring.length / 2;
            if (!expired) {
                return;
            }
            lost += first.extendedSequence() - next;
            next = first.extendedSequence();
        }
    }

    /** Gives back everything held, in order; gaps count as lost. */
    public void releaseAll() {
        while (held > 0) {
            RtpPacket packet = ring[(int) (next & mask)];
            if (packet == null) {
                RtpPacket first = firstHeld();
                lost += first.extendedSequence() - next;
                next = first.extendedSequence();
                continue;
            }
            release(packet);
        }
    }

    /** Forgets everything (a new SSRC): what is held is given back first. */
    public void reset() {
        releaseAll();
        started = false;
        newestTimestamp = Long.MIN_VALUE;
        consecutiveOld = 0;
    }

    private void restart(long sequence) {
        releaseAll();
        restarts++;
        next = sequence;
        newestTimestamp = Long.MIN_VALUE;
    }

    private void release(RtpPacket packet) {
        ring[(int) (next & mask)] = null;
        held--;
        next++;
        out.accept(packet);
    }

    private RtpPacket firstHeld() {
        for (long sequence = next + 1; ; sequence++) {
            RtpPacket packet = ring[(int) (sequence & mask)];
            if (packet != null) {
                return packet;
            }
        }
    }

    public int held() {
        return held;
    }

    public long lost() {
        return lost;
    }

    public long duplicates() {
        return duplicates;
    }

    /** Packets that came after their place had been given up (or given back). */
    public long late() {
        return late;
    }

    public long restarts() {
        return restarts;
    }
}
