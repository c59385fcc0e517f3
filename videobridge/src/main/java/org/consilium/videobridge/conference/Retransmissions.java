package org.consilium.videobridge.conference;

import java.util.concurrent.atomic.LongAdder;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.ForwardedSequence;
import org.consilium.videobridge.rtp.RtcpCompound;
import org.consilium.videobridge.rtp.RtcpReports;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.rtp.RtpRewriter;
import org.consilium.videobridge.rtp.SentPackets;
import org.consilium.videobridge.sdp.FormatMapping;
import org.consilium.videobridge.sdp.PayloadFormat;
import org.consilium.videobridge.simulcast.LayerSelector;

/**
 * Repairs for one receiver, from its publishers' packet caches: its NACKs answered, and
 * repeats of recent video as bandwidth probes ({@link BandwidthProbing}). The receiver
 * names packets by its own numbers, so each is mapped back to the publisher's (through the
 * stream's {@link ForwardedSequence} or, for simulcast, the {@link LayerSelector}'s
 * segments) and resent as RTX, or, without RTX, repeated byte for byte. Apart from
 * forwarding because it needs the numbering history, not the packet in hand. Receive thread.
 */
final class Retransmissions implements BandwidthProbing.Repeater {

    /** At most this many sequence numbers of one NACK packet are answered (a NACK is 4 bytes for 17). */
    private static final int MAX_NACKED = 64;

    private final Endpoint receiver;
    private final Conference conference;
    private final OutgoingStreams outgoing;
    private final LayerForwarding layers;
    private final EndpointSender sender;
    private final EndpointDrops drops;
    /** Shared with {@link ForwardingStage} (see the endpoint for why one copy will do). */
    private final MediaPacket outgoingCopy;
    private final LongAdder nacksReceived = new LongAdder();

    Retransmissions(Endpoint receiver, Conference conference, OutgoingStreams outgoing, LayerForwarding layers,
                    EndpointSender sender, EndpointDrops drops, MediaPacket outgoingCopy) {
        this.receiver = receiver;
        this.conference = conference;
        this.outgoing = outgoing;
        this.layers = layers;
        this.sender = sender;
        this.drops = drops;
        this.outgoingCopy = outgoingCopy;
    }

    /** The receiver lost packets: resend them from the publisher's cache (as RTX when negotiated). */
    void nack(MediaPacket packet, int at, int length, long now) {
        nacksReceived.increment();
        int mediaSsrc = RtcpCompound.feedbackMediaSsrc(packet, at);
        Endpoint publisher = conference.publisherOf(mediaSsrc);
        if (publisher == null || !outgoing.receives(mediaSsrc)) {
            return;
        }
        LayerSelector selector = layers.selector(mediaSsrc);
        if (selector != null) {
            nackLayers(publisher, selector, packet, at, length, now);
            return;
        }
        IncomingStreams.Stream stream = publisher.incoming().stream(mediaSsrc);
        if (stream == null || stream.cache == null) {
            return;
        }
        ForwardedSequence numbering = outgoing.sequenceOf(mediaSsrc);
        if (numbering == null) {
            return;
        }
        int[] answered = {0};
        RtcpReports.forEachNacked(packet, at, length, sequence -> {
            long original = numbering.original(sequence); // the receiver names its own numbers
            if (answered[0]++ < MAX_NACKED && original != ForwardedSequence.NONE) {
                MediaPacket cached = stream.cache.find((int) (original & 0xFFFF), now);
                if (cached != null) {
                    retransmit(publisher, stream.source, cached, sequence);
                }
            }
        });
    }

    /**
     * A NACK for a simulcast source: each number is found in the layer it was sent from and
     * resent as RTX with the numbers it went out with (without RTX it goes unanswered: a
     * copy rewritten across switches cannot be repeated byte for byte).
     */
    private void nackLayers(Endpoint publisher, LayerSelector selector, MediaPacket packet, int at, int length,
                            long now) {
        int mediaSsrc = RtcpCompound.feedbackMediaSsrc(packet, at);
        MediaSource source = publisher.incoming().source(mediaSsrc);
        if (source == null || source.rtxSsrc() == null) {
            return;
        }
        FormatMapping mapping = outgoing.mapping(publisher, receiver);
        int[] answered = {0};
        RtcpReports.forEachNacked(packet, at, length, sequence -> {
            if (answered[0]++ < MAX_NACKED) {
                resendLayered(publisher, selector, source, mapping, sequence, now);
            }
        });
    }

    /** Resends, as RTX, the layer's packet this receiver knows as {@code sequence}; returns its length, 0 if none. */
    private int resendLayered(Endpoint publisher, LayerSelector selector, MediaSource source, FormatMapping mapping,
                              int sequence, long now) {
        int segment = selector.segmentOf(sequence);
        if (segment == LayerSelector.NO_SEGMENT) {
            return 0;
        }
        long original = selector.originalSequence(segment, sequence);
        IncomingStreams.Stream layer = publisher.incoming().layerStream(source.ssrc(), selector.layerOf(segment));
        MediaPacket cached = layer == null ? null : layer.cache.find((int) (original & 0xFFFF), now);
        if (cached == null) {
            return 0;
        }
        int payloadType = mapping.payloadType(Rtp.payloadType(cached));
        int rtxPayloadType = payloadType == PayloadFormat.NONE ? PayloadFormat.NONE
                : receiver.formats().rtxFor(payloadType);
        if (rtxPayloadType == PayloadFormat.NONE) {
            drops.add(EndpointDropReason.RESEND_NOT_AS_SENT);
            return 0;
        }
        int transportSequence = ForwardingStage.transportSequence(outgoing, mapping);
        MediaPacket copy = RtpRewriter.rewrite(cached, mapping, payloadType, transportSequence, outgoingCopy);
        copy.putU32(8, source.ssrc());
        selector.rewrite(copy, segment, original);
        RtpRewriter.toRtx(copy, rtxPayloadType, source.rtxSsrc(), outgoing.nextRtxSequence(source.rtxSsrc()));
        sender.resendRtp(copy, null, transportSequence);
        return cached.getLength();
    }

