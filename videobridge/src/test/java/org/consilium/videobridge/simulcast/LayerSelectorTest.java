package org.consilium.videobridge.simulcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.rtp.VideoPayload;
import org.junit.jupiter.api.Test;

/**
 * Three layers of one source, each with its own sequence numbers, timestamps and picture
 * IDs, as a browser sends them; one receiver's selector switches between them. What the
 * receiver gets must be one stream: numbers without a gap, time and picture IDs going on.
 */
class LayerSelectorTest {

    private static final long MS = 1_000_000L;

    /** A layer as a browser sends it: 30 frames per second, one packet per frame. */
    private static final class Layer {
        final int index;
        int sequence;
        long timestamp;
        int pictureId;
        int tl0;

        Layer(int index, int sequence, long timestamp, int pictureId) {
            this.index = index;
            this.sequence = sequence;
            this.timestamp = timestamp;
            this.pictureId = pictureId;
            this.tl0 = pictureId & 0xFF;
        }

        MediaPacket next(boolean keyframe) {
            MediaPacket packet = TestPackets.vp8(0x100 + index, sequence & 0xFFFF, timestamp & 0xFFFFFFFFL,
                    pictureId & 0x7FFF, tl0 & 0xFF, keyframe, 180 << index, null);
            sequence++;
            timestamp += 3000;
            pictureId++;
            tl0++;
            return packet;
        }
    }

    private final LayerSelector selector = new LayerSelector(90_000);
    private final Layer[] layers = {new Layer(0, 100, 1_000, 5), new Layer(1, 40_000, 7_777_777, 30_000),
            new Layer(2, 65_530, 4_294_960_000L, 32_760)};
    private final List<MediaPacket> received = new ArrayList<>();
    private long now = 1_000 * MS;

    /** Every layer sends one frame; what the selector lets through is rewritten and kept. */
    private void frame(boolean keyframes) {
        for (Layer layer : layers) {
            MediaPacket packet = layer.next(keyframes);
            long extended = layer.sequence - 1L;
            if (selector.accept(layer.index, extended, VideoPayload.startsKeyframe(packet, VideoPayload.VP8),
                    Rtp.timestamp(packet), VideoPayload.readPictureId(packet, VideoPayload.vp8PictureIdAt(packet)),
                    packet.u8(VideoPayload.vp8Tl0PicIdxAt(packet)), now)) {
                selector.rewrite(packet);
                received.add(packet);
            }
        }
        now += 33 * MS;
    }

    @Test
    void nothingGoesOutUntilTheTargetLayersKeyframe() {
        assertTrue(selector.setTarget(1, now), "a first target needs a keyframe");
        frame(false);
        frame(false);
        assertEquals(List.of(), received);
        frame(true);
        assertEquals(1, received.size());
        assertEquals(360, VideoPayload.vp8KeyframeHeight(received.get(0)));
        frame(false);
        assertEquals(2, received.size());
    }

    @Test
    void switchesHappenOnKeyframesOnlyAndTheReceiverSeesOneContinuousStream() {
        selector.setTarget(2, now);
        frame(true);
        for (int i = 0; i < 10; i++) {
            frame(false);
        }
        assertTrue(selector.setTarget(0, now), "down to the lowest layer");
        frame(false);
        frame(false);
        assertEquals(2, selector.current(), "no switch before the lower layer's keyframe");
        frame(true);
        assertEquals(0, selector.current());
        for (int i = 0; i < 5; i++) {
            frame(false);
        }
        selector.setTarget(1, now);
        frame(true);
        frame(false);
        assertEquals(1, selector.current());

        for (int i = 1; i < received.size(); i++) {
            MediaPacket before = received.get(i - 1);
            MediaPacket after = received.get(i);
            assertEquals((Rtp.sequenceNumber(before) + 1) & 0xFFFF, Rtp.sequenceNumber(after), "packet " + i);
            long advance = (Rtp.timestamp(after) - Rtp.timestamp(before)) & 0xFFFFFFFFL;
            assertTrue(advance > 0 && advance <= 3000 * 3, "timestamp advance " + advance + " at packet " + i);
            int pictureBefore = VideoPayload.readPictureId(before, VideoPayload.vp8PictureIdAt(before));
            int pictureAfter = VideoPayload.readPictureId(after, VideoPayload.vp8PictureIdAt(after));
            assertEquals((pictureBefore + 1) & 0x7FFF, pictureAfter, "picture ID at packet " + i);
            assertEquals((before.u8(VideoPayload.vp8Tl0PicIdxAt(before)) + 1) & 0xFF,
                    after.u8(VideoPayload.vp8Tl0PicIdxAt(after)), "TL0PICIDX at packet " + i);
        }
        assertEquals(22, received.size(), "one packet a frame, and the old layer's last one in the frame that switches");
    }

    @Test
    void aNackNamesThePacketInTheLayerItWasSentFrom() {
        selector.setTarget(2, now);
        frame(true);
        frame(false);
        int firstFromTop = Rtp.sequenceNumber(received.get(0));
        selector.setTarget(0, now);
        frame(true);
        int firstFromBottom = Rtp.sequenceNumber(received.get(2));

        int top = selector.segmentOf(firstFromTop);
        assertEquals(2, selector.layerOf(top));
        assertEquals(layers[2].sequence - 3L, selector.originalSequence(top, firstFromTop));
        int bottom = selector.segmentOf(firstFromBottom);
        assertEquals(0, selector.layerOf(bottom));
        assertEquals(layers[0].sequence - 1L, selector.originalSequence(bottom, firstFromBottom));
        assertEquals(LayerSelector.NO_SEGMENT, selector.segmentOf(firstFromBottom + 1), "not sent yet");
    }

    @Test
    void noLayerStopsAtOnceAndComingBackNeedsAKeyframeAndGoesOnContiguously() {
        selector.setTarget(1, now);
        frame(true);
        frame(false);
        assertFalse(selector.setTarget(LayerSelector.NO_LAYER, now), "pausing needs no keyframe");
        frame(false);
        assertEquals(2, received.size());
        assertTrue(selector.setTarget(1, now));
        frame(false);
        assertEquals(2, received.size());
        frame(true);
        assertEquals(3, received.size());
        assertEquals((Rtp.sequenceNumber(received.get(1)) + 1) & 0xFFFF, Rtp.sequenceNumber(received.get(2)));
    }

    @Test
    void anUnansweredSwitchIsOverdueAfterItsPatience() {
        selector.setTarget(1, now);
        assertFalse(selector.switchOverdue(now + 100 * MS, 500 * MS));
        assertTrue(selector.switchOverdue(now + 600 * MS, 500 * MS));
        selector.keyframeRequested(now + 600 * MS);
        assertFalse(selector.switchOverdue(now + 700 * MS, 500 * MS));
    }
}
