package org.consilium.videobridge.simulcast;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.consilium.videobridge.packet.MediaPacket;

/** RTP packets as browsers send them, built byte by byte for tests of the simulcast path. */
public final class TestPackets {

    private TestPackets() {
    }

    /** A one-byte-header extension block of (id, ASCII value) pairs, padded to 32 bits. */
    public static byte[] extensions(Object... idAndValue) {
        ByteArrayOutputStream elements = new ByteArrayOutputStream();
        for (int i = 0; i < idAndValue.length; i += 2) {
            byte[] value = idAndValue[i + 1] instanceof byte[] raw ? raw
                    : ((String) idAndValue[i + 1]).getBytes(StandardCharsets.US_ASCII);
            elements.write(((Integer) idAndValue[i] << 4) | (value.length - 1));
            elements.writeBytes(value);
        }
        while (elements.size() % 4 != 0) {
            elements.write(0);
        }
        byte[] body = elements.toByteArray();
        byte[] block = new byte[4 + body.length];
        block[0] = (byte) 0xBE;
        block[1] = (byte) 0xDE;
        block[2] = (byte) (body.length / 4 >>> 8);
        block[3] = (byte) (body.length / 4);
        System.arraycopy(body, 0, block, 4, body.length);
        return block;
    }

    /**
     * A VP8 packet (RFC 7741) with a 15-bit picture ID and TL0PICIDX; a keyframe's first
     * packet carries the frame header with its size.
     */
    public static MediaPacket vp8(int ssrc, int sequence, long timestamp, int pictureId, int tl0, boolean keyframe,
                                  int height, byte[] extensionBlock) {
        return vp8(ssrc, sequence, timestamp, pictureId, tl0, keyframe, height, extensionBlock, -1, true, false);
    }

    /**
     * The same with a temporal layer ({@code temporal} 0..3; negative: no T bit), the S bit
     * only on a frame's first packet, and the layer sync (Y) bit.
     */
    public static MediaPacket vp8(int ssrc, int sequence, long timestamp, int pictureId, int tl0, boolean keyframe,
                                  int height, byte[] extensionBlock, int temporal, boolean frameStart,
                                  boolean layerSync) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80 | (extensionBlock == null ? 0 : 0x10));
        out.write(96);
        out.write(sequence >>> 8);
        out.write(sequence);
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (timestamp >>> shift));
        }
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write(ssrc >>> shift);
        }
        if (extensionBlock != null) {
            out.writeBytes(extensionBlock);
        }
        out.write(frameStart ? 0x90 : 0x80);       // X, S, partition 0
        out.write(temporal < 0 ? 0xC0 : 0xE0);     // I, L (and T)
        out.write(0x80 | (pictureId >>> 8));       // M + 15-bit picture ID
        out.write(pictureId);
        out.write(tl0);
        if (temporal >= 0) {
            out.write((temporal << 6) | (layerSync ? 0x20 : 0)); // TID, Y, KEYIDX 0
        }
        out.write(keyframe && frameStart ? 0x10 : 0x11); // frame tag: P bit 0 for a keyframe
        out.write(0);
        out.write(0);
        out.writeBytes(new byte[] {(byte) 0x9d, 0x01, 0x2a});
        out.write((height * 16 / 9) & 0xFF);
        out.write((height * 16 / 9) >>> 8);
        out.write(height & 0xFF);
        out.write(height >>> 8);
        out.writeBytes(new byte[40]);
        byte[] bytes = out.toByteArray();
        return new MediaPacket(bytes, 0, bytes.length);
    }
}
