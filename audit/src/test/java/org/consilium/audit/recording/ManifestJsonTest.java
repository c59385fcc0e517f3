package org.consilium.audit.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.consilium.audit.testing.TestChain;
import org.consilium.audit.testing.TestRecordings;
import org.junit.jupiter.api.Test;

/** The manifest has exactly one encoding, and the parser accepts nothing else. */
class ManifestJsonTest {

    private static final KeyPair KEYS = TestChain.newKeyPair();
    private static final String H = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    /** The test vector of docs/audit.md: anyone writing their own verifier can check against it. */
    static final String SMALL = "{\"type\":\"consilium-recording-manifest\",\"version\":1,\"recording\":\"rec-1\","
            + "\"room\":\"room-7\",\"visit\":\"visit-3\",\"startedAt\":\"2026-12-07T09:00:00Z\","
            + "\"stoppedAt\":\"2026-12-07T09:10:00.500Z\",\"stopReason\":\"interrupted\","
            + "\"signingKeyId\":\"audit-p256-0011223344556677\",\"participants\":[{\"id\":\"p1\",\"role\":\"host\","
            + "\"displayName\":\"Dr. \\\"Who\\\"\\n\u00e9\",\"consents\":[{\"decision\":\"consented\","
            + "\"at\":\"2026-12-07T08:59:58Z\",\"noticeVersion\":\"3\",\"noticeSha256\":\"" + H + "\"}]}],"
            + "\"segments\":[{\"file\":\"p1-camera-0.webm\",\"participant\":\"p1\",\"kind\":\"camera\","
            + "\"startedAt\":\"2026-12-07T09:00:00Z\",\"stoppedAt\":\"2026-12-07T09:10:00.500Z\",\"bytes\":1048576,"
            + "\"sha256\":\"" + H + "\",\"complete\":false}]}";

    static RecordingManifest small() {
        Instant start = Instant.parse("2026-12-07T09:00:00Z");
        Instant stop = Instant.parse("2026-12-07T09:10:00.5Z");
        return new RecordingManifest("rec-1", "room-7", "visit-3", start, stop, StopReason.INTERRUPTED,
                "audit-p256-0011223344556677",
                List.of(new Participant("p1", "host", "Dr. \"Who\"\n\u00e9", List.of(new Consent(
                        ConsentDecision.CONSENTED, Instant.parse("2026-12-07T08:59:58Z"), "3", H)))),
                List.of(new Segment("p1-camera-0.webm", "p1", SegmentKind.CAMERA, start, stop, 1 << 20, H, false)));
    }

