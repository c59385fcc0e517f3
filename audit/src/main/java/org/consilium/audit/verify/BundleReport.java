package org.consilium.audit.verify;

import java.util.List;
import java.util.Optional;
import org.consilium.audit.recording.RecordingManifest;

/**
 * What {@link RecordingBundleVerifier} found in a recording export.
 *
 * @param manifest the manifest, if it decoded (authentic only if {@link #verified()}, or at
 *     least {@code signatureValid})
 * @param signatureValid whether manifest.sig verifies over manifest.json with the pinned key
 * @param segments each listed segment's check, in manifest order
 * @param problems why the bundle fails; empty if it verified
 * @param warnings facts an auditor should see that are not tampering (a segment cut short by
 *     a crash, media without a consent on record)
 */
public record BundleReport(Optional<RecordingManifest> manifest, boolean signatureValid, List<SegmentCheck> segments,
        List<String> problems, List<String> warnings) {

    /** One segment file against its manifest entry; {@code problem} empty if it matched. */
    public record SegmentCheck(String file, long bytes, boolean complete, Optional<String> problem) {
    }

    public BundleReport {
        segments = List.copyOf(segments);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    public boolean verified() {
        return problems.isEmpty();
    }
}
