package org.consilium.domain.recording;

import java.time.Instant;
import java.util.List;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.RoomKind;
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

    /**
     * A recording as stored: its files and its consent answers in order; {@code stoppedAt}
     * and {@code stopReason} null while it runs, {@code shreddedAt} once its files are destroyed.
     *
     * @param node the appliance whose recordings volume holds the files
     */
    record Stored(RecordingId id, RoomId room, RoomKind roomKind, VisitId visit, Instant startedAt, String startedBy,
                  Instant stoppedAt, String stopReason, String node, boolean legalHold, Instant shreddedAt,
                  List<Track> tracks, List<Consent> consents) {

        public boolean shredded() {
            return shreddedAt != null;
        }

        public java.util.Optional<Track> track(String fileName) {
            return tracks.stream().filter(t -> t.fileName().equals(fileName)).findFirst();
        }
    }

    java.util.Optional<Stored> find(RecordingId id);

    /** The room's recordings, newest first. */
    List<Stored> ofRoom(RoomId room);

    /** Every recording, newest first, at most {@code limit} (the console's list). */
    List<Stored> latest(int limit);

    /** Recordings whose files are on {@code node}, stopped, not on hold and not shredded: the retention job's candidates. */
    List<Stored> shreddable(String node);

    /** Its files are destroyed: marked so (the row stays, as the record that it existed). */
    void shredded(RecordingId id, Instant at, String reason);

    /** Puts a recording on legal hold or releases it. */
    void hold(RecordingId id, boolean hold, String by, Instant at);

    RecordingRetention retention();

    void retention(RecordingRetention retention, String by, Instant at);

    void started(RecordingId id, RoomId room, VisitId visit, Instant at, String startedBy, String node);

    void consent(RecordingId id, Consent consent);

    void track(RecordingId id, Track track);

    /** Once: a recording stopped already keeps its first stop. */
    void stopped(RecordingId id, Instant at, RecordingStopReason reason);

    /** The manifest signed when the recording stopped (canonical JSON, and its signature): stored once. */
    record SignedManifest(byte[] json, byte[] signature) {
    }

    /** Keeps the recording's signed manifest, unless one is stored already. */
    void signed(RecordingId id, SignedManifest manifest);

    /** The manifest signed when it stopped; empty while it runs or when it could not be signed then. */
    java.util.Optional<SignedManifest> signedManifest(RecordingId id);

    /** Recordings this node was writing when it died (no stop recorded). */
    List<RecordingId> runningOn(String node);

    /** The current consent notice (the highest version). */
    RecordingNotice currentNotice();

    /**
     * Stores {@code text} (cleaned already) as the consent notice's next version, unless it
     * is the text in force already.
     *
     * @return the version in force afterwards
     */
    RecordingNotice saveNotice(String text, String changedBy, Instant changedAt);
}
