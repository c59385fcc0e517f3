package org.consilium.recording.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 7741 frames from packets; nothing after a loss until a keyframe, which is asked for. */
class Vp8DepacketizerTest {

    private final List<EncodedFrame> frames = new ArrayList<>();
    private int requests;
    private final Vp8Depacketizer vp8 = new Vp8Depacketizer(frames::add, () -> requests++);

    @Test
    void aKeyframeAcrossThreePacketsBecomesOneFrameWithoutTheDescriptorsAndWithItsSize() {
        vp8.packet(TestRtp.vp8(1, 9000, true, true, false, 5, (byte) 1));
        vp8.packet(TestRtp.vp8(2, 9000, false, false, false, 5, (byte) 2));
        vp8.packet(TestRtp.vp8(3, 9000, false, false, true, 5, (byte) 3));
        assertEquals(1, frames.size());
        EncodedFrame frame = frames.get(0);
        assertTrue(frame.keyframe());
        assertEquals(320, frame.width());
        assertEquals(240, frame.height());
        assertEquals(9000, frame.timestamp());
        assertEquals(10 + 20 + 20 + 20, frame.data().length, "frame tag and header, then three payloads");
        assertEquals(0x10, frame.data()[0], "starts with the VP8 frame tag");
        assertEquals(3, frame.data()[frame.data().length - 1]);
        assertEquals(0, requests);
    }

    @Test
    void theRecordingWaitsForAKeyframeAtTheStartAndAsksForOne() {
        vp8.packet(TestRtp.vp8(1, 0, true, false, true, 1, (byte) 0));
        vp8.packet(TestRtp.vp8(2, 3000, true, false, true, 2, (byte) 0));
        assertTrue(frames.isEmpty());
        assertEquals(1, requests, "asked once, not per frame");
        vp8.packet(TestRtp.vp8(3, 6000, true, true, true, 3, (byte) 0));
        vp8.packet(TestRtp.vp8(4, 9000, true, false, true, 4, (byte) 0));
        assertEquals(2, frames.size());
        assertEquals(2, vp8.framesDropped());
        assertFalse(vp8.awaitingKeyframe());
    }

    @Test
    void aFrameMissingAPacketIsDroppedAndSoIsEveryFrameUntilTheNextKeyframe() {
        vp8.packet(TestRtp.vp8(1, 0, true, true, true, 1, (byte) 0));
        vp8.packet(TestRtp.vp8(2, 3000, true, false, false, 2, (byte) 0));
        // 3 lost: the end of frame 2
        vp8.packet(TestRtp.vp8(4, 6000, true, false, true, 3, (byte) 0));
        vp8.packet(TestRtp.vp8(5, 9000, true, false, true, 4, (byte) 0));
        assertEquals(1, frames.size());
        assertEquals(1, requests);
        vp8.packet(TestRtp.vp8(6, 9000 + 90_000, true, false, true, 5, (byte) 0));
        assertEquals(2, requests, "asked again a second later, still waiting");
        vp8.packet(TestRtp.vp8(7, 9000 + 93_000, true, true, true, 6, (byte) 0));
        assertEquals(2, frames.size());
        assertTrue(frames.get(1).keyframe());
        assertEquals(4, vp8.framesDropped());
    }

    @Test
    void aFrameWhoseFirstPacketWasLostIsDroppedToo() {
        vp8.packet(TestRtp.vp8(1, 0, true, true, true, 1, (byte) 0));
        vp8.packet(TestRtp.vp8(3, 3000, false, false, true, 2, (byte) 0)); // 2, its start, lost
        assertEquals(1, frames.size());
        assertTrue(vp8.awaitingKeyframe());
    }

    @Test
    void paddingOnlyPacketsKeepTheSequenceAndAreNoLoss() {
        vp8.packet(TestRtp.vp8(1, 0, true, true, true, 1, (byte) 0));
        vp8.packet(TestRtp.packet(2, 0, false, new byte[0], 0));
        vp8.packet(TestRtp.vp8(3, 3000, true, false, true, 2, (byte) 0));
        assertEquals(2, frames.size());
    }

    @Test
    void aFrameCutOffByTheStopIsDropped() {
        vp8.packet(TestRtp.vp8(1, 0, true, true, true, 1, (byte) 0));
        vp8.packet(TestRtp.vp8(2, 3000, true, false, false, 2, (byte) 7));
        vp8.flush();
        assertEquals(1, frames.size());
        assertArrayEquals(new byte[] {0x10, 0, 0}, java.util.Arrays.copyOf(frames.get(0).data(), 3));
    }
}
