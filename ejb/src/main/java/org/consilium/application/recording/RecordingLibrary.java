package org.consilium.application.recording;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.Role;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.audit.AuditOutcome;
import org.consilium.domain.recording.RecordingId;
import org.consilium.domain.recording.RecordingRepository;
import org.consilium.domain.room.Room;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.RoomRepository;

/**
 * Who may see what of the stored recordings (issue 22, item 4). The room's owner and hosts
 * list and play its recordings; administrators and auditors see what exists (metadata:
 * times, files, consents), never the content. Every play of a file, with the byte range
 * asked for, is audited ({@code recording-viewed}); a refusal is audited and looks like a
 * recording that does not exist.
 */
@ApplicationScoped
public class RecordingLibrary {

    @Inject
    RecordingRepository recordings;

    @Inject
    RoomRepository rooms;

    @Inject
    RecordingStorage storage;

    @Inject
    AuditTrail audit;

    /** The room's recordings, newest first, for its owner and hosts, administrators and auditors. */
    public List<RecordingRepository.Stored> ofRoom(Caller caller, RoomId roomId) {
        Optional<Room> room = rooms.find(roomId);
        if (room.isEmpty() || !(runs(caller, room.get()) || overseesRecordings(caller))) {
            throw denied(caller, "list-recordings", roomId.auditTarget());
        }
        return recordings.ofRoom(roomId);
    }

    /** One recording's metadata, for whoever may list its room's. */
    public RecordingRepository.Stored metadata(Caller caller, RecordingId id) {
        RecordingRepository.Stored recording = recordings.find(id).orElseThrow(() -> denied(caller, "view-recording",
                id.auditTarget()));
        Optional<Room> room = rooms.find(recording.room());
        if (room.isEmpty() || !(runs(caller, room.get()) || overseesRecordings(caller))) {
            throw denied(caller, "view-recording", id.auditTarget());
        }
        return recording;
    }

    /** Whether the caller may play the recording's files (the room's owner and hosts), not only see its metadata. */
    public boolean mayPlay(Caller caller, RecordingRepository.Stored recording) {
        return rooms.find(recording.room()).map(room -> runs(caller, room)).orElse(false);
    }

    /**
     * Opens a file of a recording to play (owner and hosts only), audited with {@code range}:
     * the bytes asked for, as the request said.
     */
    public RecordingStorage.PlaintextFile play(Caller caller, RecordingId id, String fileName, String range) {
        RecordingRepository.Stored recording = playable(caller, id, "play-recording");
        if (recording.track(fileName).isEmpty()) {
            throw denied(caller, "play-recording", id.auditTarget());
        }
        RecordingStorage.PlaintextFile file;
        try {
            file = storage.open(id, fileName);
        } catch (NoSuchFileException gone) {
            throw new RecordingNotFound();
        } catch (IOException unreadable) {
            throw new IllegalStateException("the recording's file cannot be read", unreadable);
        }
        audit.record(by(caller, AuditAction.RECORDING_VIEWED, id.auditTarget()).detail("file", fileName)
                .detail("range", range).build());
        return file;
    }

    /** A recording whose content the caller may have (owner and hosts), not shredded; refusals audited as {@code attempted}. */
    RecordingRepository.Stored playable(Caller caller, RecordingId id, String attempted) {
        RecordingRepository.Stored recording = recordings.find(id).orElseThrow(() -> denied(caller, attempted,
                id.auditTarget()));
        Optional<Room> room = rooms.find(recording.room());
        if (room.isEmpty() || !runs(caller, room.get())) {
            throw denied(caller, attempted, id.auditTarget());
        }
        if (recording.shredded()) {
            throw new RecordingNotFound(); // its keys are destroyed: nothing to play, whoever asks
        }
        return recording;
    }

    private static boolean runs(Caller caller, Room room) {
        return room.isRunBy(caller.identity().username());
    }

    private static boolean overseesRecordings(Caller caller) {
        return caller.identity().has(Role.ADMIN) || caller.identity().has(Role.AUDITOR);
    }

    private RecordingNotFound denied(Caller caller, String attempted, String target) {
        audit.record(by(caller, AuditAction.ACCESS_DENIED, target).outcome(AuditOutcome.DENIED)
                .detail("attempted", attempted).build());
        return new RecordingNotFound();
    }

    private static AuditEvent.Builder by(Caller caller, AuditAction action, String target) {
        return AuditEvent.of(action, caller.username(), caller.roleNames()).from(caller.clientAddress()).target(target);
    }
}
