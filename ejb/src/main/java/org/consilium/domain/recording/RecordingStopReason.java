package org.consilium.domain.recording;

import java.util.Locale;

/** Why a recording stopped; stored with it and in the {@code recording-stopped} audit event. */
public enum RecordingStopReason {
    /** A host stopped it. */
    STOPPED_BY_HOST,
    /** Its visit ended (everyone left, the room closed, the maximum length). */
    CALL_ENDED,
    /** The recordings volume ran short of space. */
    STORAGE_FULL,
    /** A file could not be written (an I/O error other than a full disk). */
    WRITE_FAILED,
    /** The server stopped while it ran. */
    SERVER_STOPPED,
    /** The node died while it ran: found still running when the node started again. */
    INTERRUPTED;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
