package org.consilium.audit.recording;

/** What a segment file holds: a participant's camera and microphone, or a screen share. */
public enum SegmentKind {
    CAMERA,
    SCREEN;

    public String wireName() {
        return WireName.of(this);
    }

    public static SegmentKind fromWireName(String wire) {
        return WireName.parse(SegmentKind.class, wire, "kind");
    }
}
