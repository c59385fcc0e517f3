package org.consilium.videobridge.transport;

/** What a datagram carries, told by its first byte (RFC 7983 §7). */
public enum PacketKind {
    STUN, ZRTP, DTLS, TURN_CHANNEL, RTP_RTCP, UNKNOWN;

    private static final PacketKind[] BY_FIRST_BYTE = new PacketKind[256];

    static {
        for (int b = 0; b < 256; b++) {
            BY_FIRST_BYTE[b] = b <= 3 ? STUN
                    : b >= 16 && b <= 19 ? ZRTP
                    : b >= 20 && b <= 63 ? DTLS
                    : b >= 64 && b <= 79 ? TURN_CHANNEL
                    : b >= 128 && b <= 191 ? RTP_RTCP
                    : UNKNOWN;
        }
    }

    public static PacketKind of(byte firstByte) {
        return BY_FIRST_BYTE[firstByte & 0xFF];
    }
}
