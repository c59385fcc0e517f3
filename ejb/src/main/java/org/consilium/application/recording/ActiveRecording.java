package org.consilium.application.recording;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.call.CallMember;
import org.consilium.application.call.CallRecorders;
import org.consilium.domain.recording.ConsentDecision;
import org.consilium.domain.recording.RecordingId;
import org.consilium.domain.recording.RecordingNotice;
import org.consilium.domain.recording.RecordingStopReason;
import org.consilium.recording.timing.RecordingTimeline;
import org.consilium.videobridge.conference.Endpoint;

/**
 * One recording from start to stop: a file per stretch of a consenting participant's media
 * ({@link MemberTrack}), all on one timeline so they line up, and the storage watched every
 * two seconds so the recording stops before the volume fills. A failure to write stops the
 * whole recording (the call tells everyone why) rather than leave some people silently
 * unrecorded.
 */
final class ActiveRecording implements CallRecorders.RecordingSession {

    private static final Logger LOG = Logger.getLogger(ActiveRecording.class.getName());
    private static final long STORAGE_CHECK_SECONDS = 2;

    private final RecordingId id;
    private final RecordingNotice notice;
    private final Instant since;
    private final RecordingStorage storage;
    private final RecordingRecords records;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final Consumer<RecordingStopReason> stopped;
    private final RecordingTimeline timeline = RecordingTimeline.startingNow();
    private final AtomicInteger files = new AtomicInteger();
    private final Set<MemberTrack> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stoppedByItself = new AtomicBoolean();
    private volatile ScheduledFuture<?> storageWatch;

    ActiveRecording(RecordingId id, RecordingNotice notice, Instant since, RecordingStorage storage,
                    RecordingRecords records, ScheduledExecutorService executor, Clock clock,
                    Consumer<RecordingStopReason> stopped) {
        this.id = id;
        this.notice = notice;
        this.since = since;
        this.storage = storage;
        this.records = records;
        this.executor = executor;
        this.clock = clock;
        this.stopped = stopped;
    }

    RecordingRecords records() {
        return records;
    }

    void watchStorage() {
        storageWatch = executor.scheduleWithFixedDelay(() -> {
            if (storage.nearlyFull()) {
                stopByItself(RecordingStopReason.STORAGE_FULL);
            }
        }, STORAGE_CHECK_SECONDS, STORAGE_CHECK_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public RecordingNotice notice() {
        return notice;
    }

    @Override
    public Instant since() {
        return since;
    }

    @Override
    public void decided(CallMember member, ConsentDecision decision) {
        records.decided(member, decision, notice, clock.instant());
    }

    @Override
    public CallRecorders.Track record(CallMember member, Endpoint endpoint) {
        Optional<MemberTrack> camera = newFile(member.id(), "camera", endpoint);
        if (camera.isEmpty()) {
            return new CallRecorders.Track() {
                @Override
                public void stop() {
                }
            };
        }
        RecordedMember recorded = new RecordedMember(endpoint, camera.get(), () -> newFile(member.id(), "screen", endpoint),
                () -> newChatFile(member.id()));
        endpoint.tap(recorded.tap());
        return recorded;
    }

    /** A new media file of the recording, writing; empty when it cannot be created (the recording then stops). */
    private Optional<MemberTrack> newFile(String participant, String kind, Endpoint endpoint) {
        String fileName = String.format("%03d-%s-%s.webm.csev", files.incrementAndGet(), kind, participant);
        return create(fileName, RecordingStorage.MEDIA_CHUNK_BYTES).map(file -> {
            MemberTrack track = new MemberTrack(fileName, participant, kind, endpoint, file, timeline, clock, records,
                    this::writeFailed, open::remove);
            open.add(track);
            return track;
        });
    }

    /** A participant's chat file, from their first message while recorded. */
    private Optional<ChatFile> newChatFile(String participant) {
        String fileName = String.format("%03d-chat-%s.jsonl.csev", files.incrementAndGet(), participant);
        return create(fileName, RecordingStorage.TEXT_CHUNK_BYTES)
                .map(file -> new ChatFile(fileName, participant, file, since, clock, records, this::writeFailed));
    }

    private Optional<RecordingStorage.TrackFile> create(String fileName, int chunkBytes) {
        try {
            return Optional.of(storage.create(id, fileName, chunkBytes));
        } catch (IOException | RuntimeException failed) {
            LOG.log(Level.WARNING, "Recording {0}: could not create a file: {1}",
                    new Object[] {id, failed.getClass().getName()});
            writeFailed(null);
            return Optional.empty();
        }
    }

    private void writeFailed(IOException failure) {
        stopByItself(storage.nearlyFull() ? RecordingStopReason.STORAGE_FULL : RecordingStopReason.WRITE_FAILED);
    }

    @Override
    public void stop(RecordingStopReason reason, CallMember by) {
        ScheduledFuture<?> watch = storageWatch;
        if (watch != null) {
            watch.cancel(false);
        }
        Set.copyOf(open).forEach(MemberTrack::stop);
        records.stopped(reason, by, clock.instant(), files.get());
    }

    /** Once: the call is told, and stops the recording under its own lock. */
    private void stopByItself(RecordingStopReason reason) {
        if (stoppedByItself.compareAndSet(false, true)) {
            executor.execute(() -> stopped.accept(reason));
        }
    }
}
