package org.consilium.audit.chain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The canonical byte encoding that hashes and signatures are computed over. Every
 * variable-length item carries its length, lists and maps their count, and an optional
 * string a presence byte, so two different field tuples never encode to the same bytes.
 * All integers are big-endian. Layout: docs/audit.md.
 */
final class CanonicalWriter {

    private static final int ABSENT = 0x00;
    private static final int PRESENT = 0x01;

    private byte[] bytes = new byte[512];
    private int length;

    /** u32 byte length, then the UTF-8 bytes. */
    CanonicalWriter string(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** 0x00 for null; 0x01 then {@link #string}. */
    CanonicalWriter optionalString(String value) {
        if (value == null) {
            return octet(ABSENT);
        }
        octet(PRESENT);
        return string(value);
    }

    /** u32 length, then the bytes. */
    CanonicalWriter bytes(byte[] value) {
        uint32(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, bytes, length, value.length);
        length += value.length;
        return this;
    }

    /** i64 seconds since the epoch, then u32 nanoseconds (0…999,999,999). */
    CanonicalWriter instant(Instant value) {
        int64(value.getEpochSecond());
        return uint32(value.getNano());
    }

    /** u32 count, then each element as {@link #string}. */
    CanonicalWriter stringList(List<String> values) {
        uint32(values.size());
        for (String value : values) {
            string(value);
        }
        return this;
    }

    /** u32 count, then key and value of each entry as {@link #string}, in the map's order. */
    CanonicalWriter stringMap(Map<String, String> entries) {
        uint32(entries.size());
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            string(entry.getKey());
            string(entry.getValue());
        }
        return this;
    }

    CanonicalWriter int64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
        return this;
    }

    private CanonicalWriter uint32(int value) {
        ensure(4);
        bytes[length++] = (byte) (value >>> 24);
        bytes[length++] = (byte) (value >>> 16);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
        return this;
    }

    private CanonicalWriter octet(int value) {
        ensure(1);
        bytes[length++] = (byte) value;
        return this;
    }

    private void ensure(int more) {
        if (more > bytes.length - length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + more, 2 * bytes.length));
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }
}
