package org.consilium.videobridge.bwe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.consilium.videobridge.bwe.TransportCcReader.Outcome;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.TransportCcFeedback;
import org.junit.jupiter.api.Test;

/** Byte vectors, a round trip through the bridge's own writer, every refusal, and a fuzz. */
class TransportCcReaderTest {

    private static final HexFormat HEX = HexFormat.of();
    /** RTPFB FMT 15, sender SSRC 1, media SSRC 2; the length word is filled in by {@link #feedback}. */
    private static final String HEADER = "8fcd0000" + "00000001" + "00000002";

    @Test
    void runLengthAndOneBitVectorChunksWithSmallDeltas() {
        Seen seen = read(feedback("000a" + "0010" + "000010" + "07"  // base 10, 16 statuses, reference 16 x 64 ms, #7
                + "2003"            // run length: 3 x received, small delta
                + "ac00"            // 1-bit vector: received, lost, received, received, then lost (13 of 14 used)
                + "04" + "00" + "ff" + "01" + "02" + "03"));
        assertEquals(Outcome.OK, seen.outcome);
        assertEquals("feedback 10 16 16 7", seen.header);
        assertEquals(List.of("10@1000", "11@1000", "12@64750", "13@65000", "15@65500", "16@66250"), seen.received);
        assertEquals(List.of(14, 17, 18, 19, 20, 21, 22, 23, 24, 25), seen.notReceived);
    }

    @Test
    void twoBitVectorWithALargeNegativeDeltaAndPadding() {
        Seen seen = read(feedback("fffe" + "0004" + "ffffff" + "00" // base 65534 (wraps), reference -1 as 24 bits
                + "e400"          // 2-bit: large, small, not received, not received (4 of 7 used)
                + "ff38" + "10"   // -200 x 250 us, then +16 x 250 us
                + "000003", true)); // padding bit set, three bytes of padding
        assertEquals(Outcome.OK, seen.outcome);
        assertEquals("feedback 65534 4 16777215 0", seen.header);
        assertEquals(List.of("65534@-50000", "65535@-46000"), seen.received);
        assertEquals(List.of(0, 1), seen.notReceived, "the sequence wraps");
    }

