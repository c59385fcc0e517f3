package org.consilium.recording.webm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** EBML encoding (RFC 8794): vints, IDs, the unknown size, integers, floats, strings, masters. */
class EbmlWriterTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static byte[] size(long size) {
        return new EbmlWriter(8).size(size).toByteArray();
    }

    @Test
    void sizesTakeTheShortestVintWithAllOnesLeftForUnknown() {
        assertArrayEquals(hex("80"), size(0));
        assertArrayEquals(hex("81"), size(1));
        assertArrayEquals(hex("fe"), size(126));
        assertArrayEquals(hex("407f"), size(127), "0xff would mean unknown");
        assertArrayEquals(hex("4080"), size(128));
        assertArrayEquals(hex("7ffe"), size(16382));
        assertArrayEquals(hex("203fff"), size(16383));
        assertArrayEquals(hex("01fffffffffffffe"), size(EbmlWriter.MAX_SIZE));
        assertEquals(1, EbmlWriter.vintLength(126));
        assertEquals(2, EbmlWriter.vintLength(127));
        assertEquals(4, EbmlWriter.vintLength((1L << 28) - 2));
        assertEquals(5, EbmlWriter.vintLength((1L << 28) - 1));
        assertThrows(IllegalArgumentException.class, () -> EbmlWriter.vintLength(EbmlWriter.MAX_SIZE + 1));
    }

    @Test
    void aSizeCanBeWrittenWiderThanItNeeds() {
        assertArrayEquals(hex("10000005"), new EbmlWriter(8).size(5, 4).toByteArray());
        assertThrows(IllegalArgumentException.class, () -> new EbmlWriter(8).size(127, 1));
    }

    @Test
    void theUnknownSizeIsEightBytesOfOnes() {
        assertArrayEquals(hex("01ffffffffffffff"), new EbmlWriter(8).unknownSize().toByteArray());
        assertArrayEquals(hex("18538067 01ffffffffffffff"),
                new EbmlWriter(8).id(MatroskaIds.SEGMENT).unknownSize().toByteArray(), "a live Segment");
    }

    @Test
    void idsAreWrittenAsSpelledAndTheirLengthMarkerChecked() {
        assertArrayEquals(hex("a3"), new EbmlWriter(8).id(MatroskaIds.SIMPLE_BLOCK).toByteArray());
        assertArrayEquals(hex("4286"), new EbmlWriter(8).id(MatroskaIds.EBML_VERSION).toByteArray());
        assertArrayEquals(hex("2ad7b1"), new EbmlWriter(8).id(MatroskaIds.TIMESTAMP_SCALE).toByteArray());
        assertArrayEquals(hex("1a45dfa3"), new EbmlWriter(8).id(MatroskaIds.EBML).toByteArray());
        assertThrows(IllegalArgumentException.class, () -> new EbmlWriter(8).id(0x7F), "no marker bit");
        assertThrows(IllegalArgumentException.class, () -> new EbmlWriter(8).id(0x8286), "marker of a 1-byte id");
    }

    @Test
    void integersTakeAsFewBytesAsHoldTheValue() {
        assertArrayEquals(hex("e7 81 00"), new EbmlWriter(8).uint(MatroskaIds.TIMESTAMP, 0).toByteArray());
        assertArrayEquals(hex("e7 82 03e8"), new EbmlWriter(8).uint(MatroskaIds.TIMESTAMP, 1000).toByteArray());
        assertArrayEquals(hex("2ad7b1 83 0f4240"),
                new EbmlWriter(8).uint(MatroskaIds.TIMESTAMP_SCALE, 1_000_000).toByteArray());
        assertArrayEquals(hex("4461 88 ffffffffffffffff"), new EbmlWriter(8).int64(MatroskaIds.DATE_UTC, -1).toByteArray());
    }

    @Test
    void floatsStringsAndBinaries() {
        assertArrayEquals(hex("b5 88 40e7700000000000"),
                new EbmlWriter(8).float64(MatroskaIds.SAMPLING_FREQUENCY, 48000.0).toByteArray());
        assertArrayEquals(hex("4282 84 7765626d"), new EbmlWriter(8).string(MatroskaIds.DOC_TYPE, "webm").toByteArray());
        assertArrayEquals(hex("63a2 82 0102"),
                new EbmlWriter(8).binary(MatroskaIds.CODEC_PRIVATE, new byte[] {0, 1, 2, 3}, 1, 2).toByteArray());
    }

    @Test
    void mastersNestAndGetTheirSizePatchedInAtTheirEnd() {
        EbmlWriter writer = new EbmlWriter(4); // grows as it goes
        int video = writer.startMaster(MatroskaIds.VIDEO);
        writer.uint(MatroskaIds.PIXEL_WIDTH, 320);
        int inner = writer.startMaster(MatroskaIds.AUDIO);
        writer.endMaster(inner);
        writer.uint(MatroskaIds.PIXEL_HEIGHT, 240);
        writer.endMaster(video);
        assertArrayEquals(hex("e0 1000000c  b0 82 0140  e1 10000000  ba 81 f0"), writer.toByteArray());
        writer.clear();
        assertEquals(0, writer.length());
    }
}
