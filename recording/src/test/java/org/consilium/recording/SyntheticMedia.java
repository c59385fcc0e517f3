package org.consilium.recording;

/**
 * A participant's RTP as a browser would send it, without an encoder: Opus packets every
 * 20 ms and VP8 frames at 30 frames/s to a bit rate, split into packets of at most 1,200
 * bytes with RFC 7741 descriptors, a keyframe (with its size) every {@code keyframeEvery}
 * frames, and two header extensions as Chromium sends them. Payload bytes are filler: the
 * recorder never decodes.
 */
final class SyntheticMedia {

    interface Sink {
        void packet(MediaKind kind, byte[] bytes, int length, long mediaNanos);
    }

    private static final int MAX_PAYLOAD = 1200;
    private final byte[] buffer = new byte[1500];
    private final int videoKbps;
    private final int keyframeEvery;
    private int audioSequence = 65000;
    private int videoSequence = 65300;
    private long audioTimestamp = 0xFFF00000L;
    private long videoTimestamp = 0xFFFE0000L;
    private int frame;

    SyntheticMedia(int videoKbps, int keyframeEvery) {
        this.videoKbps = videoKbps;
        this.keyframeEvery = keyframeEvery;
    }

    /** Generates {@code seconds} of both tracks in send order. */
    void generate(int seconds, Sink sink) {
        long audioFrames = seconds * 50L;
        long videoFrames = seconds * 30L;
        long a = 0;
        long v = 0;
        while (a < audioFrames || v < videoFrames) {
            long audioAt = a * 20_000_000L;
            long videoAt = v * 1_000_000_000L / 30;
            if (a < audioFrames && (audioAt <= videoAt || v >= videoFrames)) {
                audio(sink, audioAt);
                a++;
            } else {
                video(sink, videoAt);
                v++;
            }
        }
    }

    private void audio(Sink sink, long at) {
        int length = header(audioSequence++, audioTimestamp, 111, 0x0A0B0C0D, true);
        buffer[length++] = 0x78; // TOC: SILK/CELT hybrid config 15, mono, one frame
        length += 90; // ~36 kbit/s
        sink.packet(MediaKind.AUDIO, buffer, length, at);
        audioTimestamp = (audioTimestamp + 960) & 0xFFFFFFFFL;
    }

    private void video(Sink sink, long at) {
        boolean keyframe = frame % keyframeEvery == 0;
        int frameBytes = videoKbps * 1000 / 8 / 30 * (keyframe ? 3 : 1);
        int sent = 0;
        boolean first = true;
        while (sent < frameBytes) {
            int chunk = Math.min(MAX_PAYLOAD, frameBytes - sent);
            boolean last = sent + chunk >= frameBytes;
            int length = header(videoSequence++, videoTimestamp, 96, 0x01020304, last);
            buffer[length++] = (byte) (first ? 0x90 : 0x80); // X, S on the first packet
            buffer[length++] = (byte) 0x80; // I
            buffer[length++] = (byte) (0x80 | ((frame >>> 8) & 0x7F));
            buffer[length++] = (byte) frame;
            if (first) {
                buffer[length++] = (byte) (keyframe ? 0x10 : 0x11);
                buffer[length++] = 0;
                buffer[length++] = 0;
                if (keyframe) {
                    byte[] start = {(byte) 0x9d, 0x01, 0x2a, 0x00, 0x05, (byte) 0xD0, 0x02}; // 1280x720
                    System.arraycopy(start, 0, buffer, length, start.length);
                    length += start.length;
                }
            }
            length += chunk;
            sink.packet(MediaKind.VIDEO, buffer, length, at);
            sent += chunk;
            first = false;
        }
        videoTimestamp = (videoTimestamp + 3000) & 0xFFFFFFFFL;
        frame++;
    }

    /** RTP header with a one-byte-header extension block (abs-send-time, transport-cc). */
    private int header(int sequence, long timestamp, int payloadType, int ssrc, boolean marker) {
        buffer[0] = (byte) 0x90;
        buffer[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        buffer[2] = (byte) (sequence >>> 8);
        buffer[3] = (byte) sequence;
        for (int i = 0; i < 4; i++) {
            buffer[4 + i] = (byte) (timestamp >>> (24 - 8 * i));
            buffer[8 + i] = (byte) (ssrc >>> (24 - 8 * i));
        }
        buffer[12] = (byte) 0xBE;
        buffer[13] = (byte) 0xDE;
        buffer[14] = 0;
        buffer[15] = 2; // two words
        buffer[16] = 0x22; // id 2, 3 bytes: abs-send-time
        buffer[20] = 0x51; // id 5, 2 bytes: transport-cc
        buffer[23] = 0;
        return 24;
    }
}
