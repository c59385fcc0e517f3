package org.consilium.videobridge.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.Bytes;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.rtp.VideoPayload;
import org.junit.jupiter.api.Test;

/**
 * The load generator's simulcast camera sends what the bridge reads as VP8 from a
 * browser (keyframes, heights, picture IDs, TL0PICIDX), at the layers' bitrates, and
 * its receivers can tell the layer of a packet from its length.
 */
class SimulcastCameraTest {

    private static final long START = 1_000_000_000L;

    @Test
    void keyframesCarryEachLayersHeightAndOnlyTheirFirstPacketStartsOne() throws Exception {
        SimulcastCamera camera = new SimulcastCamera(SimulcastCamera.WEB_CLIENT, 0);
        List<byte[]> sent = new ArrayList<>();
        camera.keyframeRequested(camera.ssrcs()[1]);
        camera.sendDue(START, sent::add); // one frame: a keyframe on every layer
        int[] ssrcs = camera.ssrcs();
        for (int layer = 0; layer < 3; layer++) {
            List<MediaPacket> frame = ofSsrc(sent, ssrcs[layer]);
            assertTrue(frame.size() > 1, "a keyframe is five frames' bytes");
            assertTrue(VideoPayload.startsKeyframe(frame.get(0), VideoPayload.VP8));
            assertEquals(SimulcastCamera.WEB_CLIENT.get(layer).height(), VideoPayload.vp8KeyframeHeight(frame.get(0)));
            for (int i = 1; i < frame.size(); i++) {
                assertFalse(VideoPayload.startsKeyframe(frame.get(i), VideoPayload.VP8));
            }
            for (int i = 0; i < frame.size(); i++) {
                assertEquals(i == frame.size() - 1, (frame.get(i).u8(1) & 0x80) != 0, "marker on the last packet only");
            }
        }
        sent.clear();
        camera.sendDue(START + SimulcastCamera.FRAME_INTERVAL, sent::add);
        for (byte[] packet : sent) {
            assertFalse(VideoPayload.startsKeyframe(wrap(packet), VideoPayload.VP8), "no keyframe unless asked or due");
        }
    }

    @Test
    void keyframeRequestsForAnyLayerMakeKeyframesOnAllAndOthersAreIgnored() throws Exception {
        SimulcastCamera camera = new SimulcastCamera(SimulcastCamera.WEB_CLIENT, 0);
        List<byte[]> sent = new ArrayList<>();
        assertFalse(camera.keyframeRequested(12345), "not one of its SSRCs");
        camera.sendDue(START, sent::add);
        assertEquals(0, keyframes(sent));
        assertTrue(camera.keyframeRequested(camera.ssrcs()[2]));
        sent.clear();
        camera.sendDue(START + SimulcastCamera.FRAME_INTERVAL, sent::add);
        assertEquals(3, keyframes(sent));
        camera.ignoreKeyframeRequests();
        camera.keyframeRequested(camera.ssrcs()[0]);
        sent.clear();
        camera.sendDue(START + 2 * SimulcastCamera.FRAME_INTERVAL, sent::add);
        assertEquals(0, keyframes(sent));
    }

    @Test
    void periodicKeyframesComeEveryNFrames() throws Exception {
        SimulcastCamera camera = new SimulcastCamera(SimulcastCamera.WEB_CLIENT, 10);
        List<byte[]> sent = new ArrayList<>();
        frames(camera, 30, sent);
        assertEquals(3 * 3, keyframes(sent), "3 keyframes on each of 3 layers in 30 frames");
    }

