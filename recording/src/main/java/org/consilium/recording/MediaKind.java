package org.consilium.recording;

/** The two tracks of a participant's file, with their codec's RTP clock rate. */
public enum MediaKind {
    /** Opus (RFC 7587): 48 kHz. */
    AUDIO(48_000),
    /** VP8 (RFC 7741): 90 kHz. */
    VIDEO(90_000);

    private final int clockRate;

    MediaKind(int clockRate) {
        this.clockRate = clockRate;
    }

    public int clockRate() {
        return clockRate;
    }
}
