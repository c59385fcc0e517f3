package org.consilium.videobridge.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PacketKindTest {

    @Test
    void firstByteRangesOfRfc7983() {
        assertEquals(PacketKind.STUN, PacketKind.of((byte) 0));
        assertEquals(PacketKind.STUN, PacketKind.of((byte) 3));
        assertEquals(PacketKind.UNKNOWN, PacketKind.of((byte) 4));
        assertEquals(PacketKind.ZRTP, PacketKind.of((byte) 16));
        assertEquals(PacketKind.DTLS, PacketKind.of((byte) 20));
        assertEquals(PacketKind.DTLS, PacketKind.of((byte) 22)); // handshake
        assertEquals(PacketKind.DTLS, PacketKind.of((byte) 63));
        assertEquals(PacketKind.TURN_CHANNEL, PacketKind.of((byte) 64));
        assertEquals(PacketKind.UNKNOWN, PacketKind.of((byte) 127));
        assertEquals(PacketKind.RTP_RTCP, PacketKind.of((byte) 0x80));
        assertEquals(PacketKind.RTP_RTCP, PacketKind.of((byte) 191));
        assertEquals(PacketKind.UNKNOWN, PacketKind.of((byte) 192));
        assertEquals(PacketKind.UNKNOWN, PacketKind.of((byte) 255));
    }
}
