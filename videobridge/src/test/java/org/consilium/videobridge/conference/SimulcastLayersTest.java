package org.consilium.videobridge.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.VideoPayload;
import org.consilium.videobridge.sdp.EndpointFormats;
import org.consilium.videobridge.sdp.Offer;
import org.consilium.videobridge.simulcast.TestPackets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Learning the SSRCs of Chromium's simulcast layers from the RID (id 10), repaired RID
 * (11) and mid (9) extensions of its offer; anything that does not name a declared layer
 * stays undeclared, and malformed extension blocks never throw.
 */
class SimulcastLayersTest {

    private static final MediaSource CAMERA = new MediaSource(MediaSource.Kind.VIDEO, 0x5000, 0x5001, "lecturer",
            "camera", new MediaSource.Simulcast("0", List.of("l", "m", "h")));

    private EndpointFormats formats;
    private final SimulcastLayers layers = new SimulcastLayers();
    private long now = 5_000_000_000L;

    @BeforeEach
    void offer() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/sdp/chromium-156-simulcast-offer.sdp")) {
            formats = Offer.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "lecturer").formats();
        }
        layers.declare(List.of(CAMERA));
    }

    private IncomingStreams.Role role(int ssrc, byte[] extensions) {
        MediaPacket packet = TestPackets.vp8(ssrc, 1, 0, 1, 1, false, 180, extensions);
        packet.receivedAt(now);
        return layers.role(packet, ssrc, formats);
    }

    @Test
    void aLayersRidTeachesItsSsrcWhichThenNeedsNoExtension() {
        assertEquals(IncomingStreams.Role.MEDIA, role(0xAAA1, TestPackets.extensions(9, "0", 10, "m")));
        assertEquals(1, layers.layer(0xAAA1).index());
        assertEquals(0xAAA1, layers.ssrcOf(0x5000, 1));
        assertEquals(IncomingStreams.Role.MEDIA, role(0xAAA1, null), "Chromium stops sending the RID once answered");
        assertEquals(IncomingStreams.Role.REPAIR, role(0xAAA2, TestPackets.extensions(9, "0", 11, "m")));
        assertNull(layers.layer(0xAAA2), "a repair stream is no layer to forward");
    }

    @Test
    void unknownRidsOtherMidsAndBareSsrcsStayUndeclared() {
        assertEquals(IncomingStreams.Role.UNDECLARED, role(0xBBB1, TestPackets.extensions(9, "0", 10, "x")));
        assertEquals(IncomingStreams.Role.UNDECLARED, role(0xBBB2, TestPackets.extensions(9, "7", 10, "l")));
        assertEquals(IncomingStreams.Role.UNDECLARED, role(0xBBB3, null));
        assertEquals(IncomingStreams.Role.UNDECLARED, role(0xBBB4, TestPackets.extensions(10, "ll")));
        assertEquals(IncomingStreams.Role.MEDIA, role(0xBBB5, TestPackets.extensions(10, "l")), "mid is optional");
    }

    @Test
    void aLayerLearntAgainReplacesItsOldSsrc() {
        role(0xC001, TestPackets.extensions(10, "h"));
        role(0xC002, TestPackets.extensions(10, "h"));
        assertEquals(0xC002, layers.ssrcOf(0x5000, 2));
        assertNull(layers.layer(0xC001));
    }

    @Test
    void anEndpointInventingSsrcsIsHeldToItsLearningBudget() {
        int learnt = 0;
        for (int i = 0; i < 100; i++) {
            if (role(0xD000 + i, TestPackets.extensions(10, "l")) == IncomingStreams.Role.MEDIA) {
                learnt++;
            }
        }
        assertEquals(SimulcastLayers.MAX_LEARNT_PER_SECOND, learnt);
        now += 1_000_000_000L;
        assertEquals(IncomingStreams.Role.MEDIA, role(0xE000, TestPackets.extensions(10, "l")), "a new second, a new budget");
    }

    @Test
    void redeclaringKeepsLayersOfTheSameSectionAndDropsRemovedOnes() {
        role(0xF001, TestPackets.extensions(10, "l"));
        role(0xF003, TestPackets.extensions(10, "h"));
        layers.declare(List.of(CAMERA.withSsrcs(0x5000, 0x5001)));
        assertEquals(0xF001, layers.ssrcOf(0x5000, 0));
        layers.declare(List.of(new MediaSource(MediaSource.Kind.VIDEO, 0x5000, 0x5001, "lecturer", "camera",
                new MediaSource.Simulcast("0", List.of("l", "m")))));
        assertEquals(0xF001, layers.ssrcOf(0x5000, 0));
        assertEquals(0, layers.ssrcOf(0x5000, 2), "h is no longer offered");
    }

    @Test
    void layersDeclaredBySsrcAreBoundFromTheStart() {
        MediaSource declared = new MediaSource(MediaSource.Kind.VIDEO, 0x6000, 0x6001, "legacy", "camera",
                MediaSource.Simulcast.declared("1", List.of(0x61, 0x62, 0x63), List.of(0x71, 0x72, 0x73)));
        layers.declare(List.of(declared));
        assertEquals(IncomingStreams.Role.MEDIA, role(0x62, null));
        assertEquals(1, layers.layer(0x62).index());
        assertEquals(IncomingStreams.Role.REPAIR, role(0x73, null));
        assertEquals(0x63, layers.ssrcOf(0x6000, 2));
    }

    @Test
    void randomExtensionBlocksAndPayloadsNeverThrow() {
        Random random = new Random(1206);
        for (int i = 0; i < 20_000; i++) {
            MediaPacket packet = TestPackets.vp8(0x7000 + i, i, i, i, i, random.nextBoolean(), 180,
                    TestPackets.extensions(9, "0", 10, "m"));
            byte[] bytes = packet.getBuffer();
            for (int m = 0; m < 1 + random.nextInt(6); m++) {
                bytes[random.nextInt(Math.min(bytes.length, 48))] = (byte) random.nextInt(256);
            }
            packet.setLength(12 + random.nextInt(bytes.length - 11));
            packet.receivedAt(now + i * 1_000_000_000L);
            layers.role(packet, 0x7000 + i, formats);
            VideoPayload.startsKeyframe(packet, VideoPayload.VP8);
            VideoPayload.startsKeyframe(packet, VideoPayload.H264);
            VideoPayload.vp8KeyframeHeight(packet);
            VideoPayload.vp8PictureIdAt(packet);
            VideoPayload.vp8Tl0PicIdxAt(packet);
        }
    }
}
