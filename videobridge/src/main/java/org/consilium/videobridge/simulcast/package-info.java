/**
 * Simulcast, seen from one receiver: which of a publisher's layers it gets
 * ({@link org.consilium.videobridge.simulcast.LayerSelector}), switching only on a keyframe of
 * the new layer, and the rewrite that makes every switch invisible to it: one SSRC,
 * contiguous sequence numbers, timestamps that keep time, VP8 picture IDs and TL0PICIDX
 * that go on by one. Receive thread only, like the rest of the packet path.
 */
package org.consilium.videobridge.simulcast;
