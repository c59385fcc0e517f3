package org.consilium.audit.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.consilium.audit.recording.Consent;
import org.consilium.audit.recording.ConsentDecision;
import org.consilium.audit.recording.ManifestSigner;
import org.consilium.audit.recording.Participant;
import org.consilium.audit.recording.RecordingBundle;
import org.consilium.audit.recording.RecordingManifest;
import org.consilium.audit.recording.Segment;
import org.consilium.audit.recording.SegmentKind;
import org.consilium.audit.recording.SignedManifest;
import org.consilium.audit.recording.StopReason;
import org.consilium.audit.verify.RecordingBundleVerifier;

/**
 * A recording of three participants as the server would describe it (two consented, one
 * declined), its media (random bytes standing in for WebM), signed with a real P-256 key
 * like the HSM's, with the self-signed certificate the token keeps beside that key.
 */
public final class TestRecordings {

    public static final Instant START = Instant.parse("2026-12-07T09:00:00.250Z");
    public static final String NOTICE_SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    /** PHI-adjacent, so the verifier must never print it. */
    public static final String GUEST_NAME = "Jane \"JR\" Roe\u2028(patient) \uD83D\uDE00";

    private TestRecordings() {
    }

    /** File name → content, in manifest order. */
    public static Map<String, byte[]> media() {
        Map<String, byte[]> media = new LinkedHashMap<>();
        media.put("p1-camera-0.webm", random(70_000, 1));
        media.put("p1-screen-0.webm", random(12_345, 2));
        media.put("p2-camera-0.webm", random(33_000, 3));
        return media;
    }

    public static RecordingManifest manifest(KeyPair keys, Map<String, byte[]> media) {
        String keyId = RecordingBundleVerifier.keyId((ECPublicKey) keys.getPublic());
        Participant host = new Participant("p1", "host", "Dr. A. Smith", List.of(
                new Consent(ConsentDecision.CONSENTED, START.minusSeconds(20), "3", NOTICE_SHA256)));
        Participant guest = new Participant("p2", "guest", GUEST_NAME, List.of(
                new Consent(ConsentDecision.CONSENTED, START.plusSeconds(4), "3", NOTICE_SHA256)));
        Participant declined = new Participant("p3", "clinician", "Dr. B. Jones", List.of(
                new Consent(ConsentDecision.DECLINED, START.plusSeconds(3), "3", NOTICE_SHA256)));
        return new RecordingManifest("rec-8f3a", "room-42", "visit-1187", START, START.plusSeconds(600),
                StopReason.CALL_ENDED, keyId, List.of(host, guest, declined), List.of(
                        segment("p1-camera-0.webm", "p1", SegmentKind.CAMERA, 0, 600, media, true),
                        segment("p1-screen-0.webm", "p1", SegmentKind.SCREEN, 60, 120, media, true),
                        segment("p2-camera-0.webm", "p2", SegmentKind.CAMERA, 5, 600, media, true)));
    }

    public static Segment segment(String file, String participant, SegmentKind kind, long from, long to,
            Map<String, byte[]> media, boolean complete) {
        byte[] bytes = media.get(file);
        return new Segment(file, participant, kind, START.plusSeconds(from), START.plusSeconds(to), bytes.length,
                sha256(bytes), complete);
    }

    public static ManifestSigner signer(KeyPair keys) {
        return ManifestSigner.of(RecordingBundleVerifier.keyId((ECPublicKey) keys.getPublic()),
                TestChain.signer(keys.getPrivate()));
    }

    /** Writes a good bundle into {@code directory} (created). */
    public static Path bundle(Path directory, KeyPair keys) throws IOException {
        Map<String, byte[]> media = media();
        SignedManifest signed = SignedManifest.sign(manifest(keys, media), signer(keys));
        RecordingBundle.writeDirectory(directory, signed, certificatePem(keys),
                segment -> new ByteArrayInputStream(media.get(segment.file())));
        return directory;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** A self-signed X.509 v3 certificate for {@code keys}, as PEM: what the token stores beside the key. */
    public static String certificatePem(KeyPair keys) {
        try {
            byte[] algorithm = sequence(new byte[] {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x02});
            byte[] cn = "consilium-audit-signing".getBytes(StandardCharsets.UTF_8);
            byte[] name = sequence(tagged(0x31, sequence(new byte[] {0x06, 0x03, 0x55, 0x04, 0x03}, tagged(0x0c, cn))));
            byte[] tbs = sequence(tagged(0xa0, tagged(0x02, new byte[] {2})), tagged(0x02, BigInteger.valueOf(42).toByteArray()),
                    algorithm, name,
                    sequence(tagged(0x17, "261207090000Z".getBytes(StandardCharsets.US_ASCII)),
                            tagged(0x18, "99991231235959Z".getBytes(StandardCharsets.US_ASCII))),
                    name, keys.getPublic().getEncoded());
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] bits = new byte[signature.length + 1];
            System.arraycopy(signature, 0, bits, 1, signature.length);
            byte[] der = sequence(tbs, algorithm, tagged(0x03, bits));
            X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            parsed.verify(keys.getPublic());
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sequence(byte[]... parts) {
        return tagged(0x30, parts);
    }

    private static byte[] tagged(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.size();
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}
