package org.consilium.videobridge.packet;

import java.util.Arrays;
import org.jitsi.utils.ByteArrayBuffer;

/**
 * A region of a byte array holding one RTP or RTCP packet. Mutable and not thread-safe:
 * one stage works on it at a time. Implements jitsi-utils' ByteArrayBuffer so that
 * jitsi-srtp can transform it in place (SRTP adds a tag; the array keeps room for it).
 */
public final class MediaPacket implements ByteArrayBuffer {

    /** Room after the payload for the SRTP/SRTCP authentication tag and index. */
    public static final int TRAILER_ROOM = 32;

    private byte[] buffer;
    private int offset;
    private int length;
    /** System.nanoTime() when the bridge received the packet (0 if it did not), for transit times. */
    private long receivedAt;

    public MediaPacket(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    /** A private copy with room to grow by {@link #TRAILER_ROOM}. */
    public static MediaPacket copyOf(byte[] source, int offset, int length) {
        byte[] copy = new byte[length + TRAILER_ROOM];
        System.arraycopy(source, offset, copy, 0, length);
        return new MediaPacket(copy, 0, length);
    }

    public MediaPacket copy() {
        return copyOf(buffer, offset, length);
    }

    /**
     * Makes this packet empty at offset 0 of an array of at least {@code capacity} bytes
     * (the current one when it is large enough) and returns that array.
     */
    public byte[] reset(int capacity) {
        if (buffer.length < capacity) {
            buffer = new byte[Math.max(capacity, buffer.length * 2)];
        }
        offset = 0;
        length = 0;
        receivedAt = 0;
        return buffer;
    }

    public long receivedAt() {
        return receivedAt;
    }

    public void receivedAt(long nanos) {
        this.receivedAt = nanos;
    }

    /** The packet's bytes, exactly. */
    public byte[] toArray() {
        return Arrays.copyOfRange(buffer, offset, offset + length);
    }

    @Override
    public byte[] getBuffer() {
        return buffer;
    }

    @Override
    public int getOffset() {
        return offset;
    }

    @Override
    public int getLength() {
        return length;
    }

    @Override
    public void setLength(int length) {
        if (length < 0 || offset + length > buffer.length) {
            throw new IllegalArgumentException("length outside the buffer");
        }
        this.length = length;
    }

    @Override
    public void setOffset(int offset) {
        if (offset < 0 || offset + length > buffer.length) {
            throw new IllegalArgumentException("offset outside the buffer");
        }
        this.offset = offset;
    }

    @Override
    public boolean isInvalid() {
        return false;
    }

    @Override
    public void readRegionToBuff(int from, int count, byte[] destination) {
        System.arraycopy(buffer, offset + from, destination, 0, count);
    }

    @Override
    public void grow(int by) {
        if (offset + length + by > buffer.length) {
            buffer = Arrays.copyOf(buffer, offset + length + by);
        }
    }

    @Override
    public void append(byte[] data, int count) {
        grow(count);
        System.arraycopy(data, 0, buffer, offset + length, count);
        length += count;
    }

    @Override
    public void shrink(int by) {
        length = Math.max(0, length - by);
    }

    public int u8(int at) {
        return buffer[offset + at] & 0xFF;
    }

    public int u16(int at) {
        return (u8(at) << 8) | u8(at + 1);
    }

    public int u32(int at) {
        return (u16(at) << 16) | u16(at + 2);
    }

    public void putU16(int at, int value) {
        buffer[offset + at] = (byte) (value >>> 8);
        buffer[offset + at + 1] = (byte) value;
    }

    public void putU32(int at, int value) {
        putU16(at, value >>> 16);
        putU16(at + 2, value & 0xFFFF);
    }
}
