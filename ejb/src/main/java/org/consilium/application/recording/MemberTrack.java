package org.consilium.application.recording;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.call.CallRecorders;
import org.consilium.domain.recording.RecordingRepository;
import org.consilium.recording.MediaKind;
import org.consilium.recording.ParticipantRecording;
import org.consilium.recording.RecordingOptions;
import org.consilium.recording.bridge.TappedParticipant;
import org.consilium.recording.timing.RecordingTimeline;
import org.consilium.videobridge.conference.Endpoint;

/**
 * One stretch of one participant's camera and microphone: the bridge's tap on their endpoint
 * into one WebM file. Stopping takes the tap off at once (nothing more of theirs is written)
 * and finishes the file in the background, then records it.
 */
final class MemberTrack implements CallRecorders.Track {

    private static final Logger LOG = Logger.getLogger(MemberTrack.class.getName());

    private final String fileName;
    private final String participant;
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

    MemberTrack(String fileName, String participant, Endpoint endpoint, RecordingStorage.TrackFile file,
                RecordingTimeline timeline, Clock clock, RecordingRecords records, Consumer<IOException> failed,
                Consumer<MemberTrack> closed) {
        this.fileName = fileName;
        this.participant = participant;
        this.endpoint = endpoint;
        this.file = file;
        this.timeline = timeline;
        this.clock = clock;
        this.records = records;
        this.failed = failed;
        this.closed = closed;
    }

    void start() {
        startedAt = clock.instant();
        TappedParticipant tap = new TappedParticipant(endpoint::requestKeyframe, failed);
        recording = ParticipantRecording.start(participant.substring(0, Math.min(8, participant.length())), file,
                EnumSet.of(MediaKind.AUDIO, MediaKind.VIDEO), timeline, RecordingOptions.defaults(), tap);
        tap.recordInto(recording);
        endpoint.tap(tap);
    }

    @Override
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        endpoint.tap(null);
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
            return new RecordingRepository.Track(fileName, participant, "camera", startedAt, stoppedAt,
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
