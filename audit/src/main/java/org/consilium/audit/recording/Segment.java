package org.consilium.audit.recording;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One file of the recording (WebM media, or a participant's chat as JSON Lines): whose,
 * what, when, and exactly which bytes (the length and SHA-256 of the decrypted file, as
 * playback and the export read it). {@code complete}
 * is false when the file was cut short (its envelope has no final chunk: a crash); the
 * length and hash are then those of the readable part.
 */
public record Segment(String file, String participant, SegmentKind kind, Instant startedAt, Instant stoppedAt,
        long bytes, String sha256, boolean complete) {

    /**
     * A plain file name in the bundle's directory: no path, no leading dot, ends in .webm
     * (media) or .jsonl (chat). Keeps a manifest from naming files outside the bundle or the
     * bundle's own files.
     */
    public static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,122}\\.(webm|jsonl)");

    public Segment {
        if (file == null || !FILE_NAME.matcher(file).matches()) {
            throw new IllegalArgumentException("segment file must be a plain name ending in .webm or .jsonl ("
                    + FILE_NAME.pattern() + ")");
        }
        Fields.text(participant, "segment participant");
        Fields.required(kind, "kind");
        if (!file.endsWith(kind.extension())) {
            throw new IllegalArgumentException("a " + kind.wireName() + " segment's file ends in " + kind.extension());
        }
        Fields.instant(startedAt, "segment startedAt");
        Fields.instant(stoppedAt, "segment stoppedAt");
        Fields.ordered(startedAt, stoppedAt, "segment " + file);
        if (bytes < 0) {
            throw new IllegalArgumentException("segment bytes must not be negative");
        }
        Fields.sha256(sha256, "segment sha256");
    }
}
