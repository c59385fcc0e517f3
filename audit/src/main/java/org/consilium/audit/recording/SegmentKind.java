package org.consilium.audit.recording;

/**
 * What a segment file holds: a participant's camera and microphone, or a screen share (both
 * WebM), or the chat messages the participant sent while recorded (JSON Lines: one object per
 * message with {@code offsetMillis} from the recording's start, {@code at}, {@code from} and
 * {@code text}).
 */
public enum SegmentKind {
    CAMERA,
    SCREEN,
    CHAT;

    /** The file name's ending for this kind. */
    public String extension() {
        return this == CHAT ? ".jsonl" : ".webm";
    }

    public String wireName() {
        return WireName.of(this);
    }

    public static SegmentKind fromWireName(String wire) {
        return WireName.parse(SegmentKind.class, wire, "kind");
    }
}
