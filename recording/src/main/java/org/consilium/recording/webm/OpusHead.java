package org.consilium.recording.webm;

/**
 * The Opus identification header (RFC 7845 §5.1) that WebM carries as the Opus track's
 * CodecPrivate. WebRTC's Opus has no pre-skip to announce (the stream starts mid-call).
 */
public final class OpusHead {

    public static final int SAMPLE_RATE = 48_000;

    private OpusHead() {
    }

    public static byte[] of(int channels) {
        byte[] head = new byte[19];
        byte[] magic = {'O', 'p', 'u', 's', 'H', 'e', 'a', 'd'};
        System.arraycopy(magic, 0, head, 0, magic.length);
        head[8] = 1; // version
        head[9] = (byte) channels;
        // pre-skip (2 bytes, little endian) 0
        head[12] = (byte) SAMPLE_RATE; // input sample rate, little endian
        head[13] = (byte) (SAMPLE_RATE >>> 8);
        head[14] = (byte) (SAMPLE_RATE >>> 16);
        head[15] = (byte) (SAMPLE_RATE >>> 24);
        // output gain 0, channel mapping family 0 (mono or stereo)
        return head;
    }

    /** Channels an Opus packet codes, from its TOC byte's s bit (RFC 6716 §3.1). */
    public static int channels(byte[] packet) {
        return packet.length > 0 && (packet[0] & 0x04) != 0 ? 2 : 1;
    }
}