    /** A padding-only RTX packet on the RTX stream of a video source this receiver gets ({@link PaddingProbe}); its length, or 0. */
    int pad(long now) {
        var formats = receiver.formats();
        int rtxPayloadType = formats.anyRtxPayloadType();
        if (rtxPayloadType == PayloadFormat.NONE || formats.transportCcId() == 0 || !receiver.isConnected()) {
            return 0;
        }
        for (MediaSource source : outgoing.placed().values()) {
            if (source.kind() == MediaSource.Kind.VIDEO && source.rtxSsrc() != null) {
                int transportSequence = outgoing.nextTransportSequence();
                MediaPacket padding = PaddingProbe.write(outgoingCopy, rtxPayloadType, source.rtxSsrc(),
                        outgoing.nextRtxSequence(source.rtxSsrc()), formats.transportCcId(), transportSequence,
                        PaddingProbe.MAX_PADDING);
                int length = padding.getLength();
                sender.resendRtp(padding, null, transportSequence);
                return length;
            }
        }
        return 0;
    }

    /** A packet forwarded here repeated as RTX, to probe the path: its length, 0 if no longer cached. */
    @Override
    public int repeat(Endpoint publisher, MediaSource source, int sequence, long now) {
        LayerSelector selector = layers.selector(source.ssrc());
        if (selector != null) {
            return resendLayered(publisher, selector, source, outgoing.mapping(publisher, receiver), sequence, now);
        }
        IncomingStreams.Stream stream = publisher.incoming().stream(source.ssrc());
        ForwardedSequence numbering = outgoing.sequenceOf(source.ssrc());
        long original = numbering == null ? ForwardedSequence.NONE : numbering.original(sequence);
        MediaPacket cached = stream == null || stream.cache == null || original == ForwardedSequence.NONE ? null
                : stream.cache.find((int) (original & 0xFFFF), now);
        if (cached == null) {
            return 0;
        }
        retransmit(publisher, source, cached, sequence);
        return cached.getLength();
    }

    /**
     * Answers a NACK for one packet: as RTX when this endpoint negotiated it for the
     * stream (another SSRC and a new sequence number: a fresh SRTP index), else on the
     * stream itself, which repeats the SRTP index, so it must repeat the first copy byte
     * for byte ({@link SentPackets} says why).
     */
    private void retransmit(Endpoint publisher, MediaSource source, MediaPacket cached, int sequence) {
        FormatMapping mapping = outgoing.mapping(publisher, receiver);
        int payloadType = mapping.payloadType(Rtp.payloadType(cached));
        if (payloadType == PayloadFormat.NONE) {
            return;
        }
        int rtxPayloadType = ForwardingStage.rtxPayloadType(receiver.formats(), source, payloadType);
        if (rtxPayloadType == PayloadFormat.NONE) {
            resendAsSent(source, cached, sequence, mapping, payloadType);
            return;
        }
        int transportSequence = ForwardingStage.transportSequence(outgoing, mapping);
        MediaPacket copy = RtpRewriter.rewrite(cached, mapping, payloadType, transportSequence, outgoingCopy);
        copy.putU16(2, sequence); // the number this receiver knows it by (RTX carries it as the original)
        RtpRewriter.toRtx(copy, rtxPayloadType, source.rtxSsrc(), outgoing.nextRtxSequence(source.rtxSsrc()));
        sender.resendRtp(copy, null, transportSequence);
    }

    /**
     * The copy rewritten again with the transport-wide number the first one had, so the
     * same bytes; sent only if its SRTP tag shows it is. Otherwise (not sent to this
     * endpoint before, sent while it had RTX, renegotiated since) the NACK goes unanswered
     * and is counted; the receiver's keyframe request repairs the picture then.
     */
    private void resendAsSent(MediaSource source, MediaPacket cached, int sequence, FormatMapping mapping,
                              int payloadType) {
        SentPackets sent = outgoing.sentOn(source.ssrc());
        int transportSequence = sent == null ? SentPackets.NOT_SENT : sent.transportSequence(sequence);
        if (transportSequence == SentPackets.NOT_SENT) {
            drops.add(EndpointDropReason.RESEND_NOT_AS_SENT);
            return;
        }
        MediaPacket copy = RtpRewriter.rewrite(cached, mapping, payloadType, transportSequence, outgoingCopy);
        copy.putU16(2, sequence);
        sender.resendRtp(copy, sent, -1);
    }

    long nacksReceived() {
        return nacksReceived.sum();
    }
}
