package org.consilium.videobridge.rtp;

import org.consilium.videobridge.packet.MediaPacket;

/**
 * The last packets of one stream, by sequence number, for answering NACKs. Holds the
 * decrypted packets the receive path already made (no extra copy); receive thread only.
 */
public final class PacketCache {

    /** About one second of 1.5 Mbit/s video; older losses are better repaired by a keyframe. */
    static final int SIZE = 512;
    private static final long MAX_AGE_NANOS = 1_000_000_000L;

    private final MediaPacket[] packets = new MediaPacket[SIZE];
    private final long[] storedAt = new long[SIZE];

    /** Keeps the packet; returns the one it replaced (null if none), which nobody else holds any more. */
    public MediaPacket store(MediaPacket packet, long nowNanos) {
        int slot = Rtp.sequenceNumber(packet) & (SIZE - 1);
        MediaPacket evicted = packets[slot];
        packets[slot] = packet;
        storedAt[slot] = nowNanos;
        return evicted;
    }

    /** The packet with this sequence number, if it is still here and recent. */
    public MediaPacket find(int sequence, long nowNanos) {
        int slot = sequence & (SIZE - 1);
        MediaPacket packet = packets[slot];
        if (packet == null || Rtp.sequenceNumber(packet) != sequence || nowNanos - storedAt[slot] > MAX_AGE_NANOS) {
            return null;
        }
        return packet;
    }
}
