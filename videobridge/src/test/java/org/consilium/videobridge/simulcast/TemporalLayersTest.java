package org.consilium.videobridge.simulcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.rtp.VideoPayload;
import org.junit.jupiter.api.Test;

/**
 * A receiver that gets a layer at a lower frame rate: frames of temporal layers above its
 * cap are left out, and what it gets must still be one stream (numbers and picture IDs
 * without a gap), whose NACKs name the publisher's packets, and which raises its frame
 * rate only where a decoder can follow.
 */
class TemporalLayersTest {

    private static final long MS = 1_000_000L;
    /** libwebrtc's VP8 pattern with three temporal layers. */
    private static final int[] PATTERN = {0, 2, 1, 2};

    /** A simulcast layer as libwebrtc sends it: 30 frames/s, two packets per frame, temporal layers 0, 2, 1, 2. */
    private static final class Layer {
        final int index;
        final boolean temporalLayers;
        long sequence;
        long timestamp;
        int pictureId;
        int tl0;
        int frame;

        Layer(int index, long sequence, int pictureId, boolean temporalLayers) {
            this.index = index;
            this.sequence = sequence;
            this.timestamp = 90_000L * index;
            this.pictureId = pictureId;
            this.temporalLayers = temporalLayers;
        }

        /** The two packets of the next frame, with their extended sequence numbers. */
        List<Sent> next(boolean keyframe, boolean layerSync) {
            if (keyframe) {
                frame = 0;
            }
            int temporal = PATTERN[frame++ % PATTERN.length];
            if (temporal == 0) {
                tl0++;
            }
            List<Sent> packets = new ArrayList<>();
            for (int part = 0; part < 2; part++) {
                MediaPacket packet = TestPackets.vp8(0x100 + index, (int) (sequence & 0xFFFF),
                        timestamp & 0xFFFFFFFFL, pictureId & 0x7FFF, tl0 & 0xFF, keyframe, 180 << index, null,
                        temporalLayers ? temporal : -1, part == 0, layerSync);
                packets.add(new Sent(this, packet, sequence, temporalLayers ? temporal : -1, pictureId & 0x7FFF));
                sequence++;
            }
            timestamp += 3000;
            pictureId++;
            return packets;
        }
    }

    private record Sent(Layer layer, MediaPacket packet, long extended, int temporal, int pictureId) {
    }

    /** What the receiver got: the rewritten copy and what it came from. */
    private record Got(MediaPacket copy, Sent from) {
        int sequence() {
            return Rtp.sequenceNumber(copy);
        }

        int pictureId() {
            return VideoPayload.readPictureId(copy, VideoPayload.vp8PictureIdAt(copy));
        }
    }

    private final LayerSelector selector = new LayerSelector(90_000);
    private final List<Got> received = new ArrayList<>();
    private long now = 1_000 * MS;

    private boolean offer(Sent sent) {
        MediaPacket packet = sent.packet();
        boolean frameStart = VideoPayload.vp8FrameStart(packet);
        if (!selector.accept(sent.layer().index, sent.extended(), VideoPayload.startsKeyframe(packet, VideoPayload.VP8),
                Rtp.timestamp(packet), VideoPayload.readPictureId(packet, VideoPayload.vp8PictureIdAt(packet)),
                packet.u8(VideoPayload.vp8Tl0PicIdxAt(packet)), VideoPayload.vp8Temporal(packet), frameStart,
                frameStart && VideoPayload.vp8LayerSync(packet), now)) {
            return false;
        }
        MediaPacket copy = new MediaPacket(packet.getBuffer().clone(), packet.getOffset(), packet.getLength());
        selector.rewrite(copy);
        received.add(new Got(copy, sent));
        return true;
    }

    private void frames(int count, Layer... layers) {
        for (int i = 0; i < count; i++) {
            for (Layer layer : layers) {
                layer.next(false, false).forEach(this::offer);
            }
            now += 33 * MS;
        }
    }

    private void keyframe(Layer... layers) {
        for (Layer layer : layers) {
            layer.next(true, false).forEach(this::offer);
        }
        now += 33 * MS;
    }

    /** Every number follows the one before; picture IDs go up by one from frame to frame. */
    private void assertOneStream() {
        for (int i = 1; i < received.size(); i++) {
            Got before = received.get(i - 1);
            Got after = received.get(i);
            assertEquals((before.sequence() + 1) & 0xFFFF, after.sequence(), "numbers go on without a gap at " + i);
            int step = (after.pictureId() - before.pictureId()) & 0x7FFF;
            boolean sameFrame = before.from().pictureId() == after.from().pictureId()
                    && before.from().layer() == after.from().layer();
            assertEquals(sameFrame ? 0 : 1, step, "picture IDs go on without a gap at " + i);
        }
    }

    private List<Integer> temporalsReceived(int from) {
        List<Integer> temporals = new ArrayList<>();
        for (int i = from; i < received.size(); i++) {
            temporals.add(received.get(i).from().temporal());
        }
        return temporals;
    }

    @Test
    void aCapOfOneForwardsHalfTheFramesAsOneStream() {
        Layer low = new Layer(0, 65_500, 32_700, true); // both wrap during the test
        selector.setTarget(0, now);
        selector.setTemporalTarget(1, now);
        keyframe(low);
        frames(39, low);
        // frames 0..39: temporal layers 0 2 1 2 ...; up to 1: half of them, two packets each
        assertEquals(40, received.size());
        assertTrue(temporalsReceived(0).stream().allMatch(t -> t <= 1), "nothing of temporal layer 2");
        assertOneStream();
    }

