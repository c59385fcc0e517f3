package org.consilium.audit.verify;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import org.consilium.audit.recording.RecordingManifest;

/**
 * The words of {@code verify-recording}. Ids, times, file names and lengths only: never
 * a participant's display name (the manifest holds them; the terminal need not).
 */
final class RecordingReportPrinter {

    private RecordingReportPrinter() {
    }

    static void print(Path bundle, BundleReport report, ECPublicKey key, String fingerprint, PrintStream out) {
        out.println("Consilium recording export " + bundle);
        report.manifest().ifPresent(m -> describe(m, report.signatureValid(), out));
        out.println("  public key:  SHA-256 " + fingerprint + " (of its DER encoding; key id "
                + RecordingBundleVerifier.keyId(key) + ")");
        out.println("  signature:   " + (report.signatureValid() ? "valid" : "NOT VALID"));
        for (BundleReport.SegmentCheck segment : report.segments()) {
            out.println("  " + (segment.problem().isEmpty() ? "ok      " : "FAILED  ") + segment.file() + "  "
                    + segment.bytes() + " bytes, " + (segment.complete() ? "complete" : "cut short")
                    + segment.problem().map(p -> ": " + p).orElse(""));
        }
        if (report.verified()) {
            out.println("RESULT: VERIFIED");
        } else {
            out.println("RESULT: FAILED: the recording export was altered or is incomplete");
            for (String problem : report.problems()) {
                out.println("  - " + problem);
            }
        }
        for (String warning : report.warnings()) {
            out.println("warning: " + warning);
        }
    }

    private static void describe(RecordingManifest m, boolean authentic, PrintStream out) {
        out.println("  recording:   " + m.recordingId() + " (visit " + m.visitId() + ", room " + m.roomId() + ")"
                + (authentic ? "" : "  [as the unverified manifest says]"));
        out.println("  period:      " + m.startedAt() + " to " + m.stoppedAt() + ", stopped: " + m.stopReason().wireName());
        out.println("  contents:    " + m.participants().size() + " participants, " + m.segments().size()
                + " segments; signed by " + m.signingKeyId());
    }
}
