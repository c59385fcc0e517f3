package org.consilium.recording.rtp;

import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.Rtp;

/**
 * One received RTP packet, the recorder's own copy, with the header fields read once and the
 * extended sequence number and timestamp the track gives it. Payload excludes padding.
 */
public final class RtpPacket {

    private final MediaPacket packet;
    private final int ssrc;
    private final int sequence;
    private final long timestamp;
    private final boolean marker;
    private final int payloadStart;
    private final int payloadEnd;
    private final long arrivalNanos;
    private long extendedSequence;
    private long extendedTimestamp;

    private RtpPacket(MediaPacket packet, long arrivalNanos) {
        this.packet = packet;
        this.ssrc = Rtp.ssrc(packet);
        this.sequence = Rtp.sequenceNumber(packet);
        this.timestamp = Rtp.timestamp(packet);
        this.marker = Rtp.marker(packet);
        this.payloadStart = Rtp.headerLength(packet);
        this.payloadEnd = Rtp.payloadEnd(packet);
        this.arrivalNanos = arrivalNanos;
    }

    /** Reads a packet the recorder owns, or returns null when it is not valid RTP (or is RTCP). */
    public static RtpPacket parse(byte[] bytes, int offset, int length, long arrivalNanos) {
        MediaPacket packet = new MediaPacket(bytes, offset, length);
        if (!Rtp.isValid(packet) || Rtp.isRtcp(packet)) {
            return null;
        }
        return new RtpPacket(packet, arrivalNanos);
    }

    /** The packet as the bridge's payload readers take it. */
    public MediaPacket packet() {
        return packet;
    }

    public int ssrc() {
        return ssrc;
    }

    public int sequence() {
        return sequence;
    }

    public long timestamp() {
        return timestamp;
    }

    public boolean marker() {
        return marker;
    }

    public int payloadStart() {
        return payloadStart;
    }

    public int payloadEnd() {
        return payloadEnd;
    }

    public int payloadLength() {
        return payloadEnd - payloadStart;
    }

    public long arrivalNanos() {
        return arrivalNanos;
    }

    public long extendedSequence() {
        return extendedSequence;
    }

    public long extendedTimestamp() {
        return extendedTimestamp;
    }

    /** Set by the track, which keeps the wrap-around counters, before the reorder buffer. */
    public void extend(long sequence, long timestamp) {
        this.extendedSequence = sequence;
        this.extendedTimestamp = timestamp;
    }
}