    @Test
    void whatTheBridgesOwnWriterWritesReadsBackToTheArrivalsWithin250Microseconds() {
        TransportCcFeedback writer = new TransportCcFeedback();
        Random random = new Random(5);
        long arrival = 5_000_000_000L;
        List<Long> arrivals = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // mostly small steps, some long gaps (two-byte deltas), some going back (reordering), 10 % lost
            arrival += switch (i % 10) {
                case 3 -> 90_000;
                case 7 -> -3_000;
                default -> random.nextInt(4_000);
            };
            if (random.nextInt(10) == 0) {
                arrivals.add(null);
                continue;
            }
            arrivals.add(arrival);
            writer.received((65_400 + i) & 0xFFFF, arrival);
        }
        while (arrivals.get(arrivals.size() - 1) == null) {
            arrivals.remove(arrivals.size() - 1); // after the last arrival the receiver knows nothing
        }
        Seen seen = read(writer.write(1, 2));
        assertEquals(Outcome.OK, seen.outcome);
        long reference = Long.parseLong(seen.header.split(" ")[3]) * TransportCcFeedback.REFERENCE_MICROS;
        for (int i = 0, r = 0; i < arrivals.size(); i++) {
            int sequence = (65_400 + i) & 0xFFFF;
            if (arrivals.get(i) == null) {
                assertTrue(seen.notReceived.contains(sequence), "lost " + sequence);
                continue;
            }
            String[] reported = seen.received.get(r++).split("@");
            assertEquals(sequence, Integer.parseInt(reported[0]));
            long error = reference + Long.parseLong(reported[1]) - arrivals.get(i);
            assertTrue(error <= 0 && error > -250, "arrival of " + sequence + " off by " + error + " us");
        }
    }

    @Test
    void everyMalformedFeedbackIsRefusedWithItsReasonAndReportsNothing() {
        String ok = "000a" + "0001" + "000000" + "00" + "2001" + "01" + "0000";
        assertEquals(Outcome.OK, read(feedback(ok)).outcome);
        assertRefused(Outcome.NOT_TRANSPORT_CC, HEX.parseHex(HEADER + "000a0001000000")); // 19 bytes
        assertRefused(Outcome.NOT_TRANSPORT_CC, withByte(feedback(ok), 0, 0x81));          // FMT 1: a NACK
        assertRefused(Outcome.NOT_TRANSPORT_CC, withByte(feedback(ok), 1, 206));           // PSFB
        assertRefused(Outcome.NO_STATUSES, feedback("000a" + "0000" + "000000" + "00"));
        assertRefused(Outcome.CHUNKS_CUT_SHORT, feedback("000a" + "0008" + "000000" + "00" + "2001" + "0000"));
        assertRefused(Outcome.RESERVED_STATUS, feedback("000a" + "0001" + "000000" + "00" + "6001" + "0000"));
        assertRefused(Outcome.RESERVED_STATUS, feedback("000a" + "0002" + "000000" + "00" + "f000" + "0000"));
        assertRefused(Outcome.DELTAS_CUT_SHORT, feedback("000a" + "0002" + "000000" + "00" + "4002" + "0000"));
        assertRefused(Outcome.BAD_PADDING, feedback("000a" + "0001" + "000000" + "00" + "2001" + "01" + "0000", true));
        assertRefused(Outcome.BAD_PADDING, feedback("000a" + "0001" + "000000" + "00" + "2001" + "01" + "00ff", true));
        assertRefused(Outcome.TRAILING_BYTES, feedback(ok + "00000000"));
    }

    /**
     * Mutations of real feedback (bits flipped, bytes overwritten, the length cut or
     * stretched) and random packets: never an exception; either refused with nothing
     * reported, or every status reported once, in order. The estimator fed with all of it
     * keeps an estimate within its bounds.
     */
    @Test
    void fuzzedFeedbackIsRefusedOrReportedWholeAndNeverThrows() {
        Random random = new Random(19);
        BandwidthEstimator estimator = new BandwidthEstimator();
        for (int i = 0; i < 2_000; i++) {
            estimator.sent(i, 1200, i * 1_000_000L);
        }
        int accepted = 0;
        int refused = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] packet = mutated(random, validFeedback(random));
            Seen seen = read(packet);
            if (seen.outcome == Outcome.OK) {
                accepted++;
                int count = Integer.parseInt(seen.header.split(" ")[2]);
                assertEquals(count, seen.order.size(), () -> HEX.formatHex(packet));
                int base = Integer.parseInt(seen.header.split(" ")[1]);
                for (int s = 0; s < count; s++) {
                    assertEquals((base + s) & 0xFFFF, seen.order.get(s), "in sequence order");
                }
            } else {
                refused++;
                assertTrue(seen.header == null && seen.order.isEmpty(), () -> "refused but reported: " + seen.outcome);
            }
            estimator.feedback(MediaPacket.copyOf(packet, 0, packet.length), 0, packet.length, 3_000_000_000L + round);
            long estimate = estimator.estimateBps();
            assertTrue(estimate >= BandwidthEstimator.MIN_BPS && estimate <= BandwidthEstimator.MAX_BPS, "" + estimate);
        }
        assertTrue(accepted > 1_000 && refused > 1_000, accepted + " accepted, " + refused + " refused");
    }

    private static byte[] validFeedback(Random random) {
        TransportCcFeedback writer = new TransportCcFeedback();
        long arrival = random.nextLong(1L << 40);
        int first = random.nextInt(65_536);
        int count = 1 + random.nextInt(60);
        for (int i = 0; i < count; i++) {
            arrival += random.nextInt(10) == 0 ? random.nextInt(200_000) - 50_000 : random.nextInt(3_000);
            if (random.nextInt(5) != 0 || i == count - 1) {
                writer.received((first + i) & 0xFFFF, arrival);
            }
        }
        return writer.write(random.nextInt(), random.nextInt());
    }

    private static byte[] mutated(Random random, byte[] packet) {
        switch (random.nextInt(6)) {
            case 0 -> packet[random.nextInt(packet.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> packet[12 + random.nextInt(packet.length - 12)] = (byte) random.nextInt(256);
            case 2 -> {
                int cut = 4 * (1 + random.nextInt(packet.length / 4));
                packet = java.util.Arrays.copyOf(packet, cut);
                packet[2] = 0;
                packet[3] = (byte) (cut / 4 - 1); // lengths that agree: only the FCI is short
            }
            case 3 -> {
                packet = java.util.Arrays.copyOf(packet, packet.length + 4 * (1 + random.nextInt(3)));
                packet[3] = (byte) (packet.length / 4 - 1);
            }
            case 4 -> {
                byte[] noise = new byte[4 * (1 + random.nextInt(40))];
                random.nextBytes(noise);
                noise[0] = (byte) (0x80 | (noise[0] & 0x20) | 15);
                noise[1] = (byte) 205;
                packet = noise;
            }
            default -> { } // unchanged: must be accepted
        }
        return packet;
    }

    private static void assertRefused(Outcome expected, byte[] packet) {
        Seen seen = read(packet);
        assertEquals(expected, seen.outcome, HEX.formatHex(packet));
        assertTrue(seen.header == null && seen.order.isEmpty(), "nothing reported");
    }

    private static byte[] feedback(String fci) {
        return feedback(fci, false);
    }

    /** The header with the length word filled in (and the padding bit, when the last byte counts padding). */
    private static byte[] feedback(String fci, boolean padded) {
        byte[] packet = HEX.parseHex(HEADER + fci);
        packet[0] |= padded ? 0x20 : 0;
        packet[2] = (byte) ((packet.length / 4 - 1) >>> 8);
        packet[3] = (byte) (packet.length / 4 - 1);
        return packet;
    }

    private static byte[] withByte(byte[] packet, int at, int value) {
        packet[at] = (byte) value;
        return packet;
    }

    private static Seen read(byte[] packet) {
        Seen seen = new Seen();
        seen.outcome = TransportCcReader.read(MediaPacket.copyOf(packet, 0, packet.length), 0, packet.length, seen);
        return seen;
    }

    private static final class Seen implements TransportCcReader.Visitor {
        Outcome outcome;
        String header;
        final List<String> received = new ArrayList<>();
        final List<Integer> notReceived = new ArrayList<>();
        final List<Integer> order = new ArrayList<>();

        @Override
        public void feedback(int baseSequence, int statusCount, int referenceTime, int feedbackCount) {
            header = "feedback " + baseSequence + " " + statusCount + " " + referenceTime + " " + feedbackCount;
        }

        @Override
        public void received(int sequence, long microsSinceReference) {
            received.add(sequence + "@" + microsSinceReference);
            order.add(sequence);
        }

        @Override
        public void notReceived(int sequence) {
            notReceived.add(sequence);
            order.add(sequence);
        }
    }
}
