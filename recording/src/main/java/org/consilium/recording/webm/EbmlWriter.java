package org.consilium.recording.webm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * EBML elements (RFC 8794) written into a growable byte array: IDs, variable-size integers
 * (vints) for sizes, unsigned integers, floats, strings, binaries, and master elements whose
 * size is patched in when they end. Reused from cluster to cluster: {@link #clear} keeps the
 * array, so a steady recording allocates nothing here.
 */
public final class EbmlWriter {

    /** The 8-byte "unknown size" (all value bits set): a master element that ends with the file. */
    static final long UNKNOWN_SIZE = 0x01FF_FFFF_FFFF_FFFFL;
    /** Largest size an 8-byte vint can hold (2^56 - 2: all ones means unknown). */
    public static final long MAX_SIZE = (1L << 56) - 2;
    /** A master element's size is written in 4 bytes (sizes up to 2^28 - 2) and patched at its end. */
    private static final int MASTER_SIZE_WIDTH = 4;

    private byte[] bytes;
    private int length;

    public EbmlWriter(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    public void clear() {
        length = 0;
    }

    public int length() {
        return length;
    }

    /** The array the elements were written into (valid up to {@link #length()}). */
    public byte[] array() {
        return bytes;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    /** Writes an element ID as it is spelled (its length marker is part of the ID). */
    public EbmlWriter id(int id) {
        int width = idLength(id);
        ensure(width);
        for (int shift = 8 * (width - 1); shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (id >>> shift);
        }
        return this;
    }

    /** Writes {@code size} as the shortest vint that holds it. */
    public EbmlWriter size(long size) {
        return size(size, vintLength(size));
    }

    /** Writes {@code size} as a vint of exactly {@code width} bytes (1 to 8). */
    public EbmlWriter size(long size, int width) {
        if (width < 1 || width > 8 || size < 0 || size > (1L << (7 * width)) - 2) {
            throw new IllegalArgumentException("size " + size + " does not fit a " + width + "-byte vint");
        }
        ensure(width);
        putVint(bytes, length, size, width);
        length += width;
        return this;
    }

    /** The 8-byte unknown size: the element runs until its parent or the file ends. */
    public EbmlWriter unknownSize() {
        ensure(8);
        putLong(UNKNOWN_SIZE, 8);
        return this;
    }

    /** An unsigned integer element in as few bytes as hold the value (at least one). */
    public EbmlWriter uint(int id, long value) {
        int width = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 7) / 8);
        id(id).size(width);
        ensure(width);
        putLong(value, width);
        return this;
    }

    /** A signed integer element of 8 bytes (Matroska's DateUTC). */
    public EbmlWriter int64(int id, long value) {
        id(id).size(8);
        ensure(8);
        putLong(value, 8);
        return this;
    }

    /** A float element as an 8-byte IEEE 754 double. */
    public EbmlWriter float64(int id, double value) {
        id(id).size(8);
        ensure(8);
        putLong(Double.doubleToLongBits(value), 8);
        return this;
    }

    /** An ASCII string element (Matroska's CodecID, DocType, MuxingApp). */
    public EbmlWriter string(int id, String value) {
        byte[] ascii = value.getBytes(StandardCharsets.US_ASCII);
        return binary(id, ascii, 0, ascii.length);
    }

    public EbmlWriter binary(int id, byte[] data, int offset, int count) {
        id(id).size(count);
        return raw(data, offset, count);
    }

    /** Bytes as they are (a SimpleBlock's frame after its header). */
    public EbmlWriter raw(byte[] data, int offset, int count) {
        ensure(count);
        System.arraycopy(data, offset, bytes, length, count);
        length += count;
        return this;
    }

    public EbmlWriter u8(int value) {
        ensure(1);
        bytes[length++] = (byte) value;
        return this;
    }

    public EbmlWriter u16(int value) {
        ensure(2);
        putLong(value & 0xFFFF, 2);
        return this;
    }

    /**
     * Starts a master element whose size is not known yet; returns the mark that
     * {@link #endMaster} patches. Masters nest.
     */
    public int startMaster(int id) {
        id(id);
        int mark = length;
        ensure(MASTER_SIZE_WIDTH);
        length += MASTER_SIZE_WIDTH;
        return mark;
    }

    /** Writes the size of the master started at {@code mark}: everything written since. */
    public void endMaster(int mark) {
        long size = length - mark - MASTER_SIZE_WIDTH;
        if (size > (1L << (7 * MASTER_SIZE_WIDTH)) - 2) {
            throw new IllegalStateException("master element of " + size + " bytes");
        }
        putVint(bytes, mark, size, MASTER_SIZE_WIDTH);
    }

    /** Bytes a vint needs for {@code size}: 7 value bits per byte, all-ones reserved for "unknown". */
    public static int vintLength(long size) {
        if (size < 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size out of range: " + size);
        }
        int width = 1;
        while (size > (1L << (7 * width)) - 2) {
            width++;
        }
        return width;
    }

    /** An ID's length is told by its first byte's leading zeros, as a vint's is (RFC 8794 §5). */
    static int idLength(int id) {
        int width = id == 0 ? 0 : (32 - Integer.numberOfLeadingZeros(id) + 7) / 8;
        if (width < 1 || width > 4 || (id >>> (8 * width - width)) != 1) {
            throw new IllegalArgumentException("not an EBML ID: 0x" + Integer.toHexString(id));
        }
        return width;
    }

    private static void putVint(byte[] target, int at, long size, int width) {
        long value = size | (1L << (7 * width)); // the length marker bit
        for (int i = width - 1; i >= 0; i--) {
            target[at + i] = (byte) value;
            value >>>= 8;
        }
    }

    private void putLong(long value, int width) {
        for (int shift = 8 * (width - 1); shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + more, bytes.length * 2));
        }
    }
}
