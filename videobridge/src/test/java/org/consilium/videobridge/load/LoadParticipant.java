package org.consilium.videobridge.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.testing.SyntheticBrowser;

/**
 * One synthetic participant: Opus at 50 packets/s (about 100-byte payloads) and VP8 at a
 * given bitrate, 30 frames/s split into packets of at most 1,100 bytes, with a keyframe
 * five times the usual size every two seconds. Counts what the bridge forwards to it and
 * answers as a browser would ({@link BrowserFeedback}: PLI, NACK, receiver reports).
 */
final class LoadParticipant implements AutoCloseable {

    private static final long AUDIO_INTERVAL = 20_000_000L;
    private static final long FRAME_INTERVAL = 1_000_000_000L / 30;
    private static final int MAX_PAYLOAD = 1100;
    private static final int KEYFRAME_EVERY = 60;

    private final SyntheticBrowser browser;
    private final BrowserFeedback feedback;
    private final int audioSsrc;
    private final int videoSsrc;
    private final int frameBytes;
    private final byte[] audioPayload = new byte[100];
    private final byte[] videoPayload = new byte[MAX_PAYLOAD];
    private long nextAudio;
    private long nextFrame;
    private int audioSequence;
    private int videoSequence;
    private int frames;
    private long packetsSent;
    /** Browsers check consent about every 5 s (RFC 7675 §5.1). */
    private static final long CONSENT_INTERVAL = 5_000_000_000L;
    private long lastConsentCheck = System.nanoTime();

    private LoadParticipant(SyntheticBrowser browser, int audioSsrc, int videoSsrc, int videoKbps) {
        this.browser = browser;
        this.feedback = new BrowserFeedback(audioSsrc);
        browser.countMediaOnly(feedback);
        this.audioSsrc = audioSsrc;
        this.videoSsrc = videoSsrc;
        this.frameBytes = videoKbps < 0 ? -1 : videoKbps * 1000 / 8 / 30;
        // Participants join at different moments: their keyframes don't all fall on the same frame.
        this.frames = ThreadLocalRandom.current().nextInt(KEYFRAME_EVERY);
        ThreadLocalRandom.current().nextBytes(videoPayload);
    }

    /** Allocates an endpoint, connects (ICE, DTLS), declares the two sources, and counts media from then on. */
    static LoadParticipant join(InetSocketAddress bridge, Conference conference, String id, int videoKbps) throws Exception {
        return join(bridge, conference, id, videoKbps, true);
    }

    /** As above; a participant that does not {@code send} declares no sources and sends nothing (a hub's screen wall). */
    static LoadParticipant join(InetSocketAddress bridge, Conference conference, String id, int videoKbps, boolean send)
            throws Exception {
        int audio = ThreadLocalRandom.current().nextInt();
        int video = ThreadLocalRandom.current().nextInt();
        List<MediaSource> sources = send ? List.of(new MediaSource(MediaSource.Kind.AUDIO, audio, id, "a"),
                new MediaSource(MediaSource.Kind.VIDEO, video, id, "v")) : List.of();
        SyntheticBrowser browser = SyntheticBrowser.join(bridge, conference.allocateEndpoint(id), sources);
        return new LoadParticipant(browser, audio, video, send ? videoKbps : -1);
    }

    /** Sends whatever is due at {@code now}; the first call starts the clock. */
    void sendDue(long now) throws IOException {
        if (now - lastConsentCheck >= CONSENT_INTERVAL) {
            lastConsentCheck = now;
            browser.refreshConsent();
        }
        feedback.sendDue(now, browser);
        if (frameBytes < 0) {
            return; // a receiver only
        }
        if (nextAudio == 0) {
            nextAudio = now;
            nextFrame = now;
        }
        while (now - nextAudio >= 0) {
            browser.sendRtp(audioSsrc, audioSequence++ & 0xFFFF, 111, audioPayload);
            packetsSent++;
            nextAudio += AUDIO_INTERVAL;
        }
        while (now - nextFrame >= 0) {
            int bytes = frames++ % KEYFRAME_EVERY == 0 ? 5 * frameBytes : frameBytes;
            while (bytes > 0) {
                int size = Math.min(bytes, MAX_PAYLOAD);
                browser.sendRtp(videoSsrc, videoSequence++ & 0xFFFF, 96,
                        size == MAX_PAYLOAD ? videoPayload : java.util.Arrays.copyOf(videoPayload, size));
                packetsSent++;
                bytes -= size;
            }
            nextFrame += FRAME_INTERVAL;
        }
    }

    long packetsSent() {
        return packetsSent;
    }

    long nacksSent() {
        return feedback.nacksSent();
    }

    long plisSent() {
        return feedback.plisSent();
    }

    long packetsReceived() {
        return browser.mediaCounted();
    }

    @Override
    public void close() {
        browser.close();
    }
}
