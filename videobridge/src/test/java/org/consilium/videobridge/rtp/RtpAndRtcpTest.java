package org.consilium.videobridge.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.consilium.videobridge.packet.MediaPacket;
import org.junit.jupiter.api.Test;

class RtpAndRtcpTest {

    /** VP8 packet with a one-byte header extension block (abs-send-time style), as Chrome sends. */
    static final byte[] RTP_WITH_EXTENSION = HexFormat.of().parseHex(
            "90e0" + "1234" + "0000abcd" + "11223344" + "bede0001" + "32aabbcc" + "9080deadbeef");
    /** Receiver report + PLI in one compound, as a browser sends them. */
    static final byte[] RR_AND_PLI = HexFormat.of().parseHex(
            "81c90007" + "00000001" + "11223344" + "00000000" + "00000000" + "00000000" + "00000000" + "00000000"
            + "81ce0002" + "00000001" + "11223344");

    @Test
    void readsTheRtpHeaderIncludingTheExtension() {
        MediaPacket packet = packet(RTP_WITH_EXTENSION);

        assertTrue(Rtp.isValid(packet));
        assertFalse(Rtp.isRtcp(packet));
        assertEquals(96, Rtp.payloadType(packet));
        assertTrue(Rtp.marker(packet));
        assertEquals(0x1234, Rtp.sequenceNumber(packet));
        assertEquals(0xabcd, Rtp.timestamp(packet));
        assertEquals(0x11223344, Rtp.ssrc(packet));
        assertEquals(20, Rtp.headerLength(packet));
    }

    @Test
    void rejectsRtpWhoseHeaderOrPaddingOverruns() {
        byte[] extensionTooLong = RTP_WITH_EXTENSION.clone();
        extensionTooLong[15] = 9; // claims 9 words of extension
        assertFalse(Rtp.isValid(packet(extensionTooLong)));
        byte[] csrcTooMany = RTP_WITH_EXTENSION.clone();
        csrcTooMany[0] = (byte) 0x8F; // 15 CSRCs
        assertFalse(Rtp.isValid(packet(csrcTooMany)));
        byte[] paddingTooLong = RTP_WITH_EXTENSION.clone();
        paddingTooLong[0] |= 0x20;
        paddingTooLong[paddingTooLong.length - 1] = (byte) 200;
        assertFalse(Rtp.isValid(packet(paddingTooLong)));
        assertFalse(Rtp.isValid(packet(new byte[11])));
    }

    @Test
    void walksACompoundAndFindsTheFeedbackTarget() {
        MediaPacket compound = packet(RR_AND_PLI);
        assertTrue(Rtp.isRtcp(compound));
        assertTrue(RtcpCompound.isValid(compound));
        List<String> seen = new ArrayList<>();

        RtcpCompound.forEach(compound, (type, format, offset, length) -> {
            seen.add(type + "/" + format + "@" + offset + "+" + length);
            if (type == RtcpType.PSFB) {
                assertEquals(0x11223344, RtcpCompound.feedbackMediaSsrc(compound, offset));
            }
        });

        assertEquals(List.of("201/1@0+32", "206/1@32+12"), seen);
    }

    @Test
    void aCompoundWhoseLengthsDoNotAddUpIsInvalid() {
        byte[] truncated = java.util.Arrays.copyOf(RR_AND_PLI, RR_AND_PLI.length - 4);
        assertFalse(RtcpCompound.isValid(packet(truncated)));
        byte[] wrongVersion = RR_AND_PLI.clone();
        wrongVersion[32] = 0x41;
        assertFalse(RtcpCompound.isValid(packet(wrongVersion)));
        Random random = new Random(3550);
        for (int i = 0; i < 10_000; i++) {
            byte[] noise = new byte[random.nextInt(80)];
            random.nextBytes(noise);
            MediaPacket p = packet(noise);
            if (RtcpCompound.isValid(p)) {
                RtcpCompound.forEach(p, (type, format, offset, length) -> assertTrue(offset + length <= p.getLength()));
            }
            Rtp.isValid(p);
        }
    }

    @Test
    void buildsAPli() {
        MediaPacket pli = packet(RtcpCompound.pli(1, 0x11223344));
        assertTrue(RtcpCompound.isValid(pli));
        assertEquals("81ce00020000000111223344", HexFormat.of().formatHex(pli.toArray()));
    }

    private static MediaPacket packet(byte[] bytes) {
        return MediaPacket.copyOf(bytes, 0, bytes.length);
    }
}
