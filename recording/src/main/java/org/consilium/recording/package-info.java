/**
 * One participant's recording: the entry point the bridge's tap calls per decrypted RTP
 * packet and per RTCP sender report, on its media thread, and the writer thread behind a
 * bounded queue that turns those packets into one WebM file (Opus and VP8, no transcoding).
 * The media thread only copies and enqueues; a full queue drops and counts, never blocks.
 */
package org.consilium.recording;
