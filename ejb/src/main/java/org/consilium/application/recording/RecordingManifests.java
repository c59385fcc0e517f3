package org.consilium.application.recording;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.audit.CheckpointSigner;
import org.consilium.audit.recording.Consent;
import org.consilium.audit.recording.ConsentDecision;
import org.consilium.audit.recording.ManifestFormatException;
import org.consilium.audit.recording.ManifestSigner;
import org.consilium.audit.recording.Participant;
import org.consilium.audit.recording.RecordingManifest;
import org.consilium.audit.recording.Segment;
import org.consilium.audit.recording.SegmentKind;
import org.consilium.audit.recording.SignedManifest;
import org.consilium.audit.recording.StopReason;
import org.consilium.audit.verify.PublicKeyPem;
import org.consilium.domain.recording.RecordingId;
import org.consilium.domain.recording.RecordingRepository;

/**
 * A recording's manifest (times, participants with every consent answer, each file's length,
 * SHA-256 and completeness), signed by the appliance's audit key in the HSM when the recording
 * stops and kept with it (requirement S9: a recording, not only its export, carries hashes and
 * a signature). The export hands out those bytes: a consent row or a file changed afterwards
 * no longer matches them, and the export refuses rather than sign the change. A recording whose
 * manifest could not be signed at its stop (the HSM was away) is signed at its export instead,
 * from its files read back.
 */
@ApplicationScoped
public class RecordingManifests {

    private static final Logger LOG = Logger.getLogger(RecordingManifests.class.getName());

    @Inject
    RecordingRepository recordings;

    @Inject
    RecordingStorage storage;

    @Inject
    CheckpointSigner signer;

    /**
     * Signs and keeps the manifest of a stopped recording. Complete files are described by
     * what their writer recorded; a file cut short is read back to its last whole chunk, so
     * the manifest says exactly what is readable. Never throws: a failure is logged, and the
     * export signs it later.
     */
    public void sign(RecordingId id) {
        try {
            Optional<RecordingRepository.Stored> recording = recordings.find(id);
            if (recording.isEmpty() || recording.get().stoppedAt() == null || recording.get().shredded()) {
                return;
            }
            List<Segment> segments = new ArrayList<>();
            for (RecordingRepository.Track track : recording.get().tracks()) {
                segments.add(track.complete() ? segment(track, track.plaintextBytes(), track.sha256(), true)
                        : readBack(id, track));
            }
            SignedManifest signed = signed(recording.get(), segments);
            recordings.signed(id, new RecordingRepository.SignedManifest(signed.json(), signed.signature()));
        } catch (IOException | RuntimeException failed) {
            LOG.log(Level.WARNING, "Recording {0}: its manifest could not be signed at its stop ({1}); it is signed at export",
                    new Object[] {id, failed.getClass().getName()});
        }
    }

    /**
     * The signed manifest to export: the one signed at the stop, if its signature (by this
     * appliance's key) holds and it still describes the recording's records; otherwise, for a
     * recording never signed, one signed now from its files read back.
     *
     * @throws RecordingTampered when the kept manifest no longer matches the recording (a record was changed)
     */
    SignedManifest forExport(RecordingRepository.Stored recording) throws IOException {
        Optional<RecordingRepository.SignedManifest> kept = recordings.signedManifest(recording.id());
        if (kept.isEmpty()) {
            List<Segment> segments = new ArrayList<>();
            for (RecordingRepository.Track track : recording.tracks()) {
                segments.add(readBack(recording.id(), track));
            }
            return signed(recording, segments);
        }
        SignedManifest signed = new SignedManifest(kept.get().json(), kept.get().signature());
        RecordingManifest manifest;
        try {
            manifest = signed.manifest();
        } catch (ManifestFormatException unreadable) {
            throw new RecordingTampered("the kept manifest does not decode");
        }
        if (manifest.signingKeyId().equals(signer.keyId()) && !signed.verify(PublicKeyPem.parse(signer.publicKeyPem()))) {
            throw new RecordingTampered("its signature does not hold");
        }
        RecordingManifest fromRecords = manifest(recording, manifest.signingKeyId(), manifest.segments());
        if (!fromRecords.participants().equals(manifest.participants()) || !sameFiles(recording, manifest)) {
            throw new RecordingTampered("its records were changed");
        }
        return signed;
    }

    private SignedManifest signed(RecordingRepository.Stored recording, List<Segment> segments) {
        ManifestSigner key = ManifestSigner.of(signer.keyId(), signer::sign);
        return SignedManifest.sign(manifest(recording, key.keyId(), segments), key);
    }

    private static boolean sameFiles(RecordingRepository.Stored recording, RecordingManifest manifest) {
        List<String> files = recording.tracks().stream().map(t -> t.fileName().replaceFirst("\\.csev$", "")).toList();
        return files.equals(manifest.segments().stream().map(Segment::file).toList());
    }

    private static RecordingManifest manifest(RecordingRepository.Stored recording, String keyId, List<Segment> segments) {
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

    private static Segment segment(RecordingRepository.Track track, long bytes, String sha256, boolean complete) {
        return new Segment(track.fileName().replaceFirst("\\.csev$", ""), track.participant(),
                SegmentKind.fromWireName(track.kind()), track.startedAt(), track.stoppedAt(), bytes, sha256, complete);
    }

    /** The file as it reads now, through its envelope: its length, SHA-256 and whether it is complete. */
    private Segment readBack(RecordingId id, RecordingRepository.Track track) throws IOException {
        ReadableContent content = ReadableContent.of(storage, id, track.fileName());
        return segment(track, content.bytes(), content.sha256(), content.complete());
    }
}
