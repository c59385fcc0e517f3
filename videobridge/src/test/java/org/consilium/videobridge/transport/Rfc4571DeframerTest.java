package org.consilium.videobridge.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 4571 framing with byte vectors: whole, split anywhere, too long, empty, and random streams. */
class Rfc4571DeframerTest {

    private final List<byte[]> frames = new ArrayList<>();
    private final Rfc4571Deframer.FrameSink collect = (buffer, offset, length) -> {
        frames.add(Arrays.copyOfRange(buffer, offset, offset + length));
        return true;
    };

    @Test
    void framesInOneReadComeOutWholeAndInOrder() throws Exception {
        Rfc4571Deframer deframer = new Rfc4571Deframer(100);
        deframer.readFrom(channel(stream(new byte[] {1, 2, 3}, new byte[] {}, new byte[] {4}), 1000));

        assertEquals(Rfc4571Deframer.Outcome.NEEDS_MORE, deframer.drain(collect));

        assertEquals(3, frames.size());
        assertArrayEquals(new byte[] {1, 2, 3}, frames.get(0));
        assertArrayEquals(new byte[] {}, frames.get(1), "an empty frame is a frame (the demultiplexer drops it)");
        assertArrayEquals(new byte[] {4}, frames.get(2));
        assertEquals(0, deframer.pending());
    }

    @Test
    void aFrameArrivingOneByteAtATimeComesOutOnceComplete() throws Exception {
        byte[] payload = {9, 8, 7, 6, 5};
        ReadableByteChannel trickle = channel(stream(payload), 1);
        Rfc4571Deframer deframer = new Rfc4571Deframer(100);
        for (int i = 0; i < 6; i++) {
            deframer.readFrom(trickle);
            deframer.drain(collect);
            assertEquals(0, frames.size(), "nothing before the last byte (" + i + ")");
            assertEquals(i + 1, deframer.pending());
        }

        deframer.readFrom(trickle);
        deframer.drain(collect);

        assertArrayEquals(payload, frames.get(0));
        assertEquals(0, deframer.pending());
    }

    @Test
    void aFrameOfExactlyTheLimitPassesAndOneByteMoreEndsTheStream() throws Exception {
        Rfc4571Deframer deframer = new Rfc4571Deframer(8);
        deframer.readFrom(channel(stream(new byte[8]), 1000));
        assertEquals(Rfc4571Deframer.Outcome.NEEDS_MORE, deframer.drain(collect));
        assertEquals(1, frames.size());

        Rfc4571Deframer strict = new Rfc4571Deframer(8);
        strict.readFrom(channel(new byte[] {0, 9}, 1000)); // only the length: it is refused before any payload

        assertEquals(Rfc4571Deframer.Outcome.FRAME_TOO_LONG, strict.drain(collect));
        assertEquals(1, frames.size());
    }

    @Test
    void framesBeforeAnOversizedOneAreStillDeliveredThenTheStreamEnds() throws Exception {
        Rfc4571Deframer deframer = new Rfc4571Deframer(1500);
        byte[] bytes = concat(stream(new byte[] {1}), new byte[] {(byte) 0xFF, (byte) 0xFF, 0, 0});
        deframer.readFrom(channel(bytes, 1000));

        assertEquals(Rfc4571Deframer.Outcome.FRAME_TOO_LONG, deframer.drain(collect));
        assertEquals(1, frames.size());
    }

    @Test
    void aSinkThatRefusesStopsTheDrain() throws Exception {
        Rfc4571Deframer deframer = new Rfc4571Deframer(100);
        deframer.readFrom(channel(stream(new byte[] {1}, new byte[] {2}), 1000));

        assertEquals(Rfc4571Deframer.Outcome.STOPPED, deframer.drain((buffer, offset, length) -> false));
    }

    @Test
    void theBufferNeverTakesMoreThanOneMaximalFrameAndItsLength() throws Exception {
        Rfc4571Deframer deframer = new Rfc4571Deframer(10);
        byte[] endless = new byte[1000]; // a length of 0, repeated: 500 empty frames, 12 bytes at a time at most
        ReadableByteChannel channel = channel(endless, 1000);

        int read = deframer.readFrom(channel);

        assertEquals(12, read);
    }

    @Test
    void limitsOutsideSixteenBitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Rfc4571Deframer(0));
        assertThrows(IllegalArgumentException.class, () -> new Rfc4571Deframer(65536));
    }

    /** Random frames cut at random places: what comes out is what went in. */
    @Test
    void randomStreamsCutAnywhereComeOutAsSent() throws Exception {
        Random random = new Random(4571);
        for (int round = 0; round < 200; round++) {
            List<byte[]> sent = new ArrayList<>();
            for (int i = random.nextInt(20); i > 0; i--) {
                byte[] frame = new byte[random.nextInt(300)];
                random.nextBytes(frame);
                sent.add(frame);
            }
            frames.clear();
            Rfc4571Deframer deframer = new Rfc4571Deframer(300);
            ReadableByteChannel channel = channel(stream(sent.toArray(byte[][]::new)), 1 + random.nextInt(400));
            while (deframer.readFrom(channel) > 0) {
                assertEquals(Rfc4571Deframer.Outcome.NEEDS_MORE, deframer.drain(collect));
            }
            assertEquals(sent.size(), frames.size());
            for (int i = 0; i < sent.size(); i++) {
                assertArrayEquals(sent.get(i), frames.get(i));
            }
        }
    }

    /** Random bytes (no framing at all): the deframer delivers or refuses, never throws or overruns. */
    @Test
    void garbageNeverBreaksIt() throws Exception {
        Random random = new Random(6544);
        for (int round = 0; round < 500; round++) {
            byte[] junk = new byte[random.nextInt(5000)];
            random.nextBytes(junk);
            Rfc4571Deframer deframer = new Rfc4571Deframer(2048);
            ReadableByteChannel channel = channel(junk, 1 + random.nextInt(3000));
            Rfc4571Deframer.Outcome outcome = Rfc4571Deframer.Outcome.NEEDS_MORE;
            while (outcome == Rfc4571Deframer.Outcome.NEEDS_MORE && deframer.readFrom(channel) > 0) {
                outcome = deframer.drain((buffer, offset, length) -> length <= 2048);
            }
        }
    }

    static byte[] stream(byte[]... payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] payload : payloads) {
            out.write(payload.length >>> 8);
            out.write(payload.length);
            out.writeBytes(payload);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** A channel that gives at most {@code chunk} bytes per read, as TCP may. */
    private static ReadableByteChannel channel(byte[] bytes, int chunk) {
        ByteBuffer source = ByteBuffer.wrap(bytes);
        return new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer target) {
                if (!source.hasRemaining()) {
                    return -1;
                }
                int n = Math.min(Math.min(chunk, source.remaining()), target.remaining());
                ByteBuffer slice = source.slice();
                slice.limit(n);
                target.put(slice);
                source.position(source.position() + n);
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }
}
