package org.consilium.audit.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.consilium.audit.recording.ManifestJson;
import org.consilium.audit.recording.RecordingBundle;
import org.consilium.audit.recording.RecordingManifest;
import org.consilium.audit.recording.Segment;
import org.consilium.audit.recording.SegmentKind;
import org.consilium.audit.recording.SignedManifest;
import org.consilium.audit.testing.TestChain;
import org.consilium.audit.testing.TestRecordings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recording export verifies as written, and any change to it, however small, fails with a reason. */
class RecordingBundleVerifierTest {

    private static final KeyPair KEYS = TestChain.newKeyPair();
    private static final KeyPair OTHER = TestChain.newKeyPair();

    @TempDir
    Path dir;

    private Path bundle;

    @BeforeEach
    void writeBundle() throws IOException {
        bundle = TestRecordings.bundle(dir.resolve("rec-8f3a"), KEYS);
    }

    @Test
    void aGoodBundleVerifies() throws IOException {
        BundleReport report = verify();
        assertTrue(report.verified(), report.problems().toString());
        assertTrue(report.signatureValid());
        assertEquals(3, report.segments().size());
        assertTrue(report.warnings().isEmpty(), report.warnings().toString());
        assertEquals("rec-8f3a", report.manifest().orElseThrow().recordingId());
        try (var files = Files.list(bundle)) {
            assertEquals(6, files.count());
        }
    }

    @Test
    void everyByteOfTheManifestIsCovered() throws IOException {
        byte[] json = Files.readAllBytes(bundle.resolve(RecordingBundle.MANIFEST));
        for (int at = 0; at < json.length; at++) {
            byte[] altered = json.clone();
            altered[at] ^= 0x01;
            Files.write(bundle.resolve(RecordingBundle.MANIFEST), altered);
            BundleReport report = verify();
            assertFalse(report.verified(), "byte " + at);
            assertFalse(report.signatureValid(), "byte " + at);
        }
    }

    @Test
    void aManifestEditedToMatchEditedMediaFails() throws IOException {
        // The forger's best move: change a file, then the manifest's hash of it. The signature stops it.
        Map<String, byte[]> media = TestRecordings.media();
        media.get("p2-camera-0.webm")[100] ^= 1;
        Files.write(bundle.resolve("p2-camera-0.webm"), media.get("p2-camera-0.webm"));
        Files.write(bundle.resolve(RecordingBundle.MANIFEST), ManifestJson.encode(TestRecordings.manifest(KEYS, media)));
        BundleReport report = verify();
        assertFalse(report.verified());
        assertEquals(1, report.problems().size(), report.problems().toString());
        assertTrue(report.problems().get(0).contains("not a valid signature"), report.problems().toString());
    }

