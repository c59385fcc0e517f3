package org.consilium.audit.recording;

/** Why a recording stopped; in the manifest as {@code stopped-by-host}, {@code call-ended}, … */
public enum StopReason {
    /** A host pressed stop. */
    STOPPED_BY_HOST,
    /** The call ended (the last participant left or the room closed). */
    CALL_ENDED,
    /** The data volume filled up; the call went on without recording. */
    STORAGE_FULL,
    /** Writing failed for another reason (an I/O error). */
    WRITE_FAILED,
    /** The server (or its node) shut down cleanly while recording. */
    SERVER_STOPPED,
    /** The writer died without stopping (a crash): found on restart; its segments are cut short. */
    INTERRUPTED;

    public String wireName() {
        return WireName.of(this);
    }

    public static StopReason fromWireName(String wire) {
        return WireName.parse(StopReason.class, wire, "stopReason");
    }
}
