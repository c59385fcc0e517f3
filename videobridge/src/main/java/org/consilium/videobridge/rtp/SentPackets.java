package org.consilium.videobridge.rtp;

import java.util.Arrays;
import org.consilium.videobridge.packet.MediaPacket;

/**
 * What a resend without RTX must repeat of the packets one receiver got on one stream:
 * the transport-wide sequence number written into each copy, and the end of the SRTP
 * packet it went out as (its authentication tag).
 *
 * <p>Why: a resend on the stream's own SSRC has the same SRTP index (SSRC, ROC, sequence
 * number), which for AES-GCM is the nonce. Two different packets under one GCM nonce let
 * an eavesdropper solve for the authentication key and forge packets to the receiver; the
 * same packet twice tells nobody anything. Rewritten with the first copy's transport-wide
 * number, a resend is the same clear packet, so the same SRTP packet. {@link #isAsSent}
 * checks that on the protected bytes before they go out: a renegotiated mapping, a
 * sending context whose ROC has moved on, or a cached packet that is not the one sent
 * with that number gives another tag, and that resend is not sent.
 *
 * <p>Slot per sequence number as in {@link PacketCache}, about 14 KB per stream and
 * receiver, allocated once. Receive thread only.
 */
public final class SentPackets {

    /** Not sent, or forgotten: {@link #transportSequence} has no number to repeat. */
    public static final int NOT_SENT = Integer.MIN_VALUE;
    /** AES-GCM's whole tag; for AES-CM + HMAC-SHA1-80 its 10-byte tag and the payload's last 6 bytes. */
    static final int TAG_BYTES = 16;

    private final int[] sequences = new int[PacketCache.SIZE];
    private final int[] transportSequences = new int[PacketCache.SIZE];
    private final int[] lengths = new int[PacketCache.SIZE];
    private final byte[] tags = new byte[PacketCache.SIZE * TAG_BYTES];

    public SentPackets() {
        Arrays.fill(sequences, -1);
    }

    /**
     * Remembers a packet as it went out.
     *
     * @param protectedPacket the SRTP packet sent (its RTP header is in the clear)
     * @param transportSequence the transport-wide number given to the copy, -1 if none
     */
    public void sent(MediaPacket protectedPacket, int transportSequence) {
        int sequence = Rtp.sequenceNumber(protectedPacket);
        int slot = sequence & (PacketCache.SIZE - 1);
        sequences[slot] = sequence;
        transportSequences[slot] = transportSequence;
        lengths[slot] = protectedPacket.getLength();
        int tail = Math.min(TAG_BYTES, protectedPacket.getLength());
        Arrays.fill(tags, slot * TAG_BYTES, (slot + 1) * TAG_BYTES, (byte) 0);
        System.arraycopy(protectedPacket.getBuffer(), protectedPacket.getOffset() + protectedPacket.getLength() - tail,
                tags, slot * TAG_BYTES, tail);
    }

    /** The transport-wide number the packet went out with (-1: none), or {@link #NOT_SENT}. */
    public int transportSequence(int sequence) {
        int slot = sequence & (PacketCache.SIZE - 1);
        return sequences[slot] == sequence ? transportSequences[slot] : NOT_SENT;
    }

    /**
     * Whether a protected packet is the one that went out with its sequence number: same
     * length and same tag under the same keys. The tag depends on the header, the
     * ciphertext and the SRTP index, so a copy that differs anywhere fails.
     */
    public boolean isAsSent(MediaPacket protectedPacket) {
        int sequence = Rtp.sequenceNumber(protectedPacket);
        int slot = sequence & (PacketCache.SIZE - 1);
        int length = protectedPacket.getLength();
        if (sequences[slot] != sequence || lengths[slot] != length) {
            return false;
        }
        int tail = Math.min(TAG_BYTES, length);
        int end = protectedPacket.getOffset() + length;
        return Arrays.equals(protectedPacket.getBuffer(), end - tail, end, tags, slot * TAG_BYTES, slot * TAG_BYTES + tail);
    }
}
