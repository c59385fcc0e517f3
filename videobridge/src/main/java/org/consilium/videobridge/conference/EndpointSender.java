package org.consilium.videobridge.conference;

import java.util.concurrent.atomic.LongAdder;
import org.consilium.videobridge.ice.IceLiteAgent;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.SentPackets;
import org.consilium.videobridge.srtp.SrtpOutcome;
import org.consilium.videobridge.srtp.SrtpTransformer;
import org.consilium.videobridge.transport.MediaPath;

/**
 * What goes out to one endpoint: encrypted with its SRTP keys and sent on its selected,
 * consented ICE path (a UDP address or a TCP connection, the same either way), or not at
 * all (never in clear text: a packet SRTP does not protect is dropped as
 * {@code SRTP_NOT_PROTECTED}); counted.
 */
final class EndpointSender {

    private final EndpointDtls dtls;
    private final IceLiteAgent ice;
    private final EndpointDrops drops;
    private final ReceiverBandwidth bandwidth;
    private final LongAdder packetsSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder retransmissionsSent = new LongAdder();

    EndpointSender(EndpointDtls dtls, IceLiteAgent ice, EndpointDrops drops, ReceiverBandwidth bandwidth) {
        this.dtls = dtls;
        this.bandwidth = bandwidth;
        this.ice = ice;
        this.drops = drops;
    }

    /**
     * @param transportSequence the receiver's transport-wide number the packet carries, -1 if none:
     *                          recorded for its bandwidth estimate
     * @return whether it went out (then {@code packet} holds the SRTP packet as sent)
     */
    boolean sendRtp(MediaPacket packet, int transportSequence) {
        MediaPath to = protect(packet);
        if (to == null) {
            return false;
        }
        send(packet, to);
        bandwidth.sent(transportSequence, packet.getLength(), System.nanoTime());
        return true;
    }

    /**
     * Sends a retransmission, counted before it leaves (whoever sees it sees it counted).
     *
     * @param sameAs for a resend on the stream's own SSRC: it goes out only if, encrypted,
     *               it is the packet sent the first time; null for RTX
     * @param transportSequence an RTX packet's new transport-wide number (recorded as for
     *                          {@link #sendRtp}); -1 for a resend, which repeats the first copy's
     */
    void resendRtp(MediaPacket packet, SentPackets sameAs, int transportSequence) {
        MediaPath to = protect(packet);
        if (to == null) {
            return;
        }
        if (sameAs != null && !sameAs.isAsSent(packet)) {
            drops.add(EndpointDropReason.RESEND_NOT_AS_SENT); // encrypted here, never sent: nothing leaves
            return;
        }
        retransmissionsSent.increment();
        send(packet, to);
        bandwidth.sent(transportSequence, packet.getLength(), System.nanoTime());
    }

    void sendRtcp(byte[] rtcp) {
        SrtpTransformer keys = dtls.srtp();
        MediaPath to = ice.selectedPath();
        if (keys == null || to == null || !ice.hasConsent()) {
            return;
        }
        MediaPacket packet = MediaPacket.copyOf(rtcp, 0, rtcp.length);
        if (keys.encryptRtcp(packet) == SrtpOutcome.OK) {
            send(packet, to);
        } else {
            drops.add(EndpointDropReason.SRTP_NOT_PROTECTED);
        }
    }

    /** Encrypts the packet in place; returns where it may go, or null when it must not go out. */
    private MediaPath protect(MediaPacket packet) {
        SrtpTransformer keys = dtls.srtp();
        MediaPath to = ice.selectedPath();
        if (keys == null || to == null || !ice.hasConsent()) {
            return null;
        }
        if (keys.encryptRtp(packet) != SrtpOutcome.OK) {
            drops.add(EndpointDropReason.SRTP_NOT_PROTECTED);
            return null;
        }
        return to;
    }

    private void send(MediaPacket packet, MediaPath to) {
        to.send(packet.getBuffer(), packet.getOffset(), packet.getLength());
        packetsSent.increment();
        bytesSent.add(packet.getLength());
    }

    long packetsSent() {
        return packetsSent.sum();
    }

    long bytesSent() {
        return bytesSent.sum();
    }

    long retransmissionsSent() {
        return retransmissionsSent.sum();
    }
}
