package org.consilium.videobridge.rtp;

/**
 * One receiver's sequence numbers for one forwarded stream. They follow the publisher's
 * (a packet lost on the way is a gap the receiver sees and NACKs) until the receiver
 * misses a stretch of the stream: unplaced or deselected for a while, or a publisher that
 * jumped. Then they go on from the last number this receiver got, so that what it gets
 * is contiguous again.
 *
 * <p>Why: the bridge's SRTP sending context for the receiver guesses the rollover counter
 * from the last sequence number it encrypted (RFC 3711 §3.3.1). A stream that came back
 * after about 65,536 packets with numbers just below the last one sent would be taken for
 * late packets and encrypted under the old counter: a second packet under an SRTP index
 * already used (for AES-GCM, its nonce). Numbering per receiver, from the publisher's
 * extended sequence (which the bridge, seeing every packet, knows exactly), rules that out.
 *
 * <p>Receive thread only.
 */
public final class ForwardedSequence {

    /** A forward jump larger than this is a stretch the receiver missed, not loss it should repair. */
    static final int MAX_GAP = 1024;
    /** A packet later than this behind the newest is not forwarded (its number may be ambiguous). */
    static final int MAX_MISORDER = 1024;
    /** What {@link #rewrite} and {@link #original} say when there is no number. */
    public static final int NONE = -1;

    private boolean started;
    /** The publisher's extended sequence of the newest packet forwarded. */
    private long newestIn;
    /** This receiver's extended sequence of that packet. */
    private long newestOut;
    /** From this publisher sequence on, out = in + offset; earlier packets are not forwarded. */
    private long resumedAt;
    private long offset;
    private boolean resumeNext;

    /**
     * The stream was held back on purpose (the receiver's allocation paused it): the next
     * packet goes on from the last number sent, however near it is, so that the receiver
     * sees no gap to NACK.
     */
    public void resumeNext() {
        resumeNext = true;
    }

    /**
     * This receiver's sequence number for a publisher's packet about to go out to it.
     *
     * @param extendedIn the publisher's extended sequence number of the packet
     * @return the 16-bit number to send it with, or {@link #NONE} if it must not be sent
     *         (from before a resume, or too late)
     */
    public int rewrite(long extendedIn) {
        if (!started) {
            started = true;
            newestIn = extendedIn;
            newestOut = extendedIn & 0xFFFF; // the publisher's own number while nothing is missed
            resumedAt = extendedIn;
            offset = newestOut - extendedIn;
            return (int) newestOut;
        }
        long advance = extendedIn - newestIn;
        if (resumeNext && advance > 0) {
            resumeNext = false;
            resumedAt = extendedIn;
            offset = newestOut + 1 - extendedIn;
        } else if (advance > MAX_GAP || advance < -MAX_GAP - MAX_MISORDER) {
            resumedAt = extendedIn; // missed a stretch (or the publisher started over): go on from here
            offset = newestOut + 1 - extendedIn;
        } else if (extendedIn < resumedAt || advance < -MAX_MISORDER) {
            return NONE;
        }
        long out = extendedIn + offset;
        if (out > newestOut) {
            newestIn = extendedIn;
            newestOut = out;
        }
        return (int) (out & 0xFFFF);
    }

    /**
     * The publisher's extended sequence of a packet this receiver names (in a NACK), or
     * {@link #NONE} if it was never numbered for it (before a resume, or nothing sent yet).
     */
    public long original(int sequence) {
        if (!started) {
            return NONE;
        }
        long out = newestOut + (short) (sequence - (newestOut & 0xFFFF));
        long in = out - offset;
        return in < resumedAt || in > newestIn ? NONE : in;
    }
}
