package org.consilium.videobridge.load;

import java.io.IOException;
import java.util.ArrayDeque;
import org.consilium.videobridge.rtp.Bytes;
import org.consilium.videobridge.rtp.TransportCcFeedback;
import org.consilium.videobridge.testing.SyntheticBrowser;

/**
 * A synthetic receiver's access link of limited capacity, as a weak Wi-Fi or a shaped VLAN
 * is: a FIFO drained at {@link #capacity} that drops what would wait longer than
 * {@link #MAX_QUEUE_NANOS} (tail drop), placed after the receiver's socket, and the
 * transport-cc feedback a browser behind it would send (every 50 ms, the packets that got
 * through, stamped with the time they left the queue). The bridge's estimator reads that
 * feedback as from a browser; it sees the queue's delay grow and its drops, not the cap.
 *
 * <p>What the receiver's {@link ReceivedLayers} counts is what the bridge sent (before the
 * link): a switch is timed when the bridge sends the new layer, not when it arrives.
 * The reader thread feeds {@link #rtp}; the generator's thread sends the feedback and moves
 * the cap; they meet under this object's lock.
 */
final class CappedLink {

    /** A browser's jitter buffer and a router's queue: what waits longer is dropped. */
    static final long MAX_QUEUE_NANOS = 400_000_000L;
    static final long FEEDBACK_INTERVAL_NANOS = 50_000_000L;
    /** The capacity when not capped: well above anything the bridge sends one receiver here. */
    static final long OPEN_BPS = 100_000_000L;

    private final int transportCcId;
    private final int receiverSsrc;
    private final TransportCcFeedback feedback = new TransportCcFeedback();
    /** {transport-wide number, nanoTime it leaves the queue}, in order. */
    private final ArrayDeque<long[]> inFlight = new ArrayDeque<>();
    private long capacityBps = OPEN_BPS;
    private long queueFreeAt;
    private long lastFeedback;
    private long dropped;
    private long unnumbered;

    CappedLink(int transportCcId, int receiverSsrc) {
        this.transportCcId = transportCcId;
        this.receiverSsrc = receiverSsrc;
    }

    synchronized void capacity(long bps) {
        capacityBps = bps;
    }

    synchronized long capacity() {
        return capacityBps;
    }

    /** A datagram from the bridge reached the link (an RTP packet as on the wire, SRTP). */
    synchronized void rtp(byte[] packet, int length, long nowNanos) {
        long start = Math.max(nowNanos, queueFreeAt);
        long leaves = start + length * 8L * 1_000_000_000L / capacityBps;
        if (leaves - nowNanos > MAX_QUEUE_NANOS) {
            dropped++;
            return;
        }
        queueFreeAt = leaves;
        int sequence = transportSequence(packet, length);
        if (sequence < 0) {
            unnumbered++; // a packet the bridge did not number (audio from a publisher without the extension)
            return;
        }
        inFlight.addLast(new long[] {sequence, leaves});
    }

    /** Sends the feedback that is due: the packets that left the queue by {@code now}. */
    void sendDue(long nowNanos, SyntheticBrowser browser) throws IOException {
        byte[] report;
        synchronized (this) {
            if (nowNanos - lastFeedback < FEEDBACK_INTERVAL_NANOS) {
                return;
            }
            lastFeedback = nowNanos;
            while (!inFlight.isEmpty() && inFlight.peekFirst()[1] - nowNanos <= 0) {
                long[] arrived = inFlight.pollFirst();
                feedback.received((int) arrived[0], arrived[1] / 1_000);
            }
            report = feedback.write(receiverSsrc, 0);
        }
        if (report != null) {
            browser.sendRtcp(report);
        }
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized long unnumbered() {
        return unnumbered;
    }

    /** The transport-wide number in the packet's clear header (one-byte elements), or -1. */
    private int transportSequence(byte[] packet, int length) {
        if (length < 12 || (packet[0] & 0x10) == 0) {
            return -1;
        }
        int at = 12 + 4 * (packet[0] & 0x0F);
        if (length < at + 4 || Bytes.u16(packet, at) != 0xBEDE) {
            return -1;
        }
        int end = at + 4 + 4 * Bytes.u16(packet, at + 2);
        int element = at + 4;
        while (element < end && element < length) {
            int id = (packet[element] & 0xFF) >>> 4;
            int size = (packet[element] & 0x0F) + 1;
            if (id == 0) {
                element++;
                continue;
            }
            if (id == transportCcId && size == 2 && element + 2 < length) {
                return Bytes.u16(packet, element + 1);
            }
            element += 1 + size;
        }
        return -1;
    }
}
