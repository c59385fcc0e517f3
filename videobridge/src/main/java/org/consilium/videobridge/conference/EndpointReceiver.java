package org.consilium.videobridge.conference;

import java.util.concurrent.atomic.LongAdder;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.AudioLevel;
import org.consilium.videobridge.rtp.RtcpCompound;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.rtp.VideoPayload;
import org.consilium.videobridge.sdp.EndpointFormats;
import org.consilium.videobridge.srtp.SrtpOutcome;
import org.consilium.videobridge.srtp.SrtpTransformer;

/**
 * The receive path of one endpoint's SRTP, in order: copied out of the port's buffer (into
 * the packet last freed), decrypted, checked; RTCP then ends in {@link RtcpTermination};
 * RTP is accepted only from a declared SSRC, counted per stream and simulcast layer
 * ({@link IncomingStreams}), measured (a VP8 keyframe's height, the audio level for the
 * speaker ranking) and handed to the conference to forward; a video stream's cache keeps
 * it for NACKs. Its own class so the path in reads top to bottom; receive thread only.
 */
final class EndpointReceiver {

    private final Endpoint endpoint;
    private final Conference conference;
    private final IncomingStreams incoming;
    private final RtcpTermination rtcp;
    private final EndpointDrops drops;
    private final EndpointTap tap;
    private final LongAdder packetsReceived = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    /** A received packet nobody holds any more, for the next datagram's copy (receive thread only). */
    private MediaPacket reusable;

    EndpointReceiver(Endpoint endpoint, Conference conference, IncomingStreams incoming, RtcpTermination rtcp,
                     EndpointDrops drops, EndpointTap tap) {
        this.endpoint = endpoint;
        this.conference = conference;
        this.incoming = incoming;
        this.rtcp = rtcp;
        this.drops = drops;
        this.tap = tap;
    }

    /** An SRTP or SRTCP datagram of this endpoint, {@code keys} its DTLS association's. */
    void receive(SrtpTransformer keys, byte[] buffer, int offset, int length) {
        MediaPacket packet = receiveCopy(buffer, offset, length);
        packet.receivedAt(System.nanoTime());
        reusable = Rtp.isRtcp(packet) ? receiveRtcp(keys, packet) : receiveRtp(keys, packet);
    }

    /** The datagram copied out of the port's buffer, into the packet last freed if there is one. */
    private MediaPacket receiveCopy(byte[] buffer, int offset, int length) {
        MediaPacket packet = reusable;
        if (packet == null) {
            return MediaPacket.copyOf(buffer, offset, length);
        }
        reusable = null;
        System.arraycopy(buffer, offset, packet.reset(length + MediaPacket.TRAILER_ROOM), 0, length);
        packet.setLength(length);
        return packet;
    }

    /** @return the packet now free for reuse: this one, the one it replaced in the cache, or none */
    private MediaPacket receiveRtp(SrtpTransformer keys, MediaPacket packet) {
        SrtpOutcome outcome = keys.decryptRtp(packet);
        if (!decrypted(outcome) || !wellFormed(Rtp.isValid(packet), EndpointDropReason.MALFORMED_RTP)) {
            return packet;
        }
        EndpointFormats formats = endpoint.formats();
        IncomingStreams.Role role = incoming.role(packet, formats);
        if (role == IncomingStreams.Role.UNDECLARED) {
            drops.add(EndpointDropReason.UNDECLARED_SSRC);
            return packet;
        }
        packetsReceived.increment();
        bytesReceived.add(packet.getLength());
        long now = packet.receivedAt();
        IncomingStreams.Stream stream = incoming.received(packet, role,
                formats.transportCcId(), now);
        // Repair packets (RTX probes and retransmissions) end here: we never NACK the publisher.
        if (stream == null) {
            return packet;
        }
        if (stream.source.kind() == MediaSource.Kind.VIDEO) {
            if (formats.videoCodec(Rtp.payloadType(packet)) == VideoPayload.VP8) {
                if (stream.layer != IncomingStreams.SINGLE) { // only a simulcast layer is sent at a lower frame rate
                    stream.meter.add(packet.getLength(), VideoPayload.vp8Temporal(packet),
                            VideoPayload.vp8FrameStart(packet), now);
                } else {
                    stream.meter.add(packet.getLength(), now);
                }
                stream.meter.height(VideoPayload.vp8KeyframeHeight(packet)); // NONE unless a keyframe starts here
            } else {
                stream.meter.add(packet.getLength(), now);
            }
        } else {
            stream.meter.add(packet.getLength(), now);
            int level = AudioLevel.read(packet, formats.audioLevelId());
            if (level != AudioLevel.NONE) {
                conference.allocation().level(endpoint.id(), AudioLevel.level(level), now);
            }
        }
        long extendedSequence = stream.statistics.extend(Rtp.sequenceNumber(packet));
        conference.forward(endpoint, stream, packet, extendedSequence);
        tap.rtp(stream, formats, packet, extendedSequence); // after forwarding: never delays the call
        // Forwarding made its copies; only a video stream's cache keeps the packet (for NACKs).
        return stream.cache == null ? packet : stream.cache.store(packet, now);
    }

    /** @return the packet, free for reuse once its reports and feedback are handled */
    private MediaPacket receiveRtcp(SrtpTransformer keys, MediaPacket packet) {
        SrtpOutcome outcome = keys.decryptRtcp(packet);
        if (!decrypted(outcome) || !wellFormed(RtcpCompound.isValid(packet), EndpointDropReason.MALFORMED_RTCP)) {
            return packet;
        }
        packetsReceived.increment();
        bytesReceived.add(packet.getLength());
        rtcp.terminate(packet, System.nanoTime());
        return packet;
    }

    /** Whether SRTP authenticated and decrypted it; otherwise it is dropped with the reason. */
    private boolean decrypted(SrtpOutcome outcome) {
        if (outcome != SrtpOutcome.OK) {
            drops.add(outcome);
            return false;
        }
        return true;
    }

    /** Whether it is, in the clear, well formed; otherwise it is dropped as {@code malformed}. */
    private boolean wellFormed(boolean valid, EndpointDropReason malformed) {
        if (!valid) {
            drops.add(malformed);
        }
        return valid;
    }

    long packetsReceived() {
        return packetsReceived.sum();
    }

    long bytesReceived() {
        return bytesReceived.sum();
    }
}
