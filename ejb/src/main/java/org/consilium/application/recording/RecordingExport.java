package org.consilium.application.recording;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.application.audit.CheckpointSigner;
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
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.recording.RecordingId;
import org.consilium.domain.recording.RecordingRepository;

/**
 * One recording's export (issue 22, item 7): a zip holding a folder with the decrypted WebM
 * files and chat files (JSON Lines), the manifest (times, participants with every consent answer, each file's length,
 * SHA-256 and whether it is complete) signed by the appliance's HSM key, and that key's
 * certificate; the offline verifier checks it ({@code verify-recording}, docs/audit.md).
 * Each file's length and hash come from reading it back through its envelope, so the manifest
 * says exactly what the bundle holds; the bundle's writer checks them again while copying.
 * The room's owner and hosts only, as for playback; audited as {@code recording-exported}
 * before a byte leaves. Only a stopped recording is exported.
 */
@ApplicationScoped
public class RecordingExport {

    @Inject
    RecordingLibrary library;

    @Inject
    RecordingStorage storage;

    @Inject
    CheckpointSigner signer;

    @Inject
    AuditTrail audit;

    /** The bundle's folder and file name. */
    public static String folder(RecordingId id) {
        return "consilium-recording-" + id;
    }

    /**
     * Checks the caller's right and the recording's state, and audits: call before writing
     * anything. Returns the recording to {@link #write}.
     */
    public RecordingRepository.Stored authorize(Caller caller, RecordingId id) {
        RecordingRepository.Stored recording = library.playable(caller, id, "export-recording");
        if (recording.stoppedAt() == null) {
            throw new RecordingNotFound.StillRunning();
        }
        audit.record(AuditEvent.of(AuditAction.RECORDING_EXPORTED, caller.username(), caller.roleNames())
                .from(caller.clientAddress()).target(id.auditTarget())
                .detail("files", Integer.toString(recording.tracks().size())).build());
        return recording;
    }

    /** Writes the bundle of an authorized recording as a zip. */
    public void write(RecordingRepository.Stored recording, OutputStream out) throws IOException {
        ManifestSigner key = ManifestSigner.of(signer.keyId(), signer::sign);
        SignedManifest signed = SignedManifest.sign(manifest(recording, key.keyId()), key);
        RecordingBundle.writeZip(out, folder(recording.id()), signed, signer.certificatePem(),
                segment -> open(recording.id(), segment.file() + ".csev"));
    }

    private RecordingManifest manifest(RecordingRepository.Stored recording, String keyId) throws IOException {
        List<Segment> segments = new ArrayList<>();
        for (RecordingRepository.Track track : recording.tracks()) {
            segments.add(segment(recording.id(), track));
        }
        return new RecordingManifest(recording.id().toString(), recording.room().toString(),
                recording.visit().toString(), recording.startedAt(), recording.stoppedAt(),
                StopReason.valueOf(recording.stopReason().toUpperCase(Locale.ROOT).replace('-', '_')), keyId,
                participants(recording), segments);
    }

    /** Everyone who answered, with every answer in order; a file's owner always answered (they consented). */
    private static List<Participant> participants(RecordingRepository.Stored recording) {
        Map<String, List<RecordingRepository.Consent>> answers = new LinkedHashMap<>();
        recording.consents().forEach(c -> answers.computeIfAbsent(c.participant(), p -> new ArrayList<>()).add(c));
        List<Participant> participants = new ArrayList<>();
        answers.forEach((id, given) -> {
            RecordingRepository.Consent last = given.get(given.size() - 1);
            participants.add(new Participant(id, last.role(), last.displayName(), given.stream()
                    .map(c -> new Consent(decision(c.decision()), c.at(), Integer.toString(c.noticeVersion()),
                            c.noticeSha256())).toList()));
        });
        return participants;
    }

    private static ConsentDecision decision(org.consilium.domain.recording.ConsentDecision decision) {
        return switch (decision) {
            case GIVEN -> ConsentDecision.CONSENTED;
            case DECLINED -> ConsentDecision.DECLINED;
            case WITHDRAWN -> ConsentDecision.WITHDRAWN;
        };
    }

    private Segment segment(RecordingId id, RecordingRepository.Track track) throws IOException {
        try (RecordingStorage.PlaintextFile file = storage.open(id, track.fileName())) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(file.range(0, file.length()), sha256)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return new Segment(track.fileName().replaceFirst("\\.csev$", ""), track.participant(),
                    SegmentKind.fromWireName(track.kind()),
                    track.startedAt(), track.stoppedAt(), file.length(), HexFormat.of().formatHex(sha256.digest()),
                    file.complete());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    private InputStream open(RecordingId id, String fileName) throws IOException {
        RecordingStorage.PlaintextFile file = storage.open(id, fileName);
        InputStream range = file.range(0, file.length());
        return new java.io.FilterInputStream(range) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    file.close();
                }
            }
        };
    }
}
