package org.consilium.application.recording;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.consilium.domain.recording.RecordingId;

/**
 * What a recording's file holds as it reads now, through its envelope (every chunk
 * authenticated): its plaintext length and SHA-256, and whether it is complete. A file cut
 * short by a crash reads to its last whole chunk. Used where the writer's own record is
 * missing or cannot be trusted: a file never closed, a manifest signed at export.
 */
record ReadableContent(long bytes, String sha256, boolean complete) {

    static ReadableContent of(RecordingStorage storage, RecordingId recording, String fileName) throws IOException {
        try (RecordingStorage.PlaintextFile file = storage.open(recording, fileName)) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(file.range(0, file.length()), sha256)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return new ReadableContent(file.length(), HexFormat.of().formatHex(sha256.digest()), file.complete());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }
}