    @Test
    void theBaseLayerAloneIsAQuarterOfTheFrames() {
        Layer low = new Layer(0, 1_000, 100, true);
        selector.setTarget(0, now);
        selector.setTemporalTarget(0, now);
        keyframe(low);
        frames(39, low);
        assertEquals(20, received.size());
        assertTrue(temporalsReceived(0).stream().allMatch(t -> t == 0));
        assertOneStream();
    }

    @Test
    void aLowerCapTakesEffectAtTheNextFrameAHigherOneAtAKeyframe() {
        Layer low = new Layer(0, 1_000, 100, true);
        selector.setTarget(0, now);
        keyframe(low);
        frames(7, low);
        assertEquals(16, received.size(), "every frame at first");

        assertFalse(selector.setTemporalTarget(0, now), "lowering needs no keyframe");
        int before = received.size();
        frames(8, low);
        assertTrue(temporalsReceived(before).stream().allMatch(t -> t == 0));

        assertTrue(selector.setTemporalTarget(2, now), "raising waits for a keyframe: ask for one");
        before = received.size();
        frames(8, low);
        assertTrue(temporalsReceived(before).stream().allMatch(t -> t == 0),
                "a frame of layer 1 or 2 may reference one this receiver never got");
        assertTrue(selector.switchOverdue(now + 600 * MS, 500 * MS), "an unanswered wait asks again");
        keyframe(low);
        before = received.size();
        frames(7, low);
        assertEquals(14, received.size() - before, "every frame after the keyframe");
        assertFalse(selector.switchOverdue(now + 600 * MS, 500 * MS));
        assertOneStream();
    }

    @Test
    void aLayerSyncFrameRaisesTheCapWithoutAKeyframe() {
        Layer low = new Layer(0, 1_000, 100, true);
        selector.setTarget(0, now);
        selector.setTemporalTarget(0, now);
        keyframe(low);
        frames(7, low);
        selector.setTemporalTarget(2, now);
        // the next frame of layer 1 is a layer sync (it references the base layer only)
        while (PATTERN[low.frame % PATTERN.length] != 1) {
            frames(1, low);
        }
        int before = received.size();
        low.next(false, true).forEach(this::offer);
        now += 33 * MS;
        frames(4, low);
        assertEquals(List.of(1, 1, 2, 2, 0, 0, 2, 2, 1, 1), temporalsReceived(before));
        assertOneStream();
    }

    @Test
    void aSwitchDownSendsOnlyTheBaseLayerWhileItWaitsForTheKeyframe() {
        Layer low = new Layer(0, 1_000, 100, true);
        Layer high = new Layer(2, 50_000, 9_000, true);
        selector.setTarget(2, now);
        keyframe(low, high);
        frames(7, low, high);
        assertTrue(selector.setTarget(0, now), "a switch needs the lower layer's keyframe");
        int before = received.size();
        frames(8, low, high);
        assertTrue(received.subList(before, received.size()).stream()
                .allMatch(got -> got.from().layer() == high && got.from().temporal() == 0),
                "the current layer at its base frame rate: the bandwidth drops before the keyframe comes");
        assertEquals(4, received.size() - before, "two frames of the base layer in eight");
        keyframe(low, high);
        before = received.size();
        frames(7, low, high);
        assertEquals(14, received.size() - before, "the new layer at its full frame rate");
        assertTrue(received.subList(before, received.size()).stream().allMatch(got -> got.from().layer() == low));
        assertOneStream();
    }

    @Test
    void nacksNameThePublishersPacketsAcrossLeftOutFrames() {
        Layer low = new Layer(0, 65_000, 500, true);
        Layer high = new Layer(2, 3_000, 9_000, true);
        selector.setTarget(2, now);
        selector.setTemporalTarget(1, now);
        keyframe(low, high);
        frames(30, low, high);
        selector.setTarget(0, now);
        frames(5, low, high);
        keyframe(low, high);
        frames(20, low, high);
        for (Got got : received) {
            int segment = selector.segmentOf(got.sequence());
            assertNotEquals(LayerSelector.NO_SEGMENT, segment, "sent number " + got.sequence());
            assertEquals(got.from().layer().index, selector.layerOf(segment));
            assertEquals(got.from().extended(), selector.originalSequence(segment, got.sequence()));
        }
    }

    @Test
    void aLatePacketOfTheLastFrameSentStillGoesOutUnderItsNumber() {
        Layer low = new Layer(0, 1_000, 100, true);
        selector.setTarget(0, now);
        selector.setTemporalTarget(1, now);
        keyframe(low);
        frames(3, low); // 2 1 2: the frame of layer 1 went out, the next (2) did not
        List<Sent> base = low.next(false, false); // a frame of layer 0, its second packet late
        offer(base.get(0));
        List<Sent> top = low.next(false, false); // layer 2: left out
        top.forEach(this::offer);
        List<Sent> middle = low.next(false, false); // layer 1: goes out after the left-out frame
        middle.forEach(this::offer);
        assertTrue(offer(base.get(1)), "the late packet belongs to a frame that went out");
        received.sort((a, b) -> Integer.compare(a.sequence(), b.sequence()));
        assertOneStream();
    }

    @Test
    void aStreamWithoutTemporalLayersIsNeverThinned() {
        Layer low = new Layer(0, 1_000, 100, false);
        Layer high = new Layer(1, 8_000, 900, false);
        selector.setTarget(1, now);
        selector.setTemporalTarget(0, now);
        keyframe(low, high);
        frames(7, low, high);
        assertEquals(16, received.size(), "no TID: every frame");
        selector.setTarget(0, now);
        frames(4, low, high);
        assertEquals(24, received.size(), "waiting for the lower layer's keyframe, the current goes on whole");
        selector.setTarget(1, now);
        assertFalse(selector.switchOverdue(now + 600 * MS, 500 * MS), "nothing to wait for: the switch was undone");
        assertOneStream();
    }
}