    @Test
    void pictureIdsGoUpByOneAndTl0PicIdxWithEachBaseLayerFrame() throws Exception {
        SimulcastCamera camera = new SimulcastCamera(SimulcastCamera.WEB_CLIENT, 0);
        List<byte[]> sent = new ArrayList<>();
        frames(camera, 12, sent);
        for (int ssrc : camera.ssrcs()) {
            List<MediaPacket> packets = ofSsrc(sent, ssrc);
            int previousPicture = -1;
            int previousTl0 = -1;
            int frames = 0;
            for (MediaPacket packet : packets) {
                if ((packet.u8(Rtp.FIXED_HEADER) & 0x10) == 0) {
                    continue; // not a frame's first packet
                }
                frames++;
                int picture = VideoPayload.readPictureId(packet, VideoPayload.vp8PictureIdAt(packet));
                int tl0 = packet.u8(VideoPayload.vp8Tl0PicIdxAt(packet));
                int temporal = packet.u8(Rtp.FIXED_HEADER + 5) >>> 6;
                if (previousPicture >= 0) {
                    assertEquals((previousPicture + 1) & 0x7FFF, picture);
                    assertEquals(temporal == 0 ? (previousTl0 + 1) & 0xFF : previousTl0, tl0);
                }
                previousPicture = picture;
                previousTl0 = tl0;
            }
            assertEquals(12, frames);
        }
    }

    @Test
    void eachLayerIsSentAtItsBitrateInPacketsReceiversCanTellApart() throws Exception {
        SimulcastCamera camera = new SimulcastCamera(SimulcastCamera.WEB_CLIENT, 0);
        List<byte[]> sent = new ArrayList<>();
        frames(camera, SimulcastCamera.FRAMES_PER_SECOND, sent);
        int[] ssrcs = camera.ssrcs();
        for (int layer = 0; layer < 3; layer++) {
            long payloadBits = 0;
            ReceivedLayers receiver = new ReceivedLayers();
            for (MediaPacket packet : ofSsrc(sent, ssrcs[layer])) {
                int payload = packet.getLength() - Rtp.FIXED_HEADER;
                assertTrue(payload <= SimulcastCamera.MAX_PAYLOAD);
                payloadBits += 8L * payload;
                byte[] onTheWire = Arrays.copyOf(packet.toArray(), packet.getLength() + ReceivedLayers.SRTP_TAG);
                receiver.rtp(onTheWire, onTheWire.length, 0);
                assertEquals(layer, receiver.layer(ssrcs[layer]));
                assertEquals(VideoPayload.vp8Temporal(packet), SimulcastCamera.temporalOfPayloadLength(payload),
                        "the temporal layer, told by the length");
            }
            double kbps = payloadBits / 1000.0;
            int wanted = SimulcastCamera.WEB_CLIENT.get(layer).kbps();
            assertTrue(Math.abs(kbps - wanted) < wanted * 0.05, "layer " + layer + ": " + kbps + " kbit/s");
        }
    }

    @Test
    void receiversReadTheLayerBehindCsrcsAndHeaderExtensions() {
        ReceivedLayers receiver = new ReceivedLayers();
        byte[] packet = new byte[12 + 4 + 8 + 100 + ReceivedLayers.SRTP_TAG]; // one CSRC, a 1-word extension, payload 100
        packet[0] = (byte) 0x91;
        packet[1] = (byte) SimulcastCamera.VP8;
        Bytes.putU32(packet, 8, 77);
        Bytes.putU16(packet, 16, 0xBEDE);
        Bytes.putU16(packet, 18, 1);
        receiver.rtp(packet, packet.length, 0);
        assertEquals(1, receiver.layer(77));
        assertEquals(packet.length, receiver.bytes());
    }

    /** The first {@code n} frames (the first call starts the camera's clock). */
    private static void frames(SimulcastCamera camera, int n, List<byte[]> sent) throws Exception {
        for (int i = 0; i < n; i++) {
            camera.sendDue(START + i * SimulcastCamera.FRAME_INTERVAL, sent::add);
        }
    }

    private static int keyframes(List<byte[]> sent) {
        return (int) sent.stream().filter(p -> VideoPayload.startsKeyframe(wrap(p), VideoPayload.VP8)).count();
    }

    private static List<MediaPacket> ofSsrc(List<byte[]> sent, int ssrc) {
        return sent.stream().map(SimulcastCameraTest::wrap).filter(p -> Rtp.ssrc(p) == ssrc).toList();
    }

    private static MediaPacket wrap(byte[] packet) {
        return MediaPacket.copyOf(packet, 0, packet.length);
    }
}
