package org.consilium.videobridge.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Random;
import org.consilium.videobridge.packet.MediaPacket;
import org.junit.jupiter.api.Test;

/** RFC 6464 levels in both RFC 8285 forms, and header extension blocks that lie about their sizes. */
class AudioLevelTest {

    /** RTP with the X bit, PT 111, sequence 1, timestamp 0x100, SSRC 0x11223344. */
    private static final String HEADER = "90" + "6f" + "0001" + "00000100" + "11223344";

    private static MediaPacket packet(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        return MediaPacket.copyOf(bytes, 0, bytes.length);
    }

    @Test
    void readsTheLevelAndVoiceFlagFromTheOneByteForm() {
        // transport-cc (id 3, two bytes), then the level (id 1, one byte: V=1, 42 -dBov), padding to a word.
        MediaPacket packet = packet(HEADER + "bede" + "0002" + "31abcd" + "10aa" + "000000" + "deadbeef");

        int read = AudioLevel.read(packet, 1);

        assertEquals(42, AudioLevel.level(read));
        assertTrue(AudioLevel.voice(read));
        assertEquals(0xABCD, RtpRewriter.transportSequence(packet, 3));
        assertEquals(AudioLevel.NONE, AudioLevel.read(packet, 2), "no element with id 2");
        assertEquals(AudioLevel.NONE, AudioLevel.read(packet, 0), "id 0: not negotiated");
    }

    @Test
    void readsTheTwoByteForm() {
        // Profile 0x1000 with app bits 0x5; padding byte, the level (id 1, length 1: V=0, 127), transport-cc (id 12).
        MediaPacket packet = packet(HEADER + "1005" + "0002" + "00" + "01017f" + "0c02" + "0102" + "cafe");

        int read = AudioLevel.read(packet, 1);

        assertEquals(127, AudioLevel.level(read));
        assertFalse(AudioLevel.voice(read));
        assertEquals(0x0102, RtpRewriter.transportSequence(packet, 12));
    }

    @Test
    void anEmptyTwoByteElementIsNotALevel() {
        assertEquals(AudioLevel.NONE, AudioLevel.read(packet(HEADER + "1000" + "0001" + "0100" + "0000"), 1));
    }

    @Test
    void findsNothingInMalformedBlocks() {
        // No X bit.
        assertEquals(AudioLevel.NONE, AudioLevel.read(packet("80" + HEADER.substring(2) + "bede000110aa0000"), 1));
        // The block claims 4 words; the packet has 1.
        assertEquals(AudioLevel.NONE, AudioLevel.read(packet(HEADER + "bede" + "0004" + "10aa0000"), 1));
        // The packet ends inside the extension header.
        assertEquals(AudioLevel.NONE, AudioLevel.read(packet(HEADER + "bede"), 1));
        // An element longer than its block (id 2, 16 bytes, in a one-word block) hides what follows.
        assertEquals(AudioLevel.NONE, AudioLevel.read(packet(HEADER + "bede" + "0001" + "2f10aa00" + "10aa0000"), 1));
        // The reserved id 15 ends the walk.
        assertEquals(AudioLevel.NONE, AudioLevel.read(packet(HEADER + "bede" + "0001" + "f010aa00"), 1));
        // A two-byte element whose length byte is missing.
        assertEquals(AudioLevel.NONE, AudioLevel.read(packet(HEADER + "1000" + "0001" + "000000" + "01"), 1));
        // A profile that is neither form.
        assertEquals(AudioLevel.NONE, AudioLevel.read(packet(HEADER + "abcd" + "0001" + "10aa0000"), 1));
        // CSRC count pointing past the end.
        assertEquals(AudioLevel.NONE, AudioLevel.read(packet("9f" + HEADER.substring(2)), 1));
        // Shorter than an RTP header.
        assertEquals(AudioLevel.NONE, AudioLevel.read(packet("90"), 1));
    }

    @Test
    void aLevelBeforeAMalformedElementIsStillFound() {
        assertEquals(0x55, AudioLevel.read(packet(HEADER + "bede" + "0001" + "1055" + "2f00"), 1));
    }

    @Test
    void randomBlocksNeverReadOutsideThePacket() {
        Random random = new Random(6464);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(48)];
            random.nextBytes(bytes);
            if (bytes.length > 0) {
                bytes[0] = (byte) (0x90 | (bytes[0] & 0x0F & (random.nextBoolean() ? 0 : 0x0F)));
            }
            if (bytes.length > 13 && random.nextBoolean()) {
                bytes[12] = (byte) (random.nextBoolean() ? 0xBE : 0x10);
                bytes[13] = (byte) (bytes[12] == (byte) 0xBE ? 0xDE : bytes[13] & 0x0F);
                if (bytes.length > 15) {
                    bytes[14] = 0;
                    bytes[15] = (byte) random.nextInt(10);
                }
            }
            // Inside a larger array, at an offset: nothing may be read beyond the packet's own bytes.
            byte[] framed = new byte[bytes.length + 64];
            java.util.Arrays.fill(framed, (byte) 0x10);
            System.arraycopy(bytes, 0, framed, 32, bytes.length);
            MediaPacket packet = new MediaPacket(framed, 32, bytes.length);
            for (int id = 0; id < 16; id++) {
                long found = RtpExtensions.find(packet, id);
                if (found != RtpExtensions.ABSENT) {
                    assertTrue(RtpExtensions.offset(found) + RtpExtensions.length(found) <= bytes.length);
                    assertTrue(RtpExtensions.offset(found) >= 16);
                }
                int read = AudioLevel.read(packet, id);
                assertTrue(read >= AudioLevel.NONE && read <= 0xFF);
            }
        }
    }
}