    @Test
    void theEncodingIsFixed() throws Exception {
        byte[] encoded = ManifestJson.encode(small());
        assertEquals(SMALL, new String(encoded, StandardCharsets.UTF_8));
        assertEquals(small(), ManifestJson.decode(SMALL.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void roundTripsEveryField() throws Exception {
        RecordingManifest manifest = TestRecordings.manifest(KEYS, TestRecordings.media());
        byte[] encoded = ManifestJson.encode(manifest);
        assertEquals(manifest, ManifestJson.decode(encoded));
        assertArrayEquals(encoded, ManifestJson.encode(ManifestJson.decode(encoded)));
        String text = new String(encoded, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"displayName\":\"Jane \\\"JR\\\" Roe\\u2028(patient) \uD83D\uDE00\""), text);
        for (StopReason reason : StopReason.values()) {
            RecordingManifest other = new RecordingManifest(manifest.recordingId(), manifest.roomId(),
                    manifest.visitId(), manifest.startedAt(), manifest.stoppedAt(), reason, manifest.signingKeyId(),
                    manifest.participants(), manifest.segments());
            assertEquals(other, ManifestJson.decode(ManifestJson.encode(other)));
        }
        assertEquals(List.of("stopped-by-host", "call-ended", "storage-full", "write-failed", "server-stopped",
                "interrupted"), List.of(StopReason.values()).stream().map(StopReason::wireName).toList());
    }

    @Test
    void duplicateKeysTrailingGarbageAndWhitespaceAreRefused() {
        refused("duplicate member \"room\"", SMALL.replace("\"room\":\"room-7\",", "\"room\":\"room-7\",\"room\":\"room-7\","));
        refused("duplicate member \"id\"", SMALL.replace("\"id\":\"p1\",", "\"id\":\"p1\",\"id\":\"p1\","));
        refused("unexpected text after the end", SMALL + " ");
        refused("unexpected text after the end", SMALL + "\n");
        refused("unexpected text after the end", SMALL + "{}");
        refused("unexpected text after the end", SMALL + "x");
        refused("whitespace is not allowed", " " + SMALL);
        refused("whitespace is not allowed", SMALL.replace("\"version\":1", "\"version\": 1"));
        refused("unexpected end", SMALL.substring(0, SMALL.length() - 1));
        refused("unexpected end", "");
    }

    @Test
    void otherSpellingsOfTheSameContentAreRefused() {
        refused("not in canonical form", SMALL.replace("09:10:00.500Z", "09:10:00.5Z"));
        refused("not in canonical form", SMALL.replace("\"rec-1\"", "\"rec\\u002d1\""));
        refused("not in canonical form", SMALL.replace("\"rec-1\"", "\"rec\\/1\"").replace("rec-1", "rec/1"));
        refused("not in canonical form", SMALL.replace("\\n", "\\u000a"));
        refused("not in canonical form", SMALL.replace("\"room\":\"room-7\",\"visit\":\"visit-3\"",
                "\"visit\":\"visit-3\",\"room\":\"room-7\""));
    }

    @Test
    void otherValuesAndShapesAreRefused() {
        refused("unexpected member \"extra\"", SMALL.replace("\"version\":1,", "\"version\":1,\"extra\":\"x\","));
        refused("lacks the member \"visit\"", SMALL.replace("\"visit\":\"visit-3\",", ""));
        refused("version 2 is not supported", SMALL.replace("\"version\":1", "\"version\":2"));
        refused("not a recording manifest", SMALL.replace("consilium-recording-manifest", "consilium-audit-export"));
        refused("only integers", SMALL.replace("\"bytes\":1048576", "\"bytes\":1048576.0"));
        refused("only integers", SMALL.replace("\"bytes\":1048576", "\"bytes\":1e6"));
        refused("leading zero", SMALL.replace("\"bytes\":1048576", "\"bytes\":01048576"));
        refused("must not be negative", SMALL.replace("\"bytes\":1048576", "\"bytes\":-1"));
        refused("integer out of range", SMALL.replace("\"bytes\":1048576", "\"bytes\":99999999999999999999"));
        refused("\"bytes\" must be an integer", SMALL.replace("\"bytes\":1048576", "\"bytes\":\"1048576\""));
        refused("\"complete\" must be true or false", SMALL.replace("\"complete\":false", "\"complete\":0"));
        refused("null is not allowed", SMALL.replace("\"room\":\"room-7\"", "\"room\":null"));
        refused("stopReason has an unknown value", SMALL.replace("\"interrupted\"", "\"crashed\""));
        refused("kind has an unknown value", SMALL.replace("\"camera\"", "\"CAMERA\""));
        refused("decision has an unknown value", SMALL.replace("\"consented\"", "\"yes\""));
        refused("ISO-8601 instant", SMALL.replace("2026-12-07T09:00:00Z\",\"stoppedAt\":\"2026-12-07T09:10:00.500Z\",\"stopReason",
                "yesterday\",\"stoppedAt\":\"2026-12-07T09:10:00.500Z\",\"stopReason"));
        refused("SHA-256 in 64 lower-case hex", SMALL.replace(H + "\",\"complete\"", H.toUpperCase() + "\",\"complete\""));
        refused("plain name ending in .webm", SMALL.replace("p1-camera-0.webm", "../p1-camera-0.webm"));
        refused("plain name ending in .webm", SMALL.replace("p1-camera-0.webm", "manifest.json"));
        refused("names no listed participant", SMALL.replace("\"participant\":\"p1\"", "\"participant\":\"p9\""));
        refused("stops before it starts", SMALL.replace("\"stoppedAt\":\"2026-12-07T09:10:00.500Z\",\"stopReason\"",
                "\"stoppedAt\":\"2026-12-07T08:10:00.500Z\",\"stopReason\""));
        refused("unpaired surrogate", SMALL.replace("Dr. ", "Dr. \\ud800"));
        refused("raw control character", SMALL.replace("Dr. ", "Dr.\t"));
        refused("invalid escape", SMALL.replace("Dr. ", "Dr.\\x"));
        refused("must be a JSON object", "[]");
        refused("nested deeper", "[".repeat(20) + "]".repeat(20));
        ManifestFormatException e = assertThrows(ManifestFormatException.class,
                () -> ManifestJson.decode(new byte[] {'{', '"', (byte) 0xc3, '"'}));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    @Test
    void theManifestChecksItsOwnConsistency() {
        RecordingManifest m = small();
        Segment segment = m.segments().get(0);
        assertThrows(IllegalArgumentException.class, () -> new RecordingManifest(m.recordingId(), m.roomId(),
                m.visitId(), m.startedAt(), m.stoppedAt(), m.stopReason(), m.signingKeyId(), m.participants(),
                List.of(segment, segment)));
        Segment upperCase = new Segment("P1-CAMERA-0.webm", "p1", SegmentKind.SCREEN, m.startedAt(), m.stoppedAt(), 0, H, true);
        assertThrows(IllegalArgumentException.class, () -> new RecordingManifest(m.recordingId(), m.roomId(),
                m.visitId(), m.startedAt(), m.stoppedAt(), m.stopReason(), m.signingKeyId(), m.participants(),
                List.of(segment, upperCase)), "one file on a case-insensitive file system");
        Participant p = m.participants().get(0);
        assertThrows(IllegalArgumentException.class, () -> new RecordingManifest(m.recordingId(), m.roomId(),
                m.visitId(), m.startedAt(), m.stoppedAt(), m.stopReason(), m.signingKeyId(), List.of(p, p), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Participant("p1", " ", "x", List.of()));
    }

    @Test
    void aChatSegmentIsJsonLinesAndRoundTrips() throws Exception {
        RecordingManifest m = small();
        Segment chat = new Segment("p1-chat-1.jsonl", "p1", SegmentKind.CHAT, m.startedAt(), m.stoppedAt(), 120, H, true);
        RecordingManifest withChat = new RecordingManifest(m.recordingId(), m.roomId(), m.visitId(), m.startedAt(),
                m.stoppedAt(), m.stopReason(), m.signingKeyId(), m.participants(),
                List.of(m.segments().get(0), chat));
        byte[] encoded = ManifestJson.encode(withChat);
        assertTrue(new String(encoded, StandardCharsets.UTF_8).contains("\"kind\":\"chat\""));
        assertEquals(withChat, ManifestJson.decode(encoded));
        assertThrows(IllegalArgumentException.class, () -> new Segment("p1-chat-1.webm", "p1", SegmentKind.CHAT,
                m.startedAt(), m.stoppedAt(), 0, H, true), "chat is not WebM");
        assertThrows(IllegalArgumentException.class, () -> new Segment("p1-camera-1.jsonl", "p1", SegmentKind.CAMERA,
                m.startedAt(), m.stoppedAt(), 0, H, true), "a camera is not text");
        refused("ending in .webm or .jsonl", new String(encoded, StandardCharsets.UTF_8).replace("p1-chat-1.jsonl", "p1-chat-1.txt"));
    }

    @Test
    void consentCoverageFollowsTheLatestDecisionBeforeTheSegment() {
        RecordingManifest m = TestRecordings.manifest(KEYS, TestRecordings.media());
        for (Segment segment : m.segments()) {
            assertTrue(m.segmentCoveredByConsent(segment), segment.file());
        }
        Instant t = TestRecordings.START;
        Participant withdrew = new Participant("p1", "host", "x", List.of(
                new Consent(ConsentDecision.CONSENTED, t, "3", H),
                new Consent(ConsentDecision.WITHDRAWN, t.plusSeconds(10), "3", H)));
        Segment before = new Segment("a.webm", "p1", SegmentKind.CAMERA, t.plusSeconds(1), t.plusSeconds(9), 0, H, true);
        Segment after = new Segment("b.webm", "p1", SegmentKind.CAMERA, t.plusSeconds(11), t.plusSeconds(12), 0, H, true);
        Segment early = new Segment("c.webm", "p1", SegmentKind.CAMERA, t.minusSeconds(1), t.plusSeconds(2), 0, H, true);
        RecordingManifest w = new RecordingManifest("r", "room", "v", t.minusSeconds(5), t.plusSeconds(20),
                StopReason.STOPPED_BY_HOST, "k", List.of(withdrew), List.of(before, after, early));
        assertTrue(w.segmentCoveredByConsent(before));
        assertFalse(w.segmentCoveredByConsent(after));
        assertFalse(w.segmentCoveredByConsent(early));
    }

    private static void refused(String fragment, String json) {
        ManifestFormatException e = assertThrows(ManifestFormatException.class,
                () -> ManifestJson.decode(json.getBytes(StandardCharsets.UTF_8)), json);
        assertTrue(e.getMessage().contains(fragment), "expected \"" + fragment + "\", got: " + e.getMessage());
    }
}
