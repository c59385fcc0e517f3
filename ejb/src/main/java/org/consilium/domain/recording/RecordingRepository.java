package org.consilium.domain.recording;

import java.time.Instant;
import java.util.List;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.VisitId;

/** Where recordings, their consents and their files are recorded (tables of migration V16). */
public interface RecordingRepository {

    /** A consent answer as stored. */
    record Consent(String participant, String principal, String displayName, String role, ConsentDecision decision,
                   int noticeVersion, String noticeSha256, Instant at) {
    }

    /** A file of the recording, as stored once it was closed. */
    record Track(String fileName, String participant, String kind, Instant startedAt, Instant stoppedAt,
                 long plaintextBytes, String sha256, boolean complete) {
    }

    /** A recording as stored: its files and its consent answers in order. {@code stoppedAt}/{@code stopReason} null while it runs. */
    record Stored(RecordingId id, RoomId room, VisitId visit, Instant startedAt, String startedBy, Instant stoppedAt,
                  String stopReason, List<Track> tracks, List<Consent> consents) {

        public java.util.Optional<Track> track(String fileName) {
            return tracks.stream().filter(t -> t.fileName().equals(fileName)).findFirst();
        }
    }

    java.util.Optional<Stored> find(RecordingId id);

    /** The room's recordings, newest first. */
    List<Stored> ofRoom(RoomId room);

    void started(RecordingId id, RoomId room, VisitId visit, Instant at, String startedBy, String node);

    void consent(RecordingId id, Consent consent);

    void track(RecordingId id, Track track);

    /** Once: a recording stopped already keeps its first stop. */
    void stopped(RecordingId id, Instant at, RecordingStopReason reason);

    /** Recordings this node was writing when it died (no stop recorded). */
    List<RecordingId> runningOn(String node);

    /** The current consent notice (the highest version). */
    RecordingNotice currentNotice();
}
