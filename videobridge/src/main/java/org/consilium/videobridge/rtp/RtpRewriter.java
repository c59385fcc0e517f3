package org.consilium.videobridge.rtp;

import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.sdp.FormatMapping;

/**
 * Writes a receiver's copy of a publisher's packet: the receiver's payload type, header
 * extensions renumbered to the receiver's ids (elements it did not negotiate are left out),
 * and the receiver's own transport-wide sequence number. Payload bytes are copied as they
 * are: the bridge never decodes media.
 */
public final class RtpRewriter {

    private static final int ONE_BYTE_PROFILE = 0xBEDE;
    private static final int TWO_BYTE_PROFILE_MASK = 0xFFF0;
    private static final int TWO_BYTE_PROFILE = 0x1000;

    /** The original sequence number an RTX packet carries before the payload. */
    private static final int RTX_GROWTH = 2;

    private RtpRewriter() {
    }

    /**
     * Writes the copy into {@code into}'s array, which the caller owns and reuses (the
     * forwarding path keeps one per receiver, so a forwarded copy allocates nothing).
     *
     * @param payloadType the receiver's payload type for this packet
     * @param transportSequence the receiver's next transport-cc number, or -1 if it has none
     * @return {@code into}, holding the copy
     */
    public static MediaPacket rewrite(MediaPacket in, FormatMapping mapping, int payloadType, int transportSequence,
                                      MediaPacket into) {
        byte[] src = in.getBuffer();
        int base = in.getOffset();
        byte[] out = into.reset(in.getLength() + RTX_GROWTH + MediaPacket.TRAILER_ROOM);
        if (mapping.isIdentity()) {
            System.arraycopy(src, base, out, 0, in.getLength());
            into.setLength(in.getLength());
            return into;
        }
        int fixed = Rtp.FIXED_HEADER + 4 * (in.u8(0) & 0x0F);
        System.arraycopy(src, base, out, 0, fixed);
        out[1] = (byte) ((out[1] & 0x80) | payloadType);
        int at = fixed;
        int payloadStart = fixed;
        if ((in.u8(0) & 0x10) != 0) {
            int profile = in.u16(fixed);
            int words = in.u16(fixed + 2);
            payloadStart = fixed + 4 + 4 * words;
            int written = extensions(in, fixed + 4, payloadStart, profile, mapping, transportSequence, out, fixed + 4);
            if (written > 0) {
                int padded = (written + 3) & ~3;
                out[fixed] = (byte) (profile >>> 8);
                out[fixed + 1] = (byte) profile;
                out[fixed + 2] = (byte) ((padded / 4) >>> 8);
                out[fixed + 3] = (byte) (padded / 4);
                java.util.Arrays.fill(out, fixed + 4 + written, fixed + 4 + padded, (byte) 0);
                at = fixed + 4 + padded;
            } else {
                out[0] &= ~0x10;
            }
        }
        int payload = in.getLength() - payloadStart;
        System.arraycopy(src, base + payloadStart, out, at, payload);
        into.setLength(at + payload);
        return into;
    }

    /** Copies kept elements renumbered; returns the bytes written (0: no element kept). */
    private static int extensions(MediaPacket in, int from, int end, int profile, FormatMapping mapping,
                                  int transportSequence, byte[] out, int outAt) {
        boolean oneByte = profile == ONE_BYTE_PROFILE;
        if (!oneByte && (profile & TWO_BYTE_PROFILE_MASK) != TWO_BYTE_PROFILE) {
            return 0; // an extension profile nobody negotiated: leave it out
        }
        int written = 0;
        int at = from;
        while (at < end) {
            int id;
            int length;
            int header;
            if (oneByte) {
                id = in.u8(at) >>> 4;
                if (id == 0) {
                    at++;
                    continue; // padding
                }
                if (id == 15) {
                    break; // reserved: stop (RFC 8285 §4.2)
                }
                length = (in.u8(at) & 0x0F) + 1;
                header = 1;
            } else {
                id = in.u8(at);
                if (id == 0) {
                    at++;
                    continue;
                }
                if (at + 1 >= end) {
                    break;
                }
                length = in.u8(at + 1);
                header = 2;
            }
            if (at + header + length > end) {
                break; // truncated element: keep what was whole
            }
            int mapped = id < mapping.extensionIds().length ? mapping.extensionIds()[id] : 0;
            if (mapped != 0 && (!oneByte || mapped < 15)) {
                int target = outAt + written;
                if (oneByte) {
                    out[target] = (byte) ((mapped << 4) | (length - 1));
                } else {
                    out[target] = (byte) mapped;
                    out[target + 1] = (byte) length;
                }
                System.arraycopy(in.getBuffer(), in.getOffset() + at + header, out, target + header, length);
                if (mapped == mapping.transportCcId() && transportSequence >= 0 && length == 2) {
                    out[target + header] = (byte) (transportSequence >>> 8);
                    out[target + header + 1] = (byte) transportSequence;
                }
                written += header + length;
            }
            at += header + length;
        }
        return written;
    }

    /** The publisher's transport-wide sequence number, or -1 when the packet carries none. */
    public static int transportSequence(MediaPacket in, int extensionId) {
        long found = RtpExtensions.find(in, extensionId);
        if (found == RtpExtensions.ABSENT || RtpExtensions.length(found) != 2) {
            return -1;
        }
        return in.u16(RtpExtensions.offset(found));
    }

    /**
     * Turns a (rewritten) packet into RTX in place (RFC 4588 §4): the RTX stream's SSRC,
     * sequence and payload type, and the original sequence number in front of the payload.
     * The packet grows by two bytes ({@link #rewrite} leaves that room).
     */
    public static MediaPacket toRtx(MediaPacket packet, int rtxPayloadType, int rtxSsrc, int rtxSequence) {
        int header = Rtp.headerLength(packet);
        int length = packet.getLength();
        int originalSequence = Rtp.sequenceNumber(packet);
        packet.grow(RTX_GROWTH);
        byte[] bytes = packet.getBuffer();
        int base = packet.getOffset();
        System.arraycopy(bytes, base + header, bytes, base + header + RTX_GROWTH, length - header);
        packet.setLength(length + RTX_GROWTH);
        bytes[base + 1] = (byte) ((bytes[base + 1] & 0x80) | rtxPayloadType);
        packet.putU16(2, rtxSequence);
        packet.putU32(8, rtxSsrc);
        packet.putU16(header, originalSequence);
        return packet;
    }
}
