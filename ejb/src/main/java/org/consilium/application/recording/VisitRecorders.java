package org.consilium.application.recording;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.audit.AuditTrail;
import org.consilium.application.call.CallMember;
import org.consilium.application.call.CallRecorders;
import org.consilium.application.call.CallRefused;
import org.consilium.application.call.CallRoom;
import org.consilium.application.call.InOrder;
import org.consilium.application.room.RoomPolicies;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.recording.RecordingId;
import org.consilium.domain.recording.RecordingNotice;
import org.consilium.domain.recording.RecordingRepository;
import org.consilium.domain.recording.RecordingStopReason;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.VisitId;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The server's recorder of visits ({@link CallRecorders}): a recording may start where the
 * room policy allows it and the storage can take it; each gets its own
 * {@link ActiveRecording}. Recordings this node was writing when it died are marked
 * interrupted as it starts again (their files end at their last whole chunk).
 */
@ApplicationScoped
public class VisitRecorders implements CallRecorders {

    private static final Logger LOG = Logger.getLogger(VisitRecorders.class.getName());

    @Inject
    RoomPolicies policies;

    @Inject
    RecordingRepository recordings;

    @Inject
    RecordingStorage storage;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    RecordingManifests manifests;

    @Override
    public boolean allowed() {
        try {
            return policies.current().recordingAllowed();
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    @Override
    public RecordingSession start(CallRoom room, VisitId visit, CallMember host, Consumer<RecordingStopReason> stopped) {
        if (!allowed()) {
            throw new CallRefused("recording-not-allowed",
                    "The hospital's room policy does not allow recording visits.");
        }
        storage.refusal().ifPresent(why -> {
            throw new CallRefused("recording-unavailable", why);
        });
        RecordingNotice notice;
        try {
            notice = recordings.currentNotice();
        } catch (RuntimeException unreadable) {
            throw new CallRefused("recording-unavailable", "The recording notice cannot be read now; try again later.");
        }
        RecordingId id = RecordingId.random();
        RoomId roomId = new RoomId(java.util.UUID.fromString(room.id()));
        ActiveRecording recording = new ActiveRecording(id, notice, clock.instant(), storage,
                new RecordingRecords(id, recordings, audit, new InOrder(executor), manifests::sign), executor, clock, stopped);
        recording.records().started(roomId, visit, host, node());
        recording.watchStorage();
        return recording;
    }

    /**
     * Recordings left running by this node's previous life: their files that were never
     * closed are recorded as they are (readable up to the last whole chunk, {@code complete}
     * false), then the recordings are stopped as interrupted at their last write.
     */
    public void stopInterrupted() {
        try {
            List<RecordingId> left = recordings.runningOn(node());
            for (RecordingId id : left) {
                java.time.Instant lastWrite = new UnclosedFiles(recordings, storage).record(id)
                        .orElse(clock.instant());
                recordings.stopped(id, lastWrite, RecordingStopReason.INTERRUPTED);
                audit.record(AuditEvent.of(AuditAction.RECORDING_STOPPED, AuditEvent.SYSTEM, List.of())
                        .target(id.auditTarget()).detail("reason", RecordingStopReason.INTERRUPTED.code()).build());
                manifests.sign(id);
            }
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Could not mark interrupted recordings: {0}", failed.getClass().getName());
        }
    }

    static String node() {
        return ConfigProvider.getConfig().getOptionalValue("jboss.node.name", String.class).orElse("unknown");
    }
}
