package org.consilium.videobridge.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.consilium.videobridge.packet.MediaPacket;
import org.junit.jupiter.api.Test;

/** Byte vectors: what a resend without RTX must repeat, and the check that it did. */
class SentPacketsTest {

    @Test
    void aSentPacketIsRememberedWithItsTransportWideNumber() {
        SentPackets sent = new SentPackets();
        sent.sent(srtp(7, 40, (byte) 1), 1234);
        sent.sent(srtp(8, 40, (byte) 2), -1);

        assertEquals(1234, sent.transportSequence(7));
        assertEquals(-1, sent.transportSequence(8), "sent without a transport-wide number");
        assertEquals(SentPackets.NOT_SENT, sent.transportSequence(9));
    }

    @Test
    void onlyTheSameBytesAreAsSent() {
        SentPackets sent = new SentPackets();
        MediaPacket first = srtp(7, 40, (byte) 1);
        sent.sent(first, 1234);

        assertTrue(sent.isAsSent(srtp(7, 40, (byte) 1)));
        assertFalse(sent.isAsSent(srtp(7, 40, (byte) 2)), "another tag");
        assertFalse(sent.isAsSent(srtp(7, 41, (byte) 1)), "another length");
        assertFalse(sent.isAsSent(srtp(8, 40, (byte) 1)), "never sent");
    }

    @Test
    void theCopyIsTakenWhenSentNotReadLater() {
        SentPackets sent = new SentPackets();
        MediaPacket reused = srtp(7, 40, (byte) 1); // the endpoint reuses one buffer for every copy
        sent.sent(reused, 1);
        reused.getBuffer()[39] ^= 1;

        assertFalse(sent.isAsSent(reused));
        assertTrue(sent.isAsSent(srtp(7, 40, (byte) 1)));
    }

    @Test
    void aLaterPacketInTheSameSlotForgetsTheEarlierOne() {
        SentPackets sent = new SentPackets();
        sent.sent(srtp(7, 40, (byte) 1), 1);
        sent.sent(srtp(7 + PacketCache.SIZE, 40, (byte) 2), 2);

        assertEquals(SentPackets.NOT_SENT, sent.transportSequence(7));
        assertFalse(sent.isAsSent(srtp(7, 40, (byte) 1)));
        assertEquals(2, sent.transportSequence(7 + PacketCache.SIZE));
    }

    @Test
    void aPacketShorterThanATagIsComparedWhole() {
        SentPackets sent = new SentPackets();
        sent.sent(srtp(7, 14, (byte) 1), 1);

        assertTrue(sent.isAsSent(srtp(7, 14, (byte) 1)));
        assertFalse(sent.isAsSent(srtp(7, 14, (byte) 2)));
    }

    /** An SRTP-like packet: a clear RTP header, then bytes ending in a 16-byte "tag" of {@code tag}. */
    private static MediaPacket srtp(int sequence, int length, byte tag) {
        byte[] bytes = new byte[length];
        bytes[0] = (byte) 0x80;
        bytes[1] = 96;
        Bytes.putU16(bytes, 2, sequence & 0xFFFF);
        Bytes.putU32(bytes, 8, 0x1000);
        for (int i = Math.max(12, length - 16); i < length; i++) {
            bytes[i] = (byte) (tag * 31 + i);
        }
        return MediaPacket.copyOf(bytes, 0, length);
    }
}
