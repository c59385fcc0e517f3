package org.consilium.videobridge.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.sdp.FormatMapping;
import org.junit.jupiter.api.Test;

/** Byte vectors for transport-cc feedback, receiver report blocks, NACK parsing and the per-receiver rewrite. */
class FeedbackAndRewriteTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void transportCcFeedbackEncodesArrivalsLossAndBothDeltaSizes() {
        TransportCcFeedback feedback = new TransportCcFeedback();
        feedback.received(100, 1_000_000);
        feedback.received(102, 1_000_500);  // 101 lost
        feedback.received(103, 1_100_000);  // 99.5 ms later: a two-byte delta

        byte[] packet = feedback.write(0x11111111, 0x22222222);

        assertEquals("af" + "cd" + "0006" + "11111111" + "22222222"
                + "0064" + "0004"               // base sequence 100, four statuses
                + "00000f" + "00"               // reference time 15 x 64 ms, feedback #0
                + "d180"                         // vector chunk: small, lost, small, large
                + "a0" + "02" + "018e"           // deltas in 250 us: 160, 2, 398
                + "0002",                        // padding, its count last
                HEX.formatHex(packet));
        assertNull(feedback.write(1, 2), "nothing new, no feedback");

        feedback.received(104, 1_100_250);
        byte[] next = feedback.write(1, 2);
        assertEquals(104, ((next[12] & 0xFF) << 8) | (next[13] & 0xFF), "the next feedback starts after the last");
        assertEquals(1, next[19], "feedback count increments");
    }

    @Test
    void receiverReportBlockCountsLossAcrossTheSequenceWrap() {
        ReceiveStatistics statistics = new ReceiveStatistics(90_000);
        for (int sequence : new int[] {65534, 65535, 0, 2}) {
            statistics.received(sequence, 1000, 0);
        }
        byte[] block = new byte[24];
        statistics.writeReportBlock(0x0A0B0C0D, block, 0, 0);

        assertEquals("0a0b0c0d" + "33" + "000001" + "00010002", HEX.formatHex(block, 0, 12),
                "ssrc, fraction lost 51/256, 1 lost, extended highest 65536 + 2");
        assertEquals(1, statistics.cumulativeLost());
        assertEquals(5, statistics.expected());
    }

    @Test
    void nackNamesThePidAndEveryBitOfItsMask() {
        byte[] nack = RtcpReports.nack(1, 2, 10);
        nack[14] = 0;
        nack[15] = 0b101; // 11 and 13 lost too
        List<Integer> lost = new ArrayList<>();
        RtcpReports.forEachNacked(new MediaPacket(nack, 0, nack.length), 0, nack.length, lost::add);
        assertEquals(List.of(10, 11, 13), lost);
    }

    @Test
    void aReceiversCopyCarriesItsPayloadTypeExtensionIdsAndTransportSequence() {
        byte[] payload = {1, 2, 3, 4, 5};
        MediaPacket original = packet(0x80 | 111, new byte[] {
                (byte) 0xBE, (byte) 0xDE, 0, 3,
                0x10, 0x55,                 // id 1 (audio level), 1 byte
                0x31, 0x12, 0x34,           // id 3 (transport-cc), 2 bytes
                0x50, 0x66,                 // id 5, not negotiated by the receiver
                0, 0, 0, 0, 0},             // padding to three words
                payload);
        int[] payloadTypes = new int[128];
        java.util.Arrays.fill(payloadTypes, -1);
        payloadTypes[111] = 109;
        int[] extensionIds = new int[256];
        extensionIds[1] = 4;
        extensionIds[3] = 7;
        FormatMapping mapping = new FormatMapping(payloadTypes, extensionIds, 7);

        // The receiver's reused packet still holds an earlier, longer copy's bytes.
        byte[] used = new byte[128];
        java.util.Arrays.fill(used, (byte) 0x7F);
        MediaPacket copy = RtpRewriter.rewrite(original, mapping, 109, 0xBEEF, new MediaPacket(used, 0, used.length));

        byte[] bytes = copy.toArray();
        assertEquals(0x80 | 109, bytes[1] & 0xFF, "marker kept, payload type rewritten");
        assertEquals("bede0002" + "4055" + "71beef" + "000000", HEX.formatHex(bytes, 12, 24));
        assertArrayEquals(payload, java.util.Arrays.copyOfRange(bytes, 24, bytes.length));
        assertEquals(0x1234, RtpRewriter.transportSequence(original, 3));
        assertEquals(0xBEEF, RtpRewriter.transportSequence(copy, 7));
        assertEquals(24 + payload.length, copy.getLength(), "nothing of the earlier copy is left");
    }

    @Test
    void aRetransmissionBecomesRtxInTheReceiversReusedPacket() {
        MediaPacket original = packet(96, new byte[0], new byte[] {9, 8, 7});
        FormatMapping identity = FormatMapping.IDENTITY;
        MediaPacket reused = new MediaPacket(new byte[4], 0, 0); // too small: grows
        MediaPacket rtx = RtpRewriter.toRtx(RtpRewriter.rewrite(original, identity, 96, -1, reused), 97, 0x0B0C, 5);
        assertEquals(reused, rtx);
        assertEquals(17, rtx.getLength());
        assertEquals("0042" + "090807", HEX.formatHex(rtx.toArray(), 12, 17));
        assertEquals(96, Rtp.payloadType(original), "the cached original is untouched");
    }

    @Test
    void rtxCarriesTheOriginalSequenceNumberBeforeThePayload() {
        MediaPacket original = packet(96, new byte[0], new byte[] {9, 8, 7});
        MediaPacket rtx = RtpRewriter.toRtx(original, 97, 0x0B0C, 5);
        assertEquals(97, Rtp.payloadType(rtx));
        assertEquals(5, Rtp.sequenceNumber(rtx));
        assertEquals(0x0B0C, Rtp.ssrc(rtx));
        assertEquals("0042" + "090807", HEX.formatHex(rtx.toArray(), 12, 17));
    }

    /** Version 2, sequence 0x42, timestamp 1000, SSRC 0x0A; with the extension block if given. */
    private static MediaPacket packet(int secondByte, byte[] extension, byte[] payload) {
        byte[] bytes = new byte[12 + extension.length + payload.length];
        bytes[0] = (byte) (extension.length > 0 ? 0x90 : 0x80);
        bytes[1] = (byte) secondByte;
        Bytes.putU16(bytes, 2, 0x42);
        Bytes.putU32(bytes, 4, 1000);
        Bytes.putU32(bytes, 8, 0x0A);
        System.arraycopy(extension, 0, bytes, 12, extension.length);
        System.arraycopy(payload, 0, bytes, 12 + extension.length, payload.length);
        return MediaPacket.copyOf(bytes, 0, bytes.length);
    }
}
