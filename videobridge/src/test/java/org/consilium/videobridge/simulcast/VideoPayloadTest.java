package org.consilium.videobridge.simulcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.VideoPayload;
import org.junit.jupiter.api.Test;

/** Keyframes of VP8 and H.264 as they start a layer switch; picture ID fields where RFC 7741 puts them. */
class VideoPayloadTest {

    @Test
    void vp8KeyframesAndTheirHeightAreRecognisedAndDeltaFramesAreNot() {
        MediaPacket key = TestPackets.vp8(1, 1, 0, 300, 7, true, 720, TestPackets.extensions(10, "h"));
        MediaPacket delta = TestPackets.vp8(1, 2, 0, 301, 7, false, 720, null);
        assertTrue(VideoPayload.startsKeyframe(key, VideoPayload.VP8));
        assertEquals(720, VideoPayload.vp8KeyframeHeight(key));
        assertFalse(VideoPayload.startsKeyframe(delta, VideoPayload.VP8));
        assertEquals(VideoPayload.NONE, VideoPayload.vp8KeyframeHeight(delta));
        assertEquals(300, VideoPayload.readPictureId(key, VideoPayload.vp8PictureIdAt(key)));
        assertEquals(7, key.u8(VideoPayload.vp8Tl0PicIdxAt(key)));
        VideoPayload.writePictureId(key, VideoPayload.vp8PictureIdAt(key), 0x7FFF);
        assertEquals(0x7FFF, VideoPayload.readPictureId(key, VideoPayload.vp8PictureIdAt(key)));
    }

    @Test
    void vp8KeyframeWidthAndWhereTheBitstreamStartsAfterTheDescriptor() {
        byte[] extensions = TestPackets.extensions(10, "h");
        MediaPacket key = TestPackets.vp8(1, 1, 0, 300, 7, true, 720, extensions);
        MediaPacket delta = TestPackets.vp8(1, 2, 0, 301, 7, false, 720, null);
        assertEquals(1280, VideoPayload.vp8KeyframeWidth(key));
        assertEquals(VideoPayload.NONE, VideoPayload.vp8KeyframeWidth(delta));
        // fixed header 12, the extension block, then X/I+L/15-bit picture ID/TL0PICIDX: 5 bytes
        assertEquals(12 + extensions.length + 5, VideoPayload.vp8PayloadStart(key));
        assertEquals(12 + 5, VideoPayload.vp8PayloadStart(delta));
        assertEquals(0x10, key.u8(VideoPayload.vp8PayloadStart(key)), "the frame tag follows the descriptor");
    }

    @Test
    void h264KeyframesAreAnIdrOrParameterSetsAtTheStartOfAFrame() {
        assertTrue(VideoPayload.startsKeyframe(h264(0x65), VideoPayload.H264), "IDR slice");
        assertTrue(VideoPayload.startsKeyframe(h264(0x67), VideoPayload.H264), "SPS");
        assertFalse(VideoPayload.startsKeyframe(h264(0x41), VideoPayload.H264), "non-IDR slice");
        assertTrue(VideoPayload.startsKeyframe(h264(0x78, 0x00, 0x02, 0x67, 0x42, 0x00, 0x02, 0x68, 0xCE),
                VideoPayload.H264), "STAP-A with SPS and PPS");
        assertTrue(VideoPayload.startsKeyframe(h264(0x7C, 0x85), VideoPayload.H264), "FU-A start of an IDR");
        assertFalse(VideoPayload.startsKeyframe(h264(0x7C, 0x05), VideoPayload.H264), "FU-A continuation");
        assertFalse(VideoPayload.startsKeyframe(h264(0x78, 0x00, 0x09, 0x67), VideoPayload.H264),
                "a STAP-A whose unit runs past the end");
        assertFalse(VideoPayload.startsKeyframe(h264(0x65), VideoPayload.OTHER), "unknown codecs never switch");
    }

    private static MediaPacket h264(int... payload) {
        byte[] bytes = new byte[12 + payload.length];
        bytes[0] = (byte) 0x80;
        bytes[1] = 102;
        for (int i = 0; i < payload.length; i++) {
            bytes[12 + i] = (byte) payload[i];
        }
        return new MediaPacket(bytes, 0, bytes.length);
    }
}
