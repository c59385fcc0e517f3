package org.consilium.application.recording;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.domain.recording.RecordingRepository;
import org.consilium.recording.MediaKind;
import org.consilium.recording.ParticipantRecording;
import org.consilium.recording.RecordingOptions;
import org.consilium.recording.bridge.TappedParticipant;
import org.consilium.recording.timing.RecordingTimeline;
import org.consilium.videobridge.conference.Endpoint;

/**
 * One file: a stretch of one participant's camera and microphone, or of the screen they
 * share, from the bridge's tap into WebM ({@link RecordedMember} routes their packets here).
 * Stopping drops every packet from then on and finishes the file in the background, then
 * records it.
 */
final class MemberTrack {

    private static final Logger LOG = Logger.getLogger(MemberTrack.class.getName());

    private final String fileName;
    private final String participant;
    private final String kind;
    private final Endpoint endpoint;
    private final RecordingStorage.TrackFile file;
    private final RecordingTimeline timeline;
    private final Clock clock;
    private final RecordingRecords records;
    private final Consumer<IOException> failed;
    private final Consumer<MemberTrack> closed;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private Instant startedAt;
    private ParticipantRecording recording;
    private TappedParticipant tap;

    /** @param kind {@code camera} (audio and video) or {@code screen} (video alone) */
    MemberTrack(String fileName, String participant, String kind, Endpoint endpoint, RecordingStorage.TrackFile file,
                RecordingTimeline timeline, Clock clock, RecordingRecords records, Consumer<IOException> failed,
                Consumer<MemberTrack> closed) {
        this.fileName = fileName;
        this.participant = participant;
        this.kind = kind;
        this.endpoint = endpoint;
        this.file = file;
        this.timeline = timeline;
        this.clock = clock;
        this.records = records;
        this.failed = failed;
        this.closed = closed;
    }

    /** Starts the file's writer; returns the tap that feeds it. */
    TappedParticipant start() {
        startedAt = clock.instant();
        tap = new TappedParticipant(endpoint::requestKeyframe, failed);
        recording = ParticipantRecording.start(kind + "-" + participant.substring(0, Math.min(8, participant.length())),
                file, "screen".equals(kind) ? EnumSet.of(MediaKind.VIDEO) : EnumSet.of(MediaKind.AUDIO, MediaKind.VIDEO),
                timeline, RecordingOptions.defaults(), tap);
        tap.recordInto(recording);
        return tap;
    }

    /** Nothing more is written (the tap feeds nobody); the file is finished and recorded in the background. */
    void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        tap.recordInto(null);
        Instant stoppedAt = clock.instant();
        records.fileClosing(() -> {
            boolean complete = true;
            try {
                recording.stop();
            } catch (IOException failure) {
                complete = false;
                LOG.log(Level.WARNING, "Recording file {0} ended early: {1}",
                        new Object[] {fileName, failure.getClass().getName()});
            } finally {
                closeQuietly();
            }
            closed.accept(this);
            return new RecordingRepository.Track(fileName, participant, kind, startedAt, stoppedAt,
                    file.plaintextBytes(), file.sha256(), complete);
        });
    }

    /** The recording closes its file when it stops; after a failure, this makes sure. */
    private void closeQuietly() {
        try {
            file.close();
        } catch (IOException alreadyFailed) {
            // the failure was reported; the file is marked incomplete
        }
    }
}
