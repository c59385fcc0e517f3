/**
 * The signed manifest of a recording and its export bundle. A
 * {@link org.consilium.audit.recording.RecordingManifest} lists what a recording holds
 * (participants, their consents, and each segment's length and SHA-256);
 * {@link org.consilium.audit.recording.ManifestJson} gives it one canonical JSON encoding,
 * which the appliance's audit signing key signs ({@link org.consilium.audit.recording.SignedManifest});
 * {@link org.consilium.audit.recording.RecordingBundle} writes the export (manifest, signature,
 * certificate, decrypted WebM files) that {@code verify-recording} checks offline. Format:
 * docs/audit.md, "Recording manifests".
 */
package org.consilium.audit.recording;
