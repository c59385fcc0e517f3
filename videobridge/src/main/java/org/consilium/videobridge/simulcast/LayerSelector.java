package org.consilium.videobridge.simulcast;

import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.VideoPayload;

/**
 * One receiver's view of one simulcast source. The allocator sets a target layer; packets
 * of the current layer go out until the target layer's next keyframe, which switches over
 * (the receiver's decoder cannot start a layer elsewhere). Out goes one stream: the
 * sequence numbers go on from the last one sent, the timestamp advances by the wall-clock
 * time since the last packet, the VP8 picture ID and TL0PICIDX by one, so the receiver's
 * jitter buffer and decoder see a stream that merely changed resolution.
 *
 * <p>Each stretch of one layer is a segment; the last {@link #SEGMENTS} are kept so that a
 * NACK names a packet of an earlier layer correctly ({@link #segmentOf}).
 *
 * <p>Receive thread only.
 */
public final class LayerSelector {

    /** No layer: nothing is forwarded. */
    public static final int NO_LAYER = -1;
    /** What {@link #segmentOf} says for a number this receiver was never sent. */
    public static final int NO_SEGMENT = -1;
    /** A jump further than this within a layer is a stretch missed (say, the publisher paused it). */
    static final int MAX_GAP = 1024;
    static final int MAX_MISORDER = 256;
    static final int SEGMENTS = 8;
    private static final int PICTURE_ID_MASK = 0x7FFF;

    private final int clockRate;
    private int target = NO_LAYER;
    private int current = NO_LAYER;
    private long targetSetAt;

    // what went out last, over all segments
    private boolean started;
    private long newestOut;      // extended sequence
    private long newestTimestamp;
    private long newestAtNanos;
    private int newestPictureId = -1;
    private int newestTl0 = -1;

    private final int[] layer = new int[SEGMENTS];
    private final long[] inStart = new long[SEGMENTS];
    private final long[] newestIn = new long[SEGMENTS];
    private final long[] outStart = new long[SEGMENTS];
    private final long[] sequenceOffset = new long[SEGMENTS];
    private final long[] timestampOffset = new long[SEGMENTS];
    private final int[] pictureIdOffset = new int[SEGMENTS];
    private final int[] tl0Offset = new int[SEGMENTS];
    private int segments;           // how many were ever started
    private int segment = -1;       // the current one (index into the arrays), -1 before the first
    /** The segment a packet just accepted belongs to, for {@link #rewrite}. */
    private int accepted = NO_SEGMENT;
    private long acceptedSequence;

    public LayerSelector(int clockRate) {
        this.clockRate = clockRate;
    }

    public int target() {
        return target;
    }

    public int current() {
        return current;
    }

    /**
     * Sets the layer this receiver should get ({@link #NO_LAYER}: none).
     *
     * @return whether a keyframe of the new target is needed (it differs from the current layer)
     */
    public boolean setTarget(int newTarget, long nowNanos) {
        if (newTarget == target) {
            return false;
        }
        target = newTarget;
        targetSetAt = nowNanos;
        if (newTarget == NO_LAYER) {
            current = NO_LAYER; // stop at once: a paused receiver saves the bandwidth now
            return false;
        }
        return newTarget != current;
    }

    /** Whether a switch has waited longer than {@code patienceNanos} for its keyframe (ask again). */
    public boolean switchOverdue(long nowNanos, long patienceNanos) {
        return target != NO_LAYER && target != current && nowNanos - targetSetAt > patienceNanos;
    }

    /** Restarts the wait for the target's keyframe (after asking for it again). */
    public void keyframeRequested(long nowNanos) {
        targetSetAt = nowNanos;
    }

    /**
     * Decides whether a packet of {@code packetLayer} goes out to this receiver, switching
     * layers if it is the target's keyframe. When true, {@link #rewrite} must follow.
     *
     * @param extendedSequence the packet's sequence number extended by its layer's statistics
     */
    public boolean accept(int packetLayer, long extendedSequence, boolean keyframeStart, long timestamp,
                          int pictureId, int tl0PicIdx, long nowNanos) {
        accepted = NO_SEGMENT;
        if (packetLayer == target && target != current && keyframeStart) {
            current = target;
            startSegment(packetLayer, extendedSequence, timestamp, pictureId, tl0PicIdx, nowNanos);
        } else if (packetLayer != current || current == NO_LAYER) {
            return false;
        } else {
            long advance = extendedSequence - newestIn[segment];
            if (advance > MAX_GAP) {
                // the layer went away and came back: go on contiguously; the receiver asks for a keyframe if it must
                startSegment(packetLayer, extendedSequence, timestamp, pictureId, tl0PicIdx, nowNanos);
            } else if (extendedSequence < inStart[segment] || advance < -MAX_MISORDER) {
                return false;
            }
        }
        accepted = segment;
        acceptedSequence = extendedSequence;
        if (extendedSequence > newestIn[segment]) {
            newestIn[segment] = extendedSequence;
        }
        long out = extendedSequence + sequenceOffset[segment];
        if (out > newestOut || !started) {
            started = true;
            newestOut = out;
            newestTimestamp = (timestamp + timestampOffset[segment]) & 0xFFFFFFFFL;
            newestAtNanos = nowNanos;
            if (pictureId >= 0) {
                newestPictureId = (pictureId + pictureIdOffset[segment]) & PICTURE_ID_MASK;
            }
            if (tl0PicIdx >= 0) {
                newestTl0 = (tl0PicIdx + tl0Offset[segment]) & 0xFF;
            }
        }
        return true;
    }

