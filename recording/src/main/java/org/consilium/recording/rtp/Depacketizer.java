package org.consilium.recording.rtp;

/** Turns packets, in sequence order, into frames; what it makes goes to the consumer it was given. */
public interface Depacketizer {

    /** The next packet in sequence order (a jump in the extended sequence is a loss). */
    void packet(RtpPacket packet);

    /** The stream stops: a frame still incomplete is dropped. */
    void flush();

    /** The stream starts over (a new SSRC, a restarted publisher): nothing held is kept. */
    void reset();
}
