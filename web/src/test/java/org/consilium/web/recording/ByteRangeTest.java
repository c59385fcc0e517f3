package org.consilium.web.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Range headers a browser's player sends, and the ones an attacker might. */
class ByteRangeTest {

    @Test
    void whatPlayersAskFor() {
        assertEquals(Optional.of(new ByteRange(0, 999)), ByteRange.parse("bytes=0-", 1000));
        assertEquals(Optional.of(new ByteRange(100, 199)), ByteRange.parse("bytes=100-199", 1000));
        assertEquals(Optional.of(new ByteRange(900, 999)), ByteRange.parse("bytes=-100", 1000));
        assertEquals(Optional.of(new ByteRange(0, 999)), ByteRange.parse("bytes=-5000", 1000), "a suffix longer than the file");
        assertEquals(Optional.of(new ByteRange(500, 999)), ByteRange.parse("bytes=500-99999", 1000), "cut at the end");
        assertEquals(100, new ByteRange(100, 199).count());
    }

    @Test
    void noRangeOrOneWeDoNotServeMeansTheWholeFile() {
        assertEquals(Optional.empty(), ByteRange.parse(null, 1000));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=0-1,5-9", 1000), "several ranges: the whole file, as RFC 9110 allows");
        assertEquals(Optional.empty(), ByteRange.parse("items=0-1", 1000));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=-", 1000));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=99999999999999999999-", 1000), "too many digits to be a range");
    }

    @Test
    void rangesOutOfBoundsAreNotSatisfiable() {
        assertEquals(Optional.of(ByteRange.UNSATISFIABLE), ByteRange.parse("bytes=1000-", 1000));
        assertEquals(Optional.of(ByteRange.UNSATISFIABLE), ByteRange.parse("bytes=5-2", 1000));
        assertEquals(Optional.of(ByteRange.UNSATISFIABLE), ByteRange.parse("bytes=-0", 1000));
        assertEquals(Optional.of(ByteRange.UNSATISFIABLE), ByteRange.parse("bytes=0-", 0), "an empty file");
    }
}