    private void startSegment(int packetLayer, long extendedSequence, long timestamp, int pictureId, int tl0PicIdx,
                              long nowNanos) {
        int next = segments % SEGMENTS;
        layer[next] = packetLayer;
        inStart[next] = extendedSequence;
        newestIn[next] = extendedSequence;
        if (!started) {
            outStart[next] = extendedSequence & 0xFFFF;
            timestampOffset[next] = 0;
            pictureIdOffset[next] = 0;
            tl0Offset[next] = 0;
        } else {
            outStart[next] = newestOut + 1;
            long elapsed = Math.max(1, (nowNanos - newestAtNanos) * clockRate / 1_000_000_000L);
            timestampOffset[next] = (newestTimestamp + elapsed - timestamp) & 0xFFFFFFFFL;
            pictureIdOffset[next] = pictureId < 0 || newestPictureId < 0
                    ? 0 : (newestPictureId + 1 - pictureId) & PICTURE_ID_MASK;
            tl0Offset[next] = tl0PicIdx < 0 || newestTl0 < 0 ? 0 : (newestTl0 + 1 - tl0PicIdx) & 0xFF;
        }
        sequenceOffset[next] = outStart[next] - extendedSequence;
        segment = next;
        segments++;
    }

    /** Writes this receiver's sequence number, timestamp and VP8 fields into its copy of the accepted packet. */
    public void rewrite(MediaPacket copy) {
        rewrite(copy, accepted, acceptedSequence);
    }

    /**
     * Writes the numbers the packet had when it went out in {@code segment}: for a
     * retransmission, which must repeat what the receiver was sent.
     *
     * @param extendedSequence the packet's extended sequence in its layer
     */
    public void rewrite(MediaPacket copy, int inSegment, long extendedSequence) {
        copy.putU16(2, (int) ((extendedSequence + sequenceOffset[inSegment]) & 0xFFFF));
        copy.putU32(4, (int) ((copy.u32(4) + timestampOffset[inSegment]) & 0xFFFFFFFFL));
        // offsets are 0 for a segment that started without VP8 fields (another codec): nothing to parse then
        int pictureIdAt = pictureIdOffset[inSegment] == 0 ? VideoPayload.NONE : VideoPayload.vp8PictureIdAt(copy);
        if (pictureIdAt != VideoPayload.NONE) {
            int mask = VideoPayload.longPictureId(copy, pictureIdAt) ? PICTURE_ID_MASK : 0x7F;
            int rewritten = (VideoPayload.readPictureId(copy, pictureIdAt) + pictureIdOffset[inSegment]) & mask;
            VideoPayload.writePictureId(copy, pictureIdAt, rewritten);
        }
        int tl0At = tl0Offset[inSegment] == 0 ? VideoPayload.NONE : VideoPayload.vp8Tl0PicIdxAt(copy);
        if (tl0At != VideoPayload.NONE) {
            copy.getBuffer()[copy.getOffset() + tl0At] = (byte) (copy.u8(tl0At) + tl0Offset[inSegment]);
        }
    }

    /** The segment in which this receiver was sent its number {@code sequence}, or {@link #NO_SEGMENT}. */
    public int segmentOf(int sequence) {
        if (!started) {
            return NO_SEGMENT;
        }
        long out = newestOut + (short) (sequence - (newestOut & 0xFFFF));
        int kept = Math.min(segments, SEGMENTS);
        for (int back = 0; back < kept; back++) {
            int index = Math.floorMod(segments - 1 - back, SEGMENTS);
            if (out >= outStart[index]) {
                long in = out - sequenceOffset[index];
                return in <= newestIn[index] ? index : NO_SEGMENT;
            }
        }
        return NO_SEGMENT;
    }

    /** The layer of a segment {@link #segmentOf} named. */
    public int layerOf(int inSegment) {
        return layer[inSegment];
    }

    /** The publisher's extended sequence (in the segment's layer) of this receiver's number. */
    public long originalSequence(int inSegment, int sequence) {
        long out = newestOut + (short) (sequence - (newestOut & 0xFFFF));
        return out - sequenceOffset[inSegment];
    }

    /** The RTP timestamp this receiver saw for a publisher's timestamp of the current layer (for sender reports). */
    public long currentTimestamp(long publisherTimestamp) {
        return segment < 0 ? publisherTimestamp : (publisherTimestamp + timestampOffset[segment]) & 0xFFFFFFFFL;
    }
}
