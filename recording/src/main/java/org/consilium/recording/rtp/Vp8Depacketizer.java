package org.consilium.recording.rtp;

import java.util.Arrays;
import java.util.function.Consumer;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.VideoPayload;

/**
 * RFC 7741: a VP8 frame is the payloads (after each packet's descriptor) of the packets that
 * share its timestamp, from the one with S set and partition 0 to the one with the marker
 * bit. A frame with a packet missing is dropped; since later frames refer to what it would
 * have built, nothing more is written until a keyframe, and {@code keyframeNeeded} asks the
 * publisher for one (again at most once a second of RTP time while still waiting). The
 * recording starts waiting for a keyframe, too.
 */
public final class Vp8Depacketizer implements Depacketizer {

    private static final int CLOCK_RATE = 90_000;
    private static final long NONE = Long.MIN_VALUE;

    private final Consumer<EncodedFrame> frames;
    private final Runnable keyframeNeeded;

    private long lastSequence = NONE;
    private boolean inFrame;
    private boolean frameBroken;
    private long frameTimestamp;
    private long frameArrival;
    private boolean frameKey;
    private int frameWidth;
    private int frameHeight;
    private byte[] frameData = new byte[16 * 1024];
    private int frameLength;

    private boolean awaitingKeyframe = true;
    private long lastRequest = NONE;

    private long framesDropped;
    private long keyframeRequests;

    public Vp8Depacketizer(Consumer<EncodedFrame> frames, Runnable keyframeNeeded) {
        this.frames = frames;
        this.keyframeNeeded = keyframeNeeded;
    }

    @Override
    public void packet(RtpPacket packet) {
        long sequence = packet.extendedSequence();
        boolean gap = lastSequence != NONE && sequence != lastSequence + 1;
        lastSequence = sequence;
        if (gap) {
            // what was lost may have been the end of this frame or a whole frame after it
            if (inFrame) {
                frameBroken = true;
                endFrame();
            }
            lostReference(packet.extendedTimestamp());
        }
        if (packet.payloadLength() <= 0) {
            return; // padding only: it keeps the sequence, carries no frame
        }
        if (inFrame && packet.extendedTimestamp() != frameTimestamp) {
            endFrame(); // no marker, yet nothing missing before the next frame: it is whole
        }
        MediaPacket media = packet.packet();
        if (!inFrame) {
            if (!VideoPayload.vp8FrameStart(media)) {
                lostReference(packet.extendedTimestamp()); // its first packet never came
                return;
            }
            startFrame(packet);
        }
        int from = VideoPayload.vp8PayloadStart(media);
        if (from == VideoPayload.NONE) {
            frameBroken = true;
        } else {
            append(media.getBuffer(), media.getOffset() + from, packet.payloadEnd() - from);
        }
        if (packet.marker()) {
            endFrame();
        }
    }

    /** Ends a frame still open (a stop or a new stream): without its marker it is dropped. */
    @Override
    public void flush() {
        if (inFrame) {
            frameBroken = true;
            endFrame();
        }
    }

    @Override
    public void reset() {
        flush();
        lastSequence = NONE;
        awaitingKeyframe = true;
        lastRequest = NONE;
    }

    private void startFrame(RtpPacket packet) {
        MediaPacket media = packet.packet();
        inFrame = true;
        frameBroken = false;
        frameTimestamp = packet.extendedTimestamp();
        frameArrival = packet.arrivalNanos();
        frameKey = VideoPayload.startsKeyframe(media, VideoPayload.VP8);
        frameWidth = frameKey ? Math.max(0, VideoPayload.vp8KeyframeWidth(media)) : EncodedFrame.NO_SIZE;
        frameHeight = frameKey ? Math.max(0, VideoPayload.vp8KeyframeHeight(media)) : EncodedFrame.NO_SIZE;
        frameLength = 0;
    }

    private void endFrame() {
        inFrame = false;
        if (frameBroken) {
            framesDropped++;
            lostReference(frameTimestamp);
            return;
        }
        if (awaitingKeyframe && !frameKey) {
            framesDropped++;
            requestKeyframe(frameTimestamp);
            return;
        }
        awaitingKeyframe = false;
        frames.accept(new EncodedFrame(frameTimestamp, Arrays.copyOf(frameData, frameLength), frameKey,
                frameWidth, frameHeight, frameArrival));
    }

    private void lostReference(long timestamp) {
        awaitingKeyframe = true;
        requestKeyframe(timestamp);
    }

    private void requestKeyframe(long timestamp) {
        if (lastRequest == NONE || timestamp - lastRequest >= CLOCK_RATE || timestamp < lastRequest) {
            lastRequest = timestamp;
            keyframeRequests++;
            keyframeNeeded.run();
        }
    }

    private void append(byte[] source, int from, int count) {
        if (frameLength + count > frameData.length) {
            frameData = Arrays.copyOf(frameData, Math.max(frameLength + count, frameData.length * 2));
        }
        System.arraycopy(source, from, frameData, frameLength, count);
        frameLength += count;
    }

    public long framesDropped() {
        return framesDropped;
    }

    public long keyframeRequests() {
        return keyframeRequests;
    }

    public boolean awaitingKeyframe() {
        return awaitingKeyframe;
    }
}
