package org.consilium.videobridge.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Cuts a TCP byte stream into the packets it carries: RFC 4571 §2, each packet preceded
 * by its length as a 16-bit big-endian number. One buffer, the size of the largest frame
 * it accepts plus its length field, so a frame always fits once the bytes before it are
 * consumed; a length above the limit ends the stream (a peer that sends one is not a
 * browser: a frame carries one datagram's worth).
 */
public final class Rfc4571Deframer {

    /** Bytes of the length field in front of every frame. */
    public static final int LENGTH_FIELD = 2;

    /** What a {@link #drain} ended with. */
    public enum Outcome {
        /** Every complete frame was delivered; what is left is the start of the next. */
        NEEDS_MORE,
        /** A frame announced more than the limit: the stream cannot be trusted any further. */
        FRAME_TOO_LONG,
        /** The sink asked to stop (it will close the connection). */
        STOPPED
    }

    /** Takes each complete frame; the buffer is reused after the call. */
    @FunctionalInterface
    public interface FrameSink {
        /** @return false to stop reading this stream */
        boolean frame(byte[] buffer, int offset, int length);
    }

    private final int maxFrameLength;
    /** In write mode between calls: position = bytes held. */
    private final ByteBuffer buffer;

    public Rfc4571Deframer(int maxFrameLength) {
        if (maxFrameLength < 1 || maxFrameLength > 0xFFFF) {
            throw new IllegalArgumentException("a frame length limit must be 1..65535, not " + maxFrameLength);
        }
        this.maxFrameLength = maxFrameLength;
        this.buffer = ByteBuffer.allocate(LENGTH_FIELD + maxFrameLength);
    }

    /** One read of what the channel has, up to the room left. @return bytes read, -1 at the end of the stream */
    public int readFrom(ReadableByteChannel channel) throws IOException {
        return channel.read(buffer);
    }

    /** Hands every complete frame held to {@code sink}, in order, and keeps the rest. */
    public Outcome drain(FrameSink sink) {
        byte[] bytes = buffer.array();
        int held = buffer.position();
        int at = 0;
        Outcome outcome = Outcome.NEEDS_MORE;
        while (held - at >= LENGTH_FIELD) {
            int length = ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
            if (length > maxFrameLength) {
                outcome = Outcome.FRAME_TOO_LONG;
                break;
            }
            if (held - at - LENGTH_FIELD < length) {
                break;
            }
            int frame = at + LENGTH_FIELD;
            at = frame + length;
            if (!sink.frame(bytes, frame, length)) {
                outcome = Outcome.STOPPED;
                break;
            }
        }
        System.arraycopy(bytes, at, bytes, 0, held - at);
        buffer.position(held - at);
        return outcome;
    }

    /** Bytes held that are not yet a complete frame. */
    public int pending() {
        return buffer.position();
    }

    /** Writes the length field of a {@code length}-byte frame at {@code at}. */
    public static void putLength(ByteBuffer out, int length) {
        out.put((byte) (length >>> 8)).put((byte) length);
    }
}
