package org.consilium.audit.recording;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The export of one recording: a directory holding exactly
 * <pre>
 * manifest.json             the canonical manifest (the signed bytes)
 * manifest.sig              SHA256withECDSA signature over manifest.json, DER, raw
 * signing-certificate.pem   the signing key's certificate (names the key; trust comes from the pinned key)
 * *.webm, *.jsonl           the decrypted segments (media; chat), each listed in the manifest
 * </pre>
 * and nothing else. A directory, not an archive, is what the verifier checks: the files
 * play as they are (ffmpeg, a browser), {@code sha256sum} and {@code openssl} check them
 * without our jar, and there is no archive format to misread (duplicate entries, entries
 * the central directory does not list, paths leaving the directory). The download is a zip
 * of that directory ({@link #writeZip}): one file to hand over, unzipped before verifying.
 *
 * <p>Writers copy each segment from a {@link MediaSource} and check its length and SHA-256
 * against the manifest as they go, so the appliance never hands out a bundle that does not
 * verify: a mismatch stops the export with an IOException.
 */
public final class RecordingBundle {

    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.sig";
    public static final String CERTIFICATE = "signing-certificate.pem";

    /** The bundle's own files, beside the segments. */
    public static final Set<String> FIXED_FILES = Set.of(MANIFEST, SIGNATURE, CERTIFICATE);

    private static final Pattern FOLDER = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    /** The decrypted bytes of a segment (on the appliance: its envelope, read through {@code SeekableEnvelope}). */
    @FunctionalInterface
    public interface MediaSource {
        InputStream open(Segment segment) throws IOException;
    }

    private RecordingBundle() {
    }

    /** Writes the bundle into {@code directory}, which must not exist yet (it is created). */
    public static void writeDirectory(Path directory, SignedManifest signed, String certificatePem, MediaSource media)
            throws IOException {
        RecordingManifest manifest = decoded(signed);
        Files.createDirectory(directory);
        Files.write(directory.resolve(MANIFEST), signed.json(), StandardOpenOption.CREATE_NEW);
        Files.write(directory.resolve(SIGNATURE), signed.signature(), StandardOpenOption.CREATE_NEW);
        Files.writeString(directory.resolve(CERTIFICATE), certificatePem, StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE_NEW);
        for (Segment segment : manifest.segments()) {
            try (OutputStream out = Files.newOutputStream(directory.resolve(segment.file()), StandardOpenOption.CREATE_NEW)) {
                copyChecked(segment, media, out);
            }
        }
    }

    /**
     * Writes the bundle as a zip whose entries all lie in {@code folder/} (unzipping gives the
     * bundle directory), streaming: nothing decrypted is stored on the appliance. Closes {@code out}.
     */
    public static void writeZip(OutputStream out, String folder, SignedManifest signed, String certificatePem,
            MediaSource media) throws IOException {
        if (folder == null || !FOLDER.matcher(folder).matches()) {
            throw new IllegalArgumentException("the folder must be a plain name (" + FOLDER.pattern() + ")");
        }
        RecordingManifest manifest = decoded(signed);
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            zip.setLevel(Deflater.NO_COMPRESSION); // WebM is compressed already; the rest is small
            entry(zip, folder + "/" + MANIFEST, signed.json());
            entry(zip, folder + "/" + SIGNATURE, signed.signature());
            entry(zip, folder + "/" + CERTIFICATE, certificatePem.getBytes(StandardCharsets.US_ASCII));
            for (Segment segment : manifest.segments()) {
                zip.putNextEntry(new ZipEntry(folder + "/" + segment.file()));
                copyChecked(segment, media, zip);
                zip.closeEntry();
            }
        }
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static RecordingManifest decoded(SignedManifest signed) {
        try {
            return signed.manifest();
        } catch (ManifestFormatException e) {
            throw new IllegalArgumentException("the signed manifest does not decode: " + e.getMessage(), e);
        }
    }

    private static void copyChecked(Segment segment, MediaSource media, OutputStream out) throws IOException {
        MessageDigest sha256 = sha256();
        long copied = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = media.open(segment)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                copied += n;
                if (copied > segment.bytes()) {
                    throw new IOException("segment " + segment.file() + " holds more than the manifest's "
                            + segment.bytes() + " bytes");
                }
                sha256.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        if (copied != segment.bytes()) {
            throw new IOException("segment " + segment.file() + " holds " + copied + " bytes, the manifest says "
                    + segment.bytes());
        }
        if (!HexFormat.of().formatHex(sha256.digest()).equals(segment.sha256())) {
            throw new IOException("segment " + segment.file() + " does not match the manifest's SHA-256");
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }
}
