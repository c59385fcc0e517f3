package org.consilium.videobridge.conference;

import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.sdp.PayloadFormat;

/**
 * What a recorder gets of one endpoint's media: each RTP packet of its declared sources as
 * it arrived, decrypted and authenticated (every layer of a simulcast source, each named by
 * its index), and its sender reports, which tie each stream's RTP timestamps to one clock so
 * that audio and video line up ({@link Endpoint#tap}). Nothing else: repair packets, RTCP
 * feedback and packets from undeclared SSRCs never reach it.
 *
 * <p>Both run on the bridge's media receive thread, for every packet: an implementation
 * copies what it keeps (the packet's buffer is reused once the call returns), hands any
 * real work (depacketizing, muxing, encrypting, writing) to a thread of its own, never
 * blocks, and never throws (what it throws is caught, counted and stops the tap: one
 * recorder must not cost anyone the call).
 */
public interface MediaTap {

    /** For a source sent as one stream: {@code layer} in {@link #rtp}. */
    int SINGLE_STREAM = IncomingStreams.SINGLE;

    /**
     * A media packet of {@code source}: the whole RTP packet (header, extensions, payload)
     * in {@code packet}, its format as the endpoint negotiated it (null for a payload type
     * it did not negotiate, or without SDP), and the publisher's
     * sequence number extended over wraps (the stream's or layer's own).
     *
     * @param layer the simulcast layer's index (lowest 0), or {@link #SINGLE_STREAM}
     */
    void rtp(MediaSource source, int layer, PayloadFormat format, MediaPacket packet, long extendedSequence,
             long arrivalNanos);

    /**
     * The publisher's sender report for a stream: its RTP timestamp {@code rtpTimestamp}
     * (unsigned 32 bits) was sampled at NTP time {@code ntp} (RFC 3550 §6.4.1, 64-bit fixed
     * point); the report arrived at {@code arrivalNanos} ({@link System#nanoTime()}).
     */
    void senderReport(MediaSource source, int layer, long ntp, long rtpTimestamp, long arrivalNanos);
}
