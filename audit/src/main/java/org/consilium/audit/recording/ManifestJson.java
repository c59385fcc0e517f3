package org.consilium.audit.recording;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one byte encoding of a manifest, which is what gets signed: UTF-8 JSON, members in
 * the fixed order below, no whitespace, no trailing newline (docs/audit.md, "Recording
 * manifests"). {@link #decode} accepts exactly the bytes {@link #encode} produces: after a
 * strict parse it encodes the result again and requires the same bytes, so no other
 * spelling (escapes, fractions of instants, member order) can carry the same signature.
 */
public final class ManifestJson {

    /** Refused beyond this: a manifest of 1,000 segments is about 300 KB. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;

    private static final Set<String> TOP = Set.of("type", "version", "recording", "room", "visit", "startedAt",
            "stoppedAt", "stopReason", "signingKeyId", "participants", "segments");
    private static final Set<String> PARTICIPANT = Set.of("id", "role", "displayName", "consents");
    private static final Set<String> CONSENT = Set.of("decision", "at", "noticeVersion", "noticeSha256");
    private static final Set<String> SEGMENT = Set.of("file", "participant", "kind", "startedAt", "stoppedAt",
            "bytes", "sha256", "complete");

    private ManifestJson() {
    }

    public static byte[] encode(RecordingManifest manifest) {
        CanonicalJson json = new CanonicalJson().beginObject(null)
                .string("type", RecordingManifest.TYPE)
                .integer("version", RecordingManifest.VERSION)
                .string("recording", manifest.recordingId())
                .string("room", manifest.roomId())
                .string("visit", manifest.visitId())
                .instant("startedAt", manifest.startedAt())
                .instant("stoppedAt", manifest.stoppedAt())
                .string("stopReason", manifest.stopReason().wireName())
                .string("signingKeyId", manifest.signingKeyId())
                .beginArray("participants");
        for (Participant participant : manifest.participants()) {
            json.beginObject(null)
                    .string("id", participant.id())
                    .string("role", participant.role())
                    .string("displayName", participant.displayName())
                    .beginArray("consents");
            for (Consent consent : participant.consents()) {
                json.beginObject(null)
                        .string("decision", consent.decision().wireName())
                        .instant("at", consent.at())
                        .string("noticeVersion", consent.noticeVersion())
                        .string("noticeSha256", consent.noticeSha256())
                        .endObject();
            }
            json.endArray().endObject();
        }
        json.endArray().beginArray("segments");
        for (Segment segment : manifest.segments()) {
            json.beginObject(null)
                    .string("file", segment.file())
                    .string("participant", segment.participant())
                    .string("kind", segment.kind().wireName())
                    .instant("startedAt", segment.startedAt())
                    .instant("stoppedAt", segment.stoppedAt())
                    .integer("bytes", segment.bytes())
                    .string("sha256", segment.sha256())
                    .bool("complete", segment.complete())
                    .endObject();
        }
        json.endArray().endObject();
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws ManifestFormatException if {@code bytes} are not exactly a canonical version-1 manifest */
    public static RecordingManifest decode(byte[] bytes) throws ManifestFormatException {
        if (bytes.length > MAX_BYTES) {
            throw new ManifestFormatException("longer than " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ManifestFormatException("not valid UTF-8");
        }
        Object tree = StrictJson.parse(text);
        RecordingManifest manifest;
        try {
            manifest = manifest(object(tree, "the manifest", TOP));
        } catch (IllegalArgumentException e) {
            throw new ManifestFormatException(e.getMessage());
        }
        if (!Arrays.equals(bytes, encode(manifest))) {
            throw new ManifestFormatException("not in canonical form (member order, escapes or instants"
                    + " spelled otherwise than the format prescribes)");
        }
        return manifest;
    }

    private static RecordingManifest manifest(Map<String, Object> json) {
        if (!RecordingManifest.TYPE.equals(json.get("type"))) {
            throw new IllegalArgumentException("not a recording manifest (\"type\" must be \"" + RecordingManifest.TYPE + "\")");
        }
        if (!Long.valueOf(RecordingManifest.VERSION).equals(json.get("version"))) {
            throw new IllegalArgumentException("manifest version " + json.get("version")
                    + " is not supported (this verifier reads version " + RecordingManifest.VERSION + ")");
        }
        List<Participant> participants = new ArrayList<>();
        for (Object element : array(json, "participants")) {
            Map<String, Object> p = object(element, "a participant", PARTICIPANT);
            List<Consent> consents = new ArrayList<>();
            for (Object c : array(p, "consents")) {
                Map<String, Object> consent = object(c, "a consent", CONSENT);
                consents.add(new Consent(ConsentDecision.fromWireName(string(consent, "decision")),
                        instant(consent, "at"), string(consent, "noticeVersion"), string(consent, "noticeSha256")));
            }
            participants.add(new Participant(string(p, "id"), string(p, "role"), string(p, "displayName"), consents));
        }
        List<Segment> segments = new ArrayList<>();
        for (Object element : array(json, "segments")) {
            Map<String, Object> s = object(element, "a segment", SEGMENT);
            segments.add(new Segment(string(s, "file"), string(s, "participant"),
                    SegmentKind.fromWireName(string(s, "kind")), instant(s, "startedAt"), instant(s, "stoppedAt"),
                    integer(s, "bytes"), string(s, "sha256"), bool(s, "complete")));
        }
        return new RecordingManifest(string(json, "recording"), string(json, "room"), string(json, "visit"),
                instant(json, "startedAt"), instant(json, "stoppedAt"),
                StopReason.fromWireName(string(json, "stopReason")), string(json, "signingKeyId"),
                participants, segments);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what, Set<String> members) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(what + " must be a JSON object");
        }
        for (Object name : map.keySet()) {
            if (!members.contains(name)) {
                throw new IllegalArgumentException(what + " has an unexpected member \"" + name + "\"");
            }
        }
        for (String name : members) {
            if (!map.containsKey(name)) {
                throw new IllegalArgumentException(what + " lacks the member \"" + name + "\"");
            }
        }
        return (Map<String, Object>) map;
    }

    private static List<?> array(Map<String, Object> json, String name) {
        if (json.get(name) instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException("\"" + name + "\" must be an array");
    }

    private static String string(Map<String, Object> json, String name) {
        if (json.get(name) instanceof String value) {
            return value;
        }
        throw new IllegalArgumentException("\"" + name + "\" must be a string");
    }

    private static long integer(Map<String, Object> json, String name) {
        if (json.get(name) instanceof Long value) {
            return value;
        }
        throw new IllegalArgumentException("\"" + name + "\" must be an integer");
    }

    private static boolean bool(Map<String, Object> json, String name) {
        if (json.get(name) instanceof Boolean value) {
            return value;
        }
        throw new IllegalArgumentException("\"" + name + "\" must be true or false");
    }

    private static Instant instant(Map<String, Object> json, String name) {
        try {
            return Instant.parse(string(json, name));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("\"" + name + "\" must be an ISO-8601 instant in UTC");
        }
    }
}
