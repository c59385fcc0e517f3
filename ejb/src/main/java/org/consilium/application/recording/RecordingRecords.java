package org.consilium.application.recording;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import org.consilium.application.audit.AuditTrail;
import org.consilium.application.call.CallMember;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.recording.ConsentDecision;
import org.consilium.domain.recording.RecordingId;
import org.consilium.domain.recording.RecordingNotice;
import org.consilium.domain.recording.RecordingRepository;
import org.consilium.domain.recording.RecordingStopReason;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.VisitId;

/**
 * One recording's records and audit events, written in order off the call's lock (the
 * recording's row before its consents and files, its stop after them).
 */
final class RecordingRecords {

    private final RecordingId id;
    private final RecordingRepository repository;
    private final AuditTrail audit;
    private final Executor inOrder;
    private final java.util.function.Consumer<RecordingId> signManifest;

    /** @param signManifest signs and keeps the manifest of the stopped recording ({@link RecordingManifests#sign}) */
    RecordingRecords(RecordingId id, RecordingRepository repository, AuditTrail audit, Executor inOrder,
                     java.util.function.Consumer<RecordingId> signManifest) {
        this.id = id;
        this.repository = repository;
        this.audit = audit;
        this.inOrder = inOrder;
        this.signManifest = signManifest;
    }

    RecordingId id() {
        return id;
    }

    void started(RoomId room, VisitId visit, CallMember host, String node) {
        Instant at = Instant.now();
        inOrder.execute(() -> {
            repository.started(id, room, visit, at, host.principal(), node);
            audit.record(by(AuditAction.RECORDING_STARTED, host).detail("room", room.auditTarget())
                    .detail("visit", visit.auditTarget()).build());
        });
    }

    void decided(CallMember member, ConsentDecision decision, RecordingNotice notice, Instant at) {
        var consent = new RecordingRepository.Consent(member.id(), member.principal(), member.displayName(),
                member.role().code(), decision, notice.version(), notice.sha256(), at);
        inOrder.execute(() -> {
            repository.consent(id, consent);
            audit.record(by(AuditAction.RECORDING_CONSENT, member).detail("decision", decision.code())
                    .detail("notice-version", Integer.toString(notice.version()))
                    .detail("notice-sha256", notice.sha256()).build());
        });
    }

    /** Runs {@code work} (a chat line's write) in turn with the records and the files' closing. */
    void inTurn(Runnable work) {
        inOrder.execute(work);
    }

    /** Closes a file (which waits for its writer) in turn, and records it. */
    void fileClosing(java.util.function.Supplier<RecordingRepository.Track> close) {
        inOrder.execute(() -> repository.track(id, close.get()));
    }

    /** After every file's record: the stop, its audit event ({@code by} null: the server stopped it), and the signed manifest. */
    void stopped(RecordingStopReason reason, CallMember by, Instant at, int files) {
        inOrder.execute(() -> {
            repository.stopped(id, at, reason);
            AuditEvent.Builder event = by == null ? AuditEvent.of(AuditAction.RECORDING_STOPPED, AuditEvent.SYSTEM, List.of())
                    .target(id.auditTarget()) : by(AuditAction.RECORDING_STOPPED, by);
            audit.record(event.detail("reason", reason.code()).detail("files", Integer.toString(files)).build());
            signManifest.accept(id);
        });
    }

    private AuditEvent.Builder by(AuditAction action, CallMember member) {
        return AuditEvent.of(action, member.principal(), member.roles()).from(member.clientAddress())
                .target(id.auditTarget());
    }
}
