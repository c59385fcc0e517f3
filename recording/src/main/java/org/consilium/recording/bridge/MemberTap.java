package org.consilium.recording.bridge;

import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.conference.MediaTap;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.sdp.PayloadFormat;

/**
 * One participant's tap on their endpoint, split in two recordings: the screen they share
 * (its own file, video alone) and everything else (the camera and microphone's file). The
 * screen is told by its SSRC, which the participant announces before it sends it
 * ({@code screen-share} in docs/signaling.md). Media thread, as every {@link MediaTap}; the
 * screen is set from another thread, and takes effect from the next packet.
 */
public final class MemberTap implements MediaTap {

    private static final long NONE = -1;

    private final MediaTap camera;
    private volatile MediaTap screen;
    private volatile long screenSsrc = NONE;

    public MemberTap(MediaTap camera) {
        this.camera = camera;
    }

    /** From now on the video of {@code ssrc} goes to {@code tap} (its own recording). */
    public void screen(long ssrc, MediaTap tap) {
        this.screen = tap;
        this.screenSsrc = ssrc;
    }

    /** The screen is no longer recorded (its packets, if any come, are dropped: never into the camera's file). */
    public void noScreen() {
        this.screen = null;
    }

    @Override
    public void rtp(MediaSource source, int layer, PayloadFormat format, MediaPacket packet, long extendedSequence,
                    long arrivalNanos) {
        if (isScreen(source)) {
            MediaTap into = screen;
            if (into != null) {
                into.rtp(source, layer, format, packet, extendedSequence, arrivalNanos);
            }
            return;
        }
        camera.rtp(source, layer, format, packet, extendedSequence, arrivalNanos);
    }

    @Override
    public void senderReport(MediaSource source, int layer, long ntp, long rtpTimestamp, long arrivalNanos) {
        if (isScreen(source)) {
            MediaTap into = screen;
            if (into != null) {
                into.senderReport(source, layer, ntp, rtpTimestamp, arrivalNanos);
            }
            return;
        }
        camera.senderReport(source, layer, ntp, rtpTimestamp, arrivalNanos);
    }

    private boolean isScreen(MediaSource source) {
        return source.kind() == MediaSource.Kind.VIDEO && source.unsignedSsrc() == screenSsrc;
    }
}
