package org.consilium.audit.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.consilium.audit.recording.ManifestFormatException;
import org.consilium.audit.recording.ManifestJson;
import org.consilium.audit.recording.RecordingBundle;
import org.consilium.audit.recording.RecordingManifest;
import org.consilium.audit.recording.Segment;
import org.consilium.audit.recording.SignedManifest;

/**
 * Checks a recording export directory ({@link RecordingBundle}) against the appliance's
 * pinned public key: the certificate holds that key, manifest.sig is its signature over
 * manifest.json, the manifest is canonical and names that key, every listed segment is
 * there with its length and SHA-256, and nothing else is. It goes on after a problem so
 * the report lists them all, but nothing in an unsigned manifest is trusted for the verdict.
 *
 * <p>The certificate in the bundle is self-signed, so it proves nothing alone (anyone can
 * make one): trust comes from the public key the auditor pins, as for audit exports.
 */
public final class RecordingBundleVerifier {

    private static final long MAX_CERTIFICATE_BYTES = 64 * 1024;
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final Path directory;
    private final ECPublicKey pinned;
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private RecordingBundleVerifier(Path directory, ECPublicKey pinned) {
        this.directory = directory;
        this.pinned = pinned;
    }

    /**
     * @throws NoSuchFileException if {@code directory} does not exist
     * @throws NotDirectoryException if it is not a directory (say, the zip not unpacked)
     * @throws IOException if a file cannot be read
     */
    public static BundleReport verify(Path directory, ECPublicKey pinned) throws IOException {
        if (pinned == null) {
            throw new IllegalArgumentException("the verifier needs the appliance's public key");
        }
        // The directory itself may be reached through a link (the auditor's choice); its contents may not.
        if (!Files.exists(directory)) {
            throw new NoSuchFileException(directory.toString());
        }
        if (!Files.isDirectory(directory)) {
            throw new NotDirectoryException(directory.toString());
        }
        return new RecordingBundleVerifier(directory, pinned).run();
    }

    /** {@code audit-p256-} and the first 8 bytes of the SHA-256 of the key's DER, as {@code AuditSigner.keyId()}. */
    public static String keyId(ECPublicKey key) {
        return "audit-p256-" + HexFormat.of().formatHex(sha256().digest(key.getEncoded()), 0, 8);
    }

    private BundleReport run() throws IOException {
        byte[] json = fixedFile(RecordingBundle.MANIFEST, ManifestJson.MAX_BYTES);
        byte[] signature = fixedFile(RecordingBundle.SIGNATURE, SignedManifest.MAX_SIGNATURE_LENGTH);
        byte[] certificate = fixedFile(RecordingBundle.CERTIFICATE, MAX_CERTIFICATE_BYTES);
        if (certificate != null) {
            checkCertificate(certificate);
        }
        boolean signatureValid = false;
        if (json != null && signature != null) {
            signatureValid = new SignedManifest(json, signature).verify(pinned);
            if (!signatureValid) {
                problems.add(RecordingBundle.SIGNATURE + " is not a valid signature of " + RecordingBundle.MANIFEST
                        + " by the pinned key: the manifest or its signature was altered, or another key signed it");
            }
        }
        Optional<RecordingManifest> manifest = Optional.empty();
        if (json != null) {
            try {
                manifest = Optional.of(ManifestJson.decode(json));
            } catch (ManifestFormatException e) {
                problems.add(RecordingBundle.MANIFEST + " is not a valid manifest: " + e.getMessage());
            }
        }
        List<BundleReport.SegmentCheck> segments = new ArrayList<>();
        Set<String> listed = new HashSet<>(RecordingBundle.FIXED_FILES);
        if (manifest.isPresent()) {
            RecordingManifest m = manifest.get();
            if (!m.signingKeyId().equals(keyId(pinned))) {
                problems.add("the manifest names signing key " + m.signingKeyId() + ", the pinned key is " + keyId(pinned));
            }
            for (Segment segment : m.segments()) {
                listed.add(segment.file());
                segments.add(checkSegment(segment));
                if (!segment.complete()) {
                    warnings.add(segment.file() + " was cut short (the recording stopped: " + m.stopReason().wireName()
                            + "); it holds what was written up to its last complete chunk");
                }
                if (!m.segmentCoveredByConsent(segment)) {
                    warnings.add(segment.file() + ": no consent of its participant is on record at its start");
                }
            }
        }
        checkNothingElse(listed);
        return new BundleReport(manifest, signatureValid, segments, problems, warnings);
    }

    /** The file's bytes, or null (and a problem) if it is missing, not a plain file, or too long. */
    private byte[] fixedFile(String name, long maxBytes) throws IOException {
        Path file = directory.resolve(name);
        if (!Files.exists(file, NOFOLLOW)) {
            problems.add(name + " is missing");
            return null;
        }
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW);
        if (!attributes.isRegularFile()) {
            problems.add(name + " is not a regular file");
            return null;
        }
        if (attributes.size() > maxBytes) {
            problems.add(name + " is longer than " + maxBytes + " bytes");
            return null;
        }
        return Files.readAllBytes(file);
    }

    private void checkCertificate(byte[] pem) {
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem));
        } catch (GeneralSecurityException | RuntimeException e) {
            problems.add(RecordingBundle.CERTIFICATE + " is not an X.509 certificate");
            return;
        }
        byte[] key = certificate.getPublicKey().getEncoded();
        if (!Arrays.equals(key, pinned.getEncoded())) {
            problems.add(RecordingBundle.CERTIFICATE + " holds another key (SHA-256 " + hex(sha256().digest(key))
                    + ") than the pinned one");
        }
    }

    private BundleReport.SegmentCheck checkSegment(Segment segment) throws IOException {
        Path file = directory.resolve(segment.file());
        String problem = null;
        if (!Files.exists(file, NOFOLLOW)) {
            problem = "missing";
        } else if (!Files.isRegularFile(file, NOFOLLOW)) {
            problem = "not a regular file";
        } else if (Files.size(file) != segment.bytes()) {
            problem = "holds " + Files.size(file) + " bytes, the manifest says " + segment.bytes();
        } else if (!hex(digest(file)).equals(segment.sha256())) {
            problem = "its content differs from the manifest's SHA-256";
        }
        if (problem != null) {
            problems.add(segment.file() + ": " + problem);
        }
        return new BundleReport.SegmentCheck(segment.file(), segment.bytes(), segment.complete(),
                Optional.ofNullable(problem));
    }

    private void checkNothingElse(Set<String> listed) throws IOException {
        Set<String> extra = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!listed.contains(name)) {
                    extra.add(name);
                }
            }
        }
        for (String name : extra) {
            problems.add(name + " is in the bundle but not listed in the manifest");
        }
    }

    private static byte[] digest(Path file) throws IOException {
        MessageDigest sha256 = sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file, NOFOLLOW)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                sha256.update(buffer, 0, n);
            }
        }
        return sha256.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
