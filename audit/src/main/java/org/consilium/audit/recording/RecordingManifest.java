package org.consilium.audit.recording;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one recording holds, as the appliance signs it when the recording stops (S9). Ids
 * are opaque. {@code signingKeyId} names the audit signing key that signs it
 * ({@code AuditSigner.keyId()}), so a verifier can say which key it expected. Lists keep
 * the order given; the canonical JSON is {@link ManifestJson#encode}.
 *
 * <p>Checked here: every segment names a listed participant, participant ids and file
 * names are unique, nothing stops before it starts. Whether each segment is covered by a
 * consent is the verifier's report (the appliance must be able to sign what it did write).
 */
public record RecordingManifest(String recordingId, String roomId, String visitId, Instant startedAt,
        Instant stoppedAt, StopReason stopReason, String signingKeyId, List<Participant> participants,
        List<Segment> segments) {

    public static final String TYPE = "consilium-recording-manifest";
    public static final int VERSION = 1;

    public RecordingManifest {
        Fields.text(recordingId, "recordingId");
        Fields.text(roomId, "roomId");
        Fields.text(visitId, "visitId");
        Fields.instant(startedAt, "startedAt");
        Fields.instant(stoppedAt, "stoppedAt");
        Fields.ordered(startedAt, stoppedAt, "the recording");
        Fields.required(stopReason, "stopReason");
        Fields.text(signingKeyId, "signingKeyId");
        participants = Fields.list(participants, "participants");
        segments = Fields.list(segments, "segments");
        Set<String> ids = new HashSet<>();
        for (Participant participant : participants) {
            if (!ids.add(participant.id())) {
                throw new IllegalArgumentException("participant ids must be unique");
            }
        }
        Set<String> files = new HashSet<>();
        for (Segment segment : segments) {
            if (!ids.contains(segment.participant())) {
                throw new IllegalArgumentException("segment " + segment.file() + " names no listed participant");
            }
            // case-insensitive: two names differing in case are one file on some file systems
            if (!files.add(segment.file().toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("segment file " + segment.file() + " is listed twice");
            }
        }
    }

    /** Whether the segment's participant had consented when it started: their latest decision at or before it. */
    public boolean segmentCoveredByConsent(Segment segment) {
        for (Participant participant : participants) {
            if (participant.id().equals(segment.participant())) {
                ConsentDecision latest = null;
                Instant latestAt = null;
                for (Consent consent : participant.consents()) {
                    if (!consent.at().isAfter(segment.startedAt())
                            && (latestAt == null || !consent.at().isBefore(latestAt))) {
                        latest = consent.decision();
                        latestAt = consent.at();
                    }
                }
                return latest == ConsentDecision.CONSENTED;
            }
        }
        return false;
    }
}
