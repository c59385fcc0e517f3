package org.consilium.videobridge.conference;

import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.ForwardedSequence;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.rtp.RtpRewriter;
import org.consilium.videobridge.sdp.EndpointFormats;
import org.consilium.videobridge.sdp.FormatMapping;
import org.consilium.videobridge.sdp.PayloadFormat;

/**
 * The send path of one receiver for a publisher's packet, in order: this receiver's
 * allocation decides (a simulcast layer switch waits for a keyframe, a paused source is held
 * back), the copy is rewritten for it (payload type, SSRC, sequence number, transport-wide
 * number, VP8 picture ids), encrypted and sent ({@link EndpointSender}), and remembered for
 * NACKs or probing. Sender reports go the same way, for lip sync. Its own class so the one
 * place a packet leaves for a receiver reads top to bottom; on the publisher's receive thread.
 */
final class ForwardingStage {

    private final Endpoint receiver;
    private final BridgeContext bridge;
    private final EndpointDtls dtls;
    private final OutgoingStreams outgoing;
    private final LayerForwarding layers;
    private final EndpointSender sender;
    private final BandwidthProbing probing;
    /** Shared with {@link Retransmissions} (see the endpoint for why one copy will do). */
    private final MediaPacket outgoingCopy;

    ForwardingStage(Endpoint receiver, BridgeContext bridge, EndpointDtls dtls, OutgoingStreams outgoing,
                    LayerForwarding layers, EndpointSender sender, BandwidthProbing probing, MediaPacket outgoingCopy) {
        this.receiver = receiver;
        this.bridge = bridge;
        this.dtls = dtls;
        this.outgoing = outgoing;
        this.layers = layers;
        this.sender = sender;
        this.probing = probing;
        this.outgoingCopy = outgoingCopy;
    }

    /**
     * Sends a publisher's packet to this endpoint, rewritten for it (the conference checked
     * {@link Endpoint#receives}), under this endpoint's own sequence number for the stream.
     */
    void forward(Endpoint publisher, IncomingStreams.Stream stream, MediaPacket decrypted, long extendedSequence) {
        if (dtls.srtp() == null) {
            return;
        }
        MediaSource source = stream.source;
        FormatMapping mapping = outgoing.mapping(publisher, receiver);
        int payloadType = mapping.payloadType(Rtp.payloadType(decrypted));
        if (payloadType == PayloadFormat.NONE) {
            return; // this endpoint did not negotiate the codec
        }
        boolean layered = stream.layer != IncomingStreams.SINGLE;
        if (layered && receiver.isRelay() && source.simulcast().relaysEveryLayer()) {
            relayLayer(stream, decrypted, extendedSequence, mapping, payloadType);
            return;
        }
        int sequence = ForwardedSequence.NONE;
        if (layered) {
            if (!layers.accept(publisher, stream, decrypted, extendedSequence, decrypted.receivedAt())) {
                return; // not the layer this receiver gets (or not yet: the switch waits for a keyframe)
            }
        } else {
            if (layers.paused(source.ssrc())) {
                return; // this receiver's allocation holds the source back (last-N, bandwidth, not shown)
            }
            sequence = outgoing.sequenceFor(source.ssrc()).rewrite(extendedSequence);
            if (sequence == ForwardedSequence.NONE) {
                return; // from before this endpoint's stream resumed: its number may be taken
            }
        }
        int transportSequence = transportSequence(outgoing, mapping);
        MediaPacket copy = RtpRewriter.rewrite(decrypted, mapping, payloadType, transportSequence, outgoingCopy);
        if (layered) {
            copy.putU32(8, source.ssrc()); // whatever the layer, the receiver's one stream
            layers.selector(source.ssrc()).rewrite(copy);
        } else {
            copy.putU16(2, sequence);
        }
        // Only video is cached for NACKs; a NACK without RTX must repeat this copy exactly
        // (simulcast is repaired by RTX only: its copies are rewritten per switch).
        EndpointFormats formats = receiver.formats();
        boolean remember = !layered && source.kind() == MediaSource.Kind.VIDEO
                && rtxPayloadType(formats, source, payloadType) == PayloadFormat.NONE;
        boolean sent = sender.sendRtp(copy, transportSequence);
        if (sent && remember) {
            outgoing.rememberSentOn(source.ssrc()).sent(copy, transportSequence);
        } else if (sent && source.kind() == MediaSource.Kind.VIDEO
                && rtxPayloadType(formats, source, payloadType) != PayloadFormat.NONE) {
            // RTX can repeat it as a bandwidth probe
            probing.forwarded(publisher, source, layered ? Rtp.sequenceNumber(copy) : sequence);
        }
        bridge.transit().record(System.nanoTime() - decrypted.receivedAt());
    }

    /**
     * A simulcast layer to a relay: every layer crosses, each under its relay SSRC with its
     * own numbers, timestamps and VP8 picture ids, so that the bridge beyond picks a layer
     * per receiver as this one does for its own. The numbers go through the relay's own
     * {@link ForwardedSequence} all the same: what the relay's SRTP context encrypts is then
     * never ambiguous, whatever the publisher does with its numbers.
     */
    private void relayLayer(IncomingStreams.Stream stream, MediaPacket decrypted, long extendedSequence,
                            FormatMapping mapping, int payloadType) {
        int relaySsrc = stream.source.simulcast().relaySsrcs().get(stream.layer);
        int sequence = outgoing.sequenceFor(relaySsrc).rewrite(extendedSequence);
        if (sequence == ForwardedSequence.NONE) {
            return;
        }
        int transportSequence = transportSequence(outgoing, mapping);
        MediaPacket copy = RtpRewriter.rewrite(decrypted, mapping, payloadType, transportSequence, outgoingCopy);
        copy.putU32(8, relaySsrc);
        copy.putU16(2, sequence);
        sender.sendRtp(copy, transportSequence);
        bridge.transit().record(System.nanoTime() - decrypted.receivedAt());
    }

    /** A publisher's sender info, for this receiver's lip sync and our RTT measurement. */
    void forwardSenderReport(IncomingStreams.Stream stream, byte[] senderInfo, long ntp) {
        if (dtls.srtp() == null || !outgoing.receives(stream.source.ssrc())) {
            return;
        }
        if (stream.layer != IncomingStreams.SINGLE && receiver.isRelay() && stream.source.simulcast().relaysEveryLayer()) {
            senderInfo = senderInfo.clone(); // the layer's own report, under its relay SSRC
            org.consilium.videobridge.rtp.Bytes.putU32(senderInfo, 4, stream.source.simulcast().relaySsrcs().get(stream.layer));
        } else if (stream.layer != IncomingStreams.SINGLE) {
            senderInfo = layers.senderReport(stream, senderInfo);
            if (senderInfo == null) {
                return;
            }
        }
        outgoing.senderReportSent(ntp, System.nanoTime());
        sender.sendRtcp(senderInfo);
    }

    /** The receiver's RTX payload type for its {@code payloadType} of the source; NONE if either side has no RTX. */
    static int rtxPayloadType(EndpointFormats formats, MediaSource source, int payloadType) {
        return source.rtxSsrc() == null ? PayloadFormat.NONE : formats.rtxFor(payloadType);
    }

    /** The next transport-wide number for the receiver, -1 when it did not negotiate transport-cc. */
    static int transportSequence(OutgoingStreams outgoing, FormatMapping mapping) {
        return mapping.transportCcId() == 0 ? -1 : outgoing.nextTransportSequence();
    }
}
