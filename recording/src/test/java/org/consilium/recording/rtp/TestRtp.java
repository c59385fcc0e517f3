package org.consilium.recording.rtp;

import java.io.ByteArrayOutputStream;

/** RTP packets for the unit tests: Opus-like and VP8 with an RFC 7741 descriptor. */
final class TestRtp {

    static final int SSRC = 0x1234_5678;

    private TestRtp() {
    }

    static RtpPacket packet(int sequence, long timestamp, boolean marker, byte[] payload, long arrivalNanos) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80);
        out.write((marker ? 0x80 : 0) | 96);
        out.write(sequence >>> 8);
        out.write(sequence);
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (timestamp >>> shift));
        }
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write(SSRC >>> shift);
        }
        out.writeBytes(payload);
        byte[] bytes = out.toByteArray();
        RtpPacket packet = RtpPacket.parse(bytes, 0, bytes.length, arrivalNanos);
        packet.extend(sequence, timestamp);
        return packet;
    }

    /**
     * A VP8 packet: the descriptor (X, S on a frame's first packet, I with a 15-bit picture ID),
     * then on a frame's first packet the frame tag (and a keyframe's start code and size).
     */
    static RtpPacket vp8(int sequence, long timestamp, boolean start, boolean keyframe, boolean marker,
                         int pictureId, byte fill) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(start ? 0x90 : 0x80);
        out.write(0x80);
        out.write(0x80 | (pictureId >>> 8));
        out.write(pictureId);
        if (start) {
            out.write(keyframe ? 0x10 : 0x11);
            out.write(0);
            out.write(0);
            if (keyframe) {
                out.writeBytes(new byte[] {(byte) 0x9d, 0x01, 0x2a, 0x40, 0x01, (byte) 0xF0, 0x00}); // 320x240
            }
        }
        for (int i = 0; i < 20; i++) {
            out.write(fill);
        }
        return packet(sequence, timestamp, marker, out.toByteArray(), 0);
    }
}
