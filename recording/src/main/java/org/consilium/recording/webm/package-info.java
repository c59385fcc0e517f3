/**
 * A small streaming WebM (Matroska subset) muxer: EBML element encoding, the header with an
 * Opus and a VP8 track, and size-prefixed clusters of SimpleBlocks under a Segment of unknown
 * size, appended one whole cluster at a time so that a file cut off anywhere is readable up
 * to its last complete cluster. No seeking back: the sink may be an encrypting stream.
 */
package org.consilium.recording.webm;
