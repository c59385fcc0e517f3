package org.consilium.videobridge.conference;

import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.RtcpCompound;
import org.consilium.videobridge.rtp.RtcpReports;
import org.consilium.videobridge.rtp.RtcpType;

/**
 * Where an endpoint's RTCP ends (the bridge terminates RTCP; nothing is relayed as is):
 * sender reports are kept for our receiver reports and their sender info passed on for lip
 * sync; report blocks give the round-trip time; PLI/FIR become keyframe requests to the
 * publisher; NACKs are answered by {@link Retransmissions}; transport-cc feedback feeds
 * this receiver's estimate ({@link ReceiverBandwidth}). SDES, BYE, APP and REMB end here
 * unread. It is its own compound visitor, so a packet costs no allocation; receive thread only.
 */
final class RtcpTermination implements RtcpCompound.Visitor {

    private final Endpoint endpoint;
    private final Conference conference;
    private final IncomingStreams incoming;
    private final OutgoingStreams outgoing;
    private final KeyframeRequests keyframes;
    private final Retransmissions retransmissions;
    private final ReceiverBandwidth bandwidth;
    private final EndpointTap tap;
    // the compound being read (receive thread only):
    private MediaPacket packet;
    private long now;

    RtcpTermination(Endpoint endpoint, Conference conference, IncomingStreams incoming, OutgoingStreams outgoing,
                    KeyframeRequests keyframes, Retransmissions retransmissions, ReceiverBandwidth bandwidth,
                    EndpointTap tap) {
        this.endpoint = endpoint;
        this.conference = conference;
        this.incoming = incoming;
        this.outgoing = outgoing;
        this.keyframes = keyframes;
        this.retransmissions = retransmissions;
        this.bandwidth = bandwidth;
        this.tap = tap;
    }

    /** Handles each packet of a decrypted, well-formed compound. */
    void terminate(MediaPacket compound, long nowNanos) {
        packet = compound;
        now = nowNanos;
        try {
            RtcpCompound.forEach(compound, this);
        } finally {
            packet = null;
        }
    }

    @Override
    public void visit(int type, int format, int at, int length) {
        switch (type) {
            case RtcpType.SR -> {
                if (length >= 28) {
                    senderReport(at);
                }
                reportBlocks(type, at, length);
            }
            case RtcpType.RR -> reportBlocks(type, at, length);
            case RtcpType.PSFB -> {
                if (format == RtcpType.FMT_PLI && length >= 12) {
                    keyframes.wanted(RtcpCompound.feedbackMediaSsrc(packet, at));
                } else if (format == RtcpType.FMT_FIR && length >= 20) {
                    keyframes.wanted(packet.u32(at + 12)); // FIR names the source in its FCI
                }
            }
            case RtcpType.RTPFB -> {
                if (format == RtcpType.FMT_NACK && length >= 16) {
                    retransmissions.nack(packet, at, length, now);
                } else if (format == RtcpType.FMT_TRANSPORT_CC) {
                    bandwidth.feedback(packet, at, length, now);
                }
            }
            default -> {
                // SDES, BYE, APP, REMB: terminated here
            }
        }
    }

    /** A publisher's SR: remember it for our receiver reports, pass its sender info to receivers. */
    private void senderReport(int at) {
        IncomingStreams.Stream stream = incoming.stream(packet.u32(at + 4));
        if (stream == null) {
            return;
        }
        long ntp = RtcpReports.ntpTimestamp(packet, at);
        stream.statistics.senderReport(ntp, now);
        conference.forwardSenderReport(endpoint, stream, RtcpReports.senderInfoOnly(packet, at), ntp);
        tap.senderReport(stream, ntp, packet.u32(at + 16) & 0xFFFFFFFFL, now);
    }

    private void reportBlocks(int type, int at, int length) {
        int blocks = RtcpReports.reportBlocks(packet, type, at, length);
        for (int i = 0; i < blocks; i++) {
            int block = RtcpReports.reportBlock(type, at, i);
            outgoing.reportBlock(packet.u32(block + 16) & 0xFFFFFFFFL, packet.u32(block + 20) & 0xFFFFFFFFL, now);
        }
    }
}
