package org.consilium.application.recording;

import jakarta.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.domain.recording.RecordingRepository;

/**
 * The chat messages one consenting participant sends while recorded, in a file of their own
 * beside their media: JSON Lines, one object per message ({@code offsetMillis} from the
 * recording's start, which is where the player shows it, {@code at}, {@code from}, {@code text}).
 * Only the sender's consent counts, as for media: a message of someone not recorded is never
 * written, whoever reads it. Created on the first message; the lines are written off the call's
 * lock, in turn with the recording's records, and passed to the disk at once in small sealed
 * chunks ({@link RecordingStorage#TEXT_CHUNK_BYTES}), so a crash loses at most the last chunk.
 */
final class ChatFile {

    private static final Logger LOG = Logger.getLogger(ChatFile.class.getName());

    private final String fileName;
    private final String participant;
    private final RecordingStorage.TrackFile file;
    private final Instant recordingStart;
    private final Instant startedAt;
    private final java.time.Clock clock;
    private final RecordingRecords records;
    private final Consumer<IOException> failed;
    private boolean stopped;         // call's lock
    private boolean broken;          // records' turn only

    ChatFile(String fileName, String participant, RecordingStorage.TrackFile file, Instant recordingStart,
             java.time.Clock clock, RecordingRecords records, Consumer<IOException> failed) {
        this.fileName = fileName;
        this.participant = participant;
        this.file = file;
        this.recordingStart = recordingStart;
        this.startedAt = clock.instant();
        this.clock = clock;
        this.records = records;
        this.failed = failed;
    }

    /** Writes a message the participant sent at {@code at} (already checked: ChatText). */
    void write(String from, String text, Instant at) {
        if (stopped) {
            return;
        }
        byte[] line = (Json.createObjectBuilder()
                .add("offsetMillis", Math.max(0, Duration.between(recordingStart, at).toMillis()))
                .add("at", at.toString()).add("from", from).add("text", text).build() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        records.inTurn(() -> {
            if (broken) {
                return;
            }
            try {
                file.write(line);
                file.flush();
            } catch (IOException failure) {
                broken = true;
                failed.accept(failure);
            }
        });
    }

    /** Nothing more is written; the file is finished and recorded in turn. */
    void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        Instant at = clock.instant();
        records.fileClosing(() -> {
            boolean complete = !broken;
            try {
                file.close();
            } catch (IOException failure) {
                complete = false;
                LOG.log(Level.WARNING, "Recording file {0} ended early: {1}",
                        new Object[] {fileName, failure.getClass().getName()});
            }
            return new RecordingRepository.Track(fileName, participant, "chat", startedAt, at,
                    file.plaintextBytes(), file.sha256(), complete);
        });
    }
}
