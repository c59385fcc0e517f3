package org.consilium.recording.media;

import org.consilium.recording.MediaKind;

/** A datagram ffmpeg sent: RTP or (on the RTCP port) an RTCP compound, with when it arrived. */
public record CapturedPacket(MediaKind kind, boolean rtcp, byte[] bytes, long arrivalNanos) {

    public int sequence() {
        return ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
    }

    public long timestamp() {
        return u32(4);
    }

    public int ssrc() {
        return (int) u32(8);
    }

    public boolean marker() {
        return (bytes[1] & 0x80) != 0;
    }

    /** The sender report's SSRC, NTP timestamp and RTP timestamp (RFC 3550 §6.4.1), if this is one. */
    public boolean senderReport() {
        return rtcp && bytes.length >= 28 && (bytes[1] & 0xFF) == 200;
    }

    public long reportNtp() {
        return (u32(8) << 32) | u32(12);
    }

    public long reportRtpTimestamp() {
        return u32(16);
    }

    public int reportSsrc() {
        return (int) u32(4);
    }

    public CapturedPacket withBytes(byte[] changed) {
        return new CapturedPacket(kind, rtcp, changed, arrivalNanos);
    }

    public CapturedPacket arrivingAt(long nanos) {
        return new CapturedPacket(kind, rtcp, bytes, nanos);
    }

    private long u32(int at) {
        return ((bytes[at] & 0xFFL) << 24) | ((bytes[at + 1] & 0xFFL) << 16) | ((bytes[at + 2] & 0xFFL) << 8)
                | (bytes[at + 3] & 0xFFL);
    }
}
