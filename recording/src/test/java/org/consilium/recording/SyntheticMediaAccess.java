package org.consilium.recording;

/** Lets the benchmark (another package) use the tests' synthetic participant. */
public final class SyntheticMediaAccess {

    /** What the generator hands over per packet. */
    public interface Sink {
        void packet(MediaKind kind, byte[] bytes, int length, long mediaNanos);
    }

    private SyntheticMediaAccess() {
    }

    /** {@code seconds} of Opus and VP8 at {@code videoKbps}, a keyframe every 10 s. */
    public static void generate(int videoKbps, int seconds, Sink sink) {
        new SyntheticMedia(videoKbps, 300).generate(seconds, sink::packet);
    }
}
