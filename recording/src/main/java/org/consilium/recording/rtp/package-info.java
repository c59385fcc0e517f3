/**
 * From RTP packets to whole encoded frames, on the writer thread: 16-bit sequence numbers and
 * 32-bit timestamps extended across their wrap, a reorder buffer that gives packets back in
 * sequence order (waiting a bounded time for a missing one), and the depacketizers of Opus
 * (RFC 7587: one frame per packet) and VP8 (RFC 7741: frames assembled across packets, and
 * none written after a loss until the next keyframe). Header reads reuse the bridge's
 * {@code org.consilium.videobridge.rtp}.
 */
package org.consilium.recording.rtp;
