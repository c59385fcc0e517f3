/**
 * The export file: JSON lines, UTF-8, a header line then events and checkpoints in
 * sequence order ({@link org.consilium.audit.export.ExportWriter},
 * {@link org.consilium.audit.export.ExportReader}). The JSON code here handles exactly
 * the flat shapes of this format and refuses anything else; the format is in docs/audit.md.
 */
package org.consilium.audit.export;
