package org.consilium.recording.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.conference.MediaTap;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.sdp.PayloadFormat;
import org.junit.jupiter.api.Test;

/** A participant's packets split between their camera's file and their screen's. */
class MemberTapTest {

    private static final PayloadFormat VP8 = new PayloadFormat(96, "VP8", 90_000, 0, "", List.of(), -1);
    private static final MediaSource CAMERA = new MediaSource(MediaSource.Kind.VIDEO, 0x11, "p", "camera");
    private static final MediaSource SCREEN = new MediaSource(MediaSource.Kind.VIDEO, 0xFFFFFF22, "p", "screen");
    private static final MediaSource MICROPHONE = new MediaSource(MediaSource.Kind.AUDIO, 0x33, "p", "microphone");

    @Test
    void theAnnouncedScreenGoesToItsOwnRecordingAndNeverIntoTheCamerasFile() {
        Seen camera = new Seen();
        Seen screen = new Seen();
        MemberTap tap = new MemberTap(camera);
        send(tap, CAMERA, MICROPHONE, SCREEN);
        assertEquals(List.of(0x11L, 0x33L, 0xFFFFFF22L), camera.ssrcs, "before any screen is announced, all is the camera's");

        camera.ssrcs.clear();
        tap.screen(0xFFFFFF22L, screen);
        send(tap, CAMERA, SCREEN, MICROPHONE);
        tap.senderReport(SCREEN, MediaTap.SINGLE_STREAM, 1, 2, 3);
        assertEquals(List.of(0x11L, 0x33L), camera.ssrcs);
        assertEquals(List.of(0xFFFFFF22L, 0xFFFFFF22L), screen.ssrcs, "its packet and its sender report");

        tap.noScreen();
        send(tap, SCREEN);
        assertEquals(2, screen.ssrcs.size(), "a screen no longer recorded is dropped");
        assertEquals(List.of(0x11L, 0x33L), camera.ssrcs, "and not written into the camera's file");
    }

    private static void send(MediaTap tap, MediaSource... sources) {
        for (MediaSource source : sources) {
            tap.rtp(source, MediaTap.SINGLE_STREAM, VP8, new MediaPacket(new byte[64], 0, 64), 1, 1);
        }
    }

    private static final class Seen implements MediaTap {
        final List<Long> ssrcs = new ArrayList<>();

        @Override
        public void rtp(MediaSource source, int layer, PayloadFormat format, MediaPacket packet, long extendedSequence,
                        long arrivalNanos) {
            ssrcs.add(source.unsignedSsrc());
        }

        @Override
        public void senderReport(MediaSource source, int layer, long ntp, long rtpTimestamp, long arrivalNanos) {
            ssrcs.add(source.unsignedSsrc());
        }
    }
}
