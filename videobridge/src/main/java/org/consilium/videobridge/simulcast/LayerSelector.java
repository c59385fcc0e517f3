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
 * <p><b>Frame rate.</b> A receiver may also get a layer at a lower frame rate: the frames
 * of temporal layers above its cap (VP8's TID; libwebrtc sends 7.5, 15 and 30 frames/s in
 * three) are not forwarded, and the sequence numbers and picture IDs after them go on
 * without a gap, as if the publisher had sent only those frames. Lowering the cap takes
 * effect at the next frame; raising it at the next keyframe or layer sync frame (VP8's Y
 * bit: a frame that needs only the base layer), since a higher-layer frame may reference
 * one the receiver never got. While a switch to a lower layer waits for its keyframe, the
 * current layer goes out at its base frame rate only: the bandwidth drops at once.
 *
 * <p>Each stretch of one layer is a segment, and so is each stretch after frames left out;
 * the last {@link #SEGMENTS} are kept so that a NACK names a packet of an earlier stretch
 * correctly ({@link #segmentOf}).
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
    /** About 4 s of history with the top temporal layer of 30 frames/s left out (15 stretches a second). */
    static final int SEGMENTS = 64;
    /** Every temporal layer. */
    public static final int ALL_TEMPORAL = LayerMeter.ALL_TEMPORAL;
    private static final long NO_DROP = -1;
    private static final int PICTURE_ID_MASK = 0x7FFF;

    private final int clockRate;
    private int target = NO_LAYER;
    private int current = NO_LAYER;
    private long targetSetAt;
    /** The highest temporal layer the allocation wants forwarded, and the one forwarded now. */
    private int temporalTarget = ALL_TEMPORAL;
    private int temporalNow = ALL_TEMPORAL;
    /** The first packet left out since the last one forwarded ({@link #NO_DROP}: none). */
    private long dropFrom = NO_DROP;

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

    /**
     * Sets the highest temporal layer this receiver should get ({@link #ALL_TEMPORAL}: the
     * full frame rate).
     *
     * @return whether a keyframe would help: the cap rises above what is forwarded, which
     *         waits for a keyframe or a layer sync frame
     */
    public boolean setTemporalTarget(int maxTemporal, long nowNanos) {
        int clamped = Math.max(0, Math.min(maxTemporal, ALL_TEMPORAL));
        if (clamped == temporalTarget) {
            return false;
        }
        temporalTarget = clamped;
        boolean waits = current != NO_LAYER && target == current && clamped > temporalNow;
        if (waits) {
            targetSetAt = nowNanos;
        }
        return waits;
    }

    public int temporalTarget() {
        return temporalTarget;
    }

    /** The highest temporal layer forwarded now. */
    public int temporalNow() {
        return temporalNow;
    }

    /**
     * Whether a switch (or a higher frame rate) has waited longer than {@code patienceNanos}
     * for its keyframe (ask again).
     */
    public boolean switchOverdue(long nowNanos, long patienceNanos) {
        return target != NO_LAYER && (target != current || temporalTarget > temporalNow)
                && nowNanos - targetSetAt > patienceNanos;
    }

    /** Restarts the wait for the target's keyframe (after asking for it again). */
    public void keyframeRequested(long nowNanos) {
        targetSetAt = nowNanos;
    }

    /**
     * Decides on a packet as it arrived: reads what the decision needs from it (a keyframe's
     * start when switching or raising the frame rate; VP8's picture ids and temporal layer)
     * and calls {@link #accept(int, long, boolean, long, int, int, int, boolean, boolean, long)}.
     * When true, {@link #rewrite} must follow.
     *
     * @param codec the packet's codec, {@link VideoPayload#VP8}, {@code H264} or {@code OTHER}
     */
    public boolean accept(int packetLayer, MediaPacket packet, int codec, long extendedSequence, long nowNanos) {
        boolean switching = packetLayer == target && target != current;
        boolean raising = packetLayer == current && temporalTarget() > temporalNow();
        boolean keyframe = (switching || raising) && VideoPayload.startsKeyframe(packet, codec);
        // VP8's descriptor fields only: read from another codec's payload they would be garbage
        boolean vp8 = codec == VideoPayload.VP8;
        int pictureIdAt = vp8 ? VideoPayload.vp8PictureIdAt(packet) : VideoPayload.NONE;
        int tl0At = vp8 ? VideoPayload.vp8Tl0PicIdxAt(packet) : VideoPayload.NONE;
        int temporal = vp8 ? VideoPayload.vp8Temporal(packet) : VideoPayload.NONE;
        boolean frameStart = vp8 && VideoPayload.vp8FrameStart(packet);
        boolean layerSync = raising && frameStart && VideoPayload.vp8LayerSync(packet);
        return accept(packetLayer, extendedSequence, keyframe, org.consilium.videobridge.rtp.Rtp.timestamp(packet),
                pictureIdAt == VideoPayload.NONE ? -1 : VideoPayload.readPictureId(packet, pictureIdAt),
                tl0At == VideoPayload.NONE ? -1 : packet.u8(tl0At), temporal, frameStart, layerSync, nowNanos);
    }

    /**
     * Decides whether a packet of {@code packetLayer} goes out to this receiver, switching
     * layers if it is the target's keyframe. When true, {@link #rewrite} must follow.
     *
     * @param extendedSequence the packet's sequence number extended by its layer's statistics
     */
    public boolean accept(int packetLayer, long extendedSequence, boolean keyframeStart, long timestamp,
                          int pictureId, int tl0PicIdx, long nowNanos) {
        return accept(packetLayer, extendedSequence, keyframeStart, timestamp, pictureId, tl0PicIdx,
                -1, false, false, nowNanos);
    }

    /**
     * As {@link #accept(int, long, boolean, long, int, int, long)}, for a stream with temporal layers.
     *
     * @param temporal the packet's temporal layer, negative when it has none (then never left out)
     * @param frameStart whether it is a frame's first packet (the frame rate changes there)
     * @param layerSync whether its frame depends on the base temporal layer only
     */
    public boolean accept(int packetLayer, long extendedSequence, boolean keyframeStart, long timestamp,
                          int pictureId, int tl0PicIdx, int temporal, boolean frameStart, boolean layerSync,
                          long nowNanos) {
        accepted = NO_SEGMENT;
        int into;
        if (packetLayer == target && target != current && keyframeStart) {
            current = target;
            temporalNow = temporalTarget;
            dropFrom = NO_DROP;
            startSegment(packetLayer, extendedSequence, timestamp, pictureId, tl0PicIdx, nowNanos);
            into = segment;
        } else if (packetLayer != current || current == NO_LAYER) {
            return false;
        } else {
            long advance = extendedSequence - newestIn[segment];
            if (advance > MAX_GAP) {
                // the layer went away and came back: go on contiguously; the receiver asks for a keyframe if it must
                dropFrom = NO_DROP;
                startSegment(packetLayer, extendedSequence, timestamp, pictureId, tl0PicIdx, nowNanos);
                into = segment;
            } else if (advance < -MAX_MISORDER) {
                return false;
            } else if (extendedSequence < inStart[segment]) {
                into = straggler(extendedSequence);
                if (into == NO_SEGMENT || temporal > temporalNow) {
                    return false;
                }
            } else {
                if (frameStart && advance > 0) {
                    applyTemporalCap(temporal, keyframeStart || layerSync);
                }
                if (temporal > temporalNow) {
                    if (advance > 0 && dropFrom == NO_DROP) {
                        dropFrom = extendedSequence;
                    }
                    return false;
                }
                if (dropFrom != NO_DROP && extendedSequence > dropFrom) {
                    continueAfterDrop(extendedSequence, pictureId);
                }
                into = segment;
            }
        }
        accepted = into;
        acceptedSequence = extendedSequence;
        if (extendedSequence > newestIn[into]) {
            newestIn[into] = extendedSequence;
        }
        long out = extendedSequence + sequenceOffset[into];
        if (out > newestOut || !started) {
            started = true;
            newestOut = out;
            newestTimestamp = (timestamp + timestampOffset[into]) & 0xFFFFFFFFL;
            newestAtNanos = nowNanos;
            if (pictureId >= 0) {
                newestPictureId = (pictureId + pictureIdOffset[into]) & PICTURE_ID_MASK;
            }
            if (tl0PicIdx >= 0) {
                newestTl0 = (tl0PicIdx + tl0Offset[into]) & 0xFF;
            }
        }
        return true;
    }

    /**
     * At a frame's start: the cap the receiver gets now. Lower at once (a pending switch to a
     * lower layer counts as the base layer only); higher only where the frame is a keyframe
     * or a layer sync of a layer within the new cap.
     */
    private void applyTemporalCap(int temporal, boolean syncPoint) {
        if (temporal < 0) {
            return; // a stream without temporal layers: nothing to leave out, nothing to wait for
        }
        int cap = target != NO_LAYER && target < current ? 0 : temporalTarget;
        if (cap < temporalNow) {
            temporalNow = cap;
        } else if (cap > temporalNow && temporal <= cap && syncPoint) {
            temporalNow = cap;
        }
    }

    /**
     * The first packet after frames left out: a new stretch of the same layer whose numbers
     * go on from where the first left-out packet's would have been (a packet lost before it
     * still shows as a gap the receiver can NACK), and whose picture IDs go on from the last
     * picture sent.
     */
    private void continueAfterDrop(long extendedSequence, int pictureId) {
        int previous = segment;
        long out = Math.max(dropFrom + sequenceOffset[previous], newestOut + 1);
        // the numbers up to the first left-out packet stay the previous stretch's (for NACKs and stragglers)
        newestIn[previous] = Math.max(newestIn[previous], dropFrom - 1);
        int next = segments % SEGMENTS;
        layer[next] = layer[previous];
        inStart[next] = extendedSequence;
        newestIn[next] = extendedSequence;
        outStart[next] = out;
        sequenceOffset[next] = out - extendedSequence;
        timestampOffset[next] = timestampOffset[previous];
        tl0Offset[next] = tl0Offset[previous];
        pictureIdOffset[next] = pictureId < 0 || newestPictureId < 0
                ? pictureIdOffset[previous] : (newestPictureId + 1 - pictureId) & PICTURE_ID_MASK;
        segment = next;
        segments++;
        dropFrom = NO_DROP;
    }

    /** The stretch before the current one, of the same layer, that holds a late packet; or {@link #NO_SEGMENT}. */
    private int straggler(long extendedSequence) {
        if (segments < 2) {
            return NO_SEGMENT;
        }
        int previous = Math.floorMod(segments - 2, SEGMENTS);
        return layer[previous] == layer[segment] && extendedSequence >= inStart[previous]
                && extendedSequence <= newestIn[previous] ? previous : NO_SEGMENT;
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
