package org.consilium.application.call;

import java.time.Instant;
import java.util.function.Consumer;
import org.consilium.domain.recording.ConsentDecision;
import org.consilium.domain.recording.RecordingNotice;
import org.consilium.domain.recording.RecordingStopReason;
import org.consilium.domain.room.VisitId;
import org.consilium.videobridge.conference.Endpoint;

/**
 * What a live call asks of the server's recorder (issue 22): whether its hosts may record,
 * and a recording of its visit. The call decides who is recorded (only those who consented,
 * {@link CallRecording}); the recorder writes their media and keeps the records.
 */
public interface CallRecorders {

    /** Whether the room policy lets hosts record now (their page shows the button). */
    boolean allowed();

    /**
     * Starts a recording of {@code visit}.
     *
     * @param stopped told, on any thread, when the recording had to stop by itself (a full
     *                disk, a write failure): the call then stops it ({@link RecordingSession#stop})
     * @throws CallRefused {@code recording-not-allowed} or {@code recording-unavailable}, with a sentence for the host
     */
    RecordingSession start(CallRoom room, VisitId visit, CallMember host, Consumer<RecordingStopReason> stopped);

    /** One recording, from start to stop. Its methods return at once; the writing and the records go on elsewhere. */
    interface RecordingSession {

        RecordingNotice notice();

        Instant since();

        /** Stores and audits a participant's answer. */
        void decided(CallMember member, ConsentDecision decision);

        /** Starts writing the member's media from their endpoint on this node's bridge; stop it when they may no longer be recorded. */
        Track record(CallMember member, Endpoint endpoint);

        /** Stops every track still written, then the recording (stored and audited). */
        void stop(RecordingStopReason reason, CallMember by);
    }

    /** The writing of one member's media. */
    interface Track {
        /** Stops writing: their media from now on is not recorded; the files are finished in the background. */
        void stop();

        /** The screen they share from now on, by its SSRC (a file of its own), or null when they share none. */
        default void screen(Long ssrc) {
        }

        /** A chat message they sent at {@code at}, under the name the others saw. */
        default void chat(String from, String text, Instant at) {
        }
    }

    /** Recorders of a server without recording: never allowed. */
    CallRecorders NONE = new CallRecorders() {
        @Override
        public boolean allowed() {
            return false;
        }

        @Override
        public RecordingSession start(CallRoom room, VisitId visit, CallMember host,
                                      Consumer<RecordingStopReason> stopped) {
            throw new CallRefused("recording-not-allowed", "recording is not allowed on this appliance");
        }
    };
}