    @Test
    void aWebmEditedByOneByteFails() throws IOException {
        for (String file : List.of("p1-camera-0.webm", "p1-screen-0.webm", "p2-camera-0.webm")) {
            Path path = bundle.resolve(file);
            byte[] original = Files.readAllBytes(path);
            for (int at : new int[] {0, original.length / 2, original.length - 1}) {
                byte[] altered = original.clone();
                altered[at] ^= (byte) 0x80;
                Files.write(path, altered);
                BundleReport report = verify();
                assertEquals(List.of(file + ": its content differs from the manifest's SHA-256"), report.problems());
                assertTrue(report.signatureValid());
            }
            Files.write(path, original);
        }
        Files.write(bundle.resolve("p1-screen-0.webm"), new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
        assertEquals(List.of("p1-screen-0.webm: holds 12346 bytes, the manifest says 12345"), verify().problems());
    }

    @Test
    void aMissingFileFails() throws IOException {
        Files.delete(bundle.resolve("p2-camera-0.webm"));
        assertEquals(List.of("p2-camera-0.webm: missing"), verify().problems());
        for (String fixed : RecordingBundle.FIXED_FILES) {
            Path again = TestRecordings.bundle(dir.resolve("again-" + fixed), KEYS);
            Files.delete(again.resolve(fixed));
            BundleReport report = RecordingBundleVerifier.verify(again, (ECPublicKey) KEYS.getPublic());
            assertFalse(report.verified(), fixed);
            assertTrue(report.problems().contains(fixed + " is missing"), report.problems().toString());
        }
    }

    @Test
    void anExtraFileOrDirectoryFails() throws IOException {
        Files.write(bundle.resolve("p3-camera-0.webm"), new byte[10]);
        assertEquals(List.of("p3-camera-0.webm is in the bundle but not listed in the manifest"), verify().problems());
        Files.delete(bundle.resolve("p3-camera-0.webm"));
        Files.createDirectory(bundle.resolve("extra"));
        assertEquals(List.of("extra is in the bundle but not listed in the manifest"), verify().problems());
        Files.delete(bundle.resolve("extra"));
        Files.write(bundle.resolve(".hidden"), new byte[0]);
        assertEquals(List.of(".hidden is in the bundle but not listed in the manifest"), verify().problems());
    }

    @Test
    void aSymbolicLinkIsNotAFile() throws IOException {
        Path outside = Files.write(dir.resolve("outside.webm"), Files.readAllBytes(bundle.resolve("p1-screen-0.webm")));
        Files.delete(bundle.resolve("p1-screen-0.webm"));
        Files.createSymbolicLink(bundle.resolve("p1-screen-0.webm"), outside);
        assertEquals(List.of("p1-screen-0.webm: not a regular file"), verify().problems());
    }

    @Test
    void aWrongCertificateFails() throws IOException {
        Files.writeString(bundle.resolve(RecordingBundle.CERTIFICATE), TestRecordings.certificatePem(OTHER));
        BundleReport report = verify();
        assertEquals(1, report.problems().size(), report.problems().toString());
        assertTrue(report.problems().get(0).startsWith("signing-certificate.pem holds another key"), report.problems().toString());

        Files.writeString(bundle.resolve(RecordingBundle.CERTIFICATE), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertEquals(List.of("signing-certificate.pem is not an X.509 certificate"), verify().problems());
    }

    /** A whole bundle made by someone else's key (certificate and all) fails against the pinned key. */
    @Test
    void aBundleSignedByAnotherKeyFails() throws IOException {
        Path forged = TestRecordings.bundle(dir.resolve("forged"), OTHER);
        BundleReport report = RecordingBundleVerifier.verify(forged, (ECPublicKey) KEYS.getPublic());
        assertFalse(report.verified());
        assertFalse(report.signatureValid());
        assertEquals(3, report.problems().size(), report.problems().toString());
        assertTrue(report.problems().get(2).startsWith("the manifest names signing key audit-p256-"), report.problems().toString());
        assertTrue(RecordingBundleVerifier.verify(forged, (ECPublicKey) OTHER.getPublic()).verified());
    }

    @Test
    void aForeignOrDamagedSignatureFails() throws IOException {
        byte[] signature = Files.readAllBytes(bundle.resolve(RecordingBundle.SIGNATURE));
        signature[signature.length - 1] ^= 1;
        Files.write(bundle.resolve(RecordingBundle.SIGNATURE), signature);
        assertFalse(verify().signatureValid());
        Files.write(bundle.resolve(RecordingBundle.SIGNATURE), new byte[2000]);
        assertTrue(verify().problems().contains("manifest.sig is longer than 1024 bytes"), verify().problems().toString());
    }

    @Test
    void aSegmentCutShortOrWithoutConsentIsAWarningNotAFailure() throws IOException {
        Map<String, byte[]> media = TestRecordings.media();
        RecordingManifest full = TestRecordings.manifest(KEYS, media);
        Segment cut = TestRecordings.segment("p1-camera-0.webm", "p1", SegmentKind.CAMERA, 0, 600, media, false);
        Segment declined = new Segment("p3-camera-0.webm", "p3", SegmentKind.CAMERA, full.startedAt(),
                full.stoppedAt(), 0, TestRecordings.sha256(new byte[0]), true);
        media.put("p3-camera-0.webm", new byte[0]);
        RecordingManifest manifest = new RecordingManifest(full.recordingId(), full.roomId(), full.visitId(),
                full.startedAt(), full.stoppedAt(), full.stopReason(), full.signingKeyId(), full.participants(),
                List.of(cut, full.segments().get(1), full.segments().get(2), declined));
        Path other = dir.resolve("warned");
        RecordingBundle.writeDirectory(other, SignedManifest.sign(manifest, TestRecordings.signer(KEYS)),
                TestRecordings.certificatePem(KEYS), segment -> new ByteArrayInputStream(media.get(segment.file())));
        BundleReport report = RecordingBundleVerifier.verify(other, (ECPublicKey) KEYS.getPublic());
        assertTrue(report.verified(), report.problems().toString());
        assertEquals(2, report.warnings().size(), report.warnings().toString());
        assertTrue(report.warnings().get(0).startsWith("p1-camera-0.webm was cut short"), report.warnings().toString());
        assertTrue(report.warnings().get(1).startsWith("p3-camera-0.webm: no consent"), report.warnings().toString());
    }

    @Test
    void aLinkToTheBundleDirectoryIsFollowed() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link"), bundle);
        assertTrue(RecordingBundleVerifier.verify(link, (ECPublicKey) KEYS.getPublic()).verified());
    }

    @Test
    void notADirectoryOrNoSuchBundle() throws IOException {
        ECPublicKey key = (ECPublicKey) KEYS.getPublic();
        assertThrows(NoSuchFileException.class, () -> RecordingBundleVerifier.verify(dir.resolve("nope"), key));
        Path file = Files.write(dir.resolve("export.zip"), new byte[10]);
        assertThrows(NotDirectoryException.class, () -> RecordingBundleVerifier.verify(file, key));
    }

    /** The download: a zip whose single folder, unpacked, is a bundle that verifies. */
    @Test
    void theZipUnpacksToAVerifiedBundle() throws IOException {
        Map<String, byte[]> media = TestRecordings.media();
        SignedManifest signed = SignedManifest.sign(TestRecordings.manifest(KEYS, media), TestRecordings.signer(KEYS));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        RecordingBundle.writeZip(zip, "recording-rec-8f3a", signed, TestRecordings.certificatePem(KEYS),
                segment -> new ByteArrayInputStream(media.get(segment.file())));
        Path unpacked = dir.resolve("unpacked");
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                names.add(entry.getName());
                Path target = unpacked.resolve(entry.getName());
                Files.createDirectories(target.getParent());
                Files.write(target, in.readAllBytes());
            }
        }
        assertEquals(List.of("recording-rec-8f3a/manifest.json", "recording-rec-8f3a/manifest.sig",
                "recording-rec-8f3a/signing-certificate.pem", "recording-rec-8f3a/p1-camera-0.webm",
                "recording-rec-8f3a/p1-screen-0.webm", "recording-rec-8f3a/p2-camera-0.webm"), names);
        BundleReport report = RecordingBundleVerifier.verify(unpacked.resolve("recording-rec-8f3a"),
                (ECPublicKey) KEYS.getPublic());
        assertTrue(report.verified(), report.problems().toString());
    }

    /** The appliance never hands out media that does not match what it signed. */
    @Test
    void theWritersRefuseMediaThatDoesNotMatchTheManifest() {
        Map<String, byte[]> media = TestRecordings.media();
        SignedManifest signed = SignedManifest.sign(TestRecordings.manifest(KEYS, media), TestRecordings.signer(KEYS));
        String pem = TestRecordings.certificatePem(KEYS);
        media.get("p1-screen-0.webm")[7] ^= 1;
        IOException e = assertThrows(IOException.class, () -> RecordingBundle.writeDirectory(dir.resolve("bad"), signed,
                pem, segment -> new ByteArrayInputStream(media.get(segment.file()))));
        assertTrue(e.getMessage().contains("p1-screen-0.webm does not match the manifest's SHA-256"), e.getMessage());
        e = assertThrows(IOException.class, () -> RecordingBundle.writeZip(new ByteArrayOutputStream(), "x", signed,
                pem, segment -> shortened(media.get(segment.file()))));
        assertTrue(e.getMessage().contains("p1-camera-0.webm holds 69999 bytes, the manifest says 70000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SignedManifest.sign(TestRecordings.manifest(KEYS, media),
                TestRecordings.signer(OTHER)), "the manifest names another key than the signer's");
    }

    private static InputStream shortened(byte[] bytes) {
        return new ByteArrayInputStream(bytes, 0, bytes.length - 1);
    }

    private BundleReport verify() throws IOException {
        return RecordingBundleVerifier.verify(bundle, (ECPublicKey) KEYS.getPublic());
    }
}
