package org.consilium.application.recording;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.application.audit.CheckpointSigner;
import org.consilium.audit.recording.RecordingBundle;
import org.consilium.audit.recording.SignedManifest;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.audit.AuditOutcome;
import org.consilium.domain.recording.RecordingId;
import org.consilium.domain.recording.RecordingRepository;

/**
 * One recording's export (issue 22, item 7): a zip holding a folder with the decrypted WebM
 * files and chat files (JSON Lines), the manifest (times, participants with every consent answer, each file's length,
 * SHA-256 and whether it is complete) signed by the appliance's HSM key, and that key's
 * certificate; the offline verifier checks it ({@code verify-recording}, docs/audit.md).
 * The manifest is the one signed when the recording stopped ({@link RecordingManifests}); the
 * bundle's writer checks every file's length and hash against it while copying, so a file
 * changed since fails the export instead of leaving in a bundle that does not verify.
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
    RecordingManifests manifests;

    @Inject
    AuditTrail audit;

    /** The bundle's folder and file name. */
    public static String folder(RecordingId id) {
        return "consilium-recording-" + id;
    }

    /**
     * Checks the caller's right and the recording's state: call before writing anything.
     * Returns the recording to {@link #write}, which audits the export once the recording
     * still matches its signed manifest (a refusal is audited with outcome failure).
     */
    public RecordingRepository.Stored authorize(Caller caller, RecordingId id) {
        RecordingRepository.Stored recording = library.playable(caller, id, "export-recording");
        if (recording.stoppedAt() == null) {
            throw new RecordingNotFound.StillRunning();
        }
        return recording;
    }

    /**
     * Writes the bundle of an authorized recording as a zip, with the manifest signed at its
     * stop ({@link RecordingManifests}); every file is checked against it as it is copied.
     */
    public void write(Caller caller, RecordingRepository.Stored recording, OutputStream out) throws IOException {
        SignedManifest signed;
        try {
            signed = manifests.forExport(recording);
        } catch (RecordingTampered tampered) {
            audit.record(exported(caller, recording).outcome(AuditOutcome.FAILURE)
                    .detail("reason", "manifest-mismatch").build());
            throw tampered;
        }
        audit.record(exported(caller, recording).build()); // before a byte leaves
        RecordingBundle.writeZip(out, folder(recording.id()), signed, signer.certificatePem(),
                segment -> open(recording.id(), segment.file() + ".csev"));
    }

    private static AuditEvent.Builder exported(Caller caller, RecordingRepository.Stored recording) {
        return AuditEvent.of(AuditAction.RECORDING_EXPORTED, caller.username(), caller.roleNames())
                .from(caller.clientAddress()).target(recording.id().auditTarget())
                .detail("files", Integer.toString(recording.tracks().size()));
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
