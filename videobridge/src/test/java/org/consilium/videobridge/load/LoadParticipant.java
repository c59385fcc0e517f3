package org.consilium.videobridge.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.RtcpCompound;
import org.consilium.videobridge.rtp.RtcpType;
import org.consilium.videobridge.testing.SyntheticBrowser;

/**
 * One synthetic participant: Opus at 50 packets/s (about 100-byte payloads) and VP8 at a
 * given bitrate, 30 frames/s split into packets of at most 1,100 bytes, with a keyframe
 * five times the usual size every two seconds. Counts what the bridge forwards to it and
 * answers as a browser would ({@link BrowserFeedback}: PLI, NACK, receiver reports).
 *
 * <p>Or ({@link #joinSimulcast}) a participant that negotiates SDP and publishes its
 * camera as VP8 simulcast ({@link SimulcastCamera}), answering the bridge's keyframe
 * requests as a browser does; what it receives is measured by layer ({@link ReceivedLayers}).
 */
final class LoadParticipant implements AutoCloseable {

    private static final long AUDIO_INTERVAL = 20_000_000L;
    private static final long FRAME_INTERVAL = 1_000_000_000L / 30;
    private static final int MAX_PAYLOAD = 1100;
    private static final int KEYFRAME_EVERY = 60;

    private final SyntheticBrowser browser;
    private final BrowserFeedback feedback;
    /** A receiver's capped access link and its transport-cc feedback, or null. */
    private final CappedLink link;
    private final ReceivedLayers received;
    /** The simulcast camera, or null: a single VP8 stream of {@code frameBytes} (or none). */
    private final SimulcastCamera camera;
    private final int audioSsrc;
    private final int videoSsrc;
    private final int frameBytes;
    private final byte[] audioPayload = new byte[100];
    /** Opus DTX: a muted microphone sends a small comfort-noise frame every 400 ms instead of 50 frames a second. */
    private static final long DTX_INTERVAL = 400_000_000L;
    private static final byte[] DTX_PAYLOAD = new byte[3];
    private boolean muted;
    private final byte[] videoPayload = new byte[MAX_PAYLOAD];
    private long nextAudio;
    private long nextFrame;
    private int audioSequence;
    private int videoSequence;
    private int frames;
    private long packetsSent;
    private long keyframeRequestsReceived;
    /** Browsers check consent about every 5 s (RFC 7675 §5.1). */
    private static final long CONSENT_INTERVAL = 5_000_000_000L;
    private long lastConsentCheck = System.nanoTime();

    private LoadParticipant(SyntheticBrowser browser, int audioSsrc, int videoSsrc, int videoKbps) {
        this(browser, audioSsrc, videoSsrc, videoKbps, null, null);
    }

    private LoadParticipant(SyntheticBrowser browser, int audioSsrc, int videoSsrc, int videoKbps,
                            SimulcastCamera camera, ReceivedLayers received) {
        this(browser, audioSsrc, videoSsrc, videoKbps, camera, received, null);
    }

    private LoadParticipant(SyntheticBrowser browser, int audioSsrc, int videoSsrc, int videoKbps,
                            SimulcastCamera camera, ReceivedLayers received, CappedLink link) {
        this.browser = browser;
        this.feedback = new BrowserFeedback(audioSsrc);
        this.received = received;
        this.camera = camera;
        this.link = link;
        if (received == null) {
            browser.countMediaOnly(feedback);
        } else {
            browser.countMediaOnlyKeepingRtcp((packet, length, now) -> {
                feedback.rtp(packet, length, now);
                received.rtp(packet, length, now);
                if (link != null) {
                    link.rtp(packet, length, now);
                }
            });
        }
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

    /**
     * Joins with SDP ({@link SyntheticOffer}): with {@code publishes}, Opus and a simulcast
     * camera of {@code layers} (keyframes every {@code keyframeEvery} frames and on request);
     * otherwise it only receives (a "stage" view of the same person, say). Receives nothing
     * until {@link org.consilium.videobridge.conference.Endpoint#selectSources} says what.
     */
    static LoadParticipant joinSimulcast(InetSocketAddress bridge, Conference conference, String id, boolean publishes,
                                         List<SimulcastCamera.Layer> layers, int keyframeEvery, ReceivedLayers received)
            throws Exception {
        return joinSimulcast(bridge, conference, id, publishes, layers, keyframeEvery, received, 0, false);
    }

    /**
     * As above, negotiating transport-cc under {@code transportCcId} (0: not); with
     * {@code capped}, the receiver sits behind a {@link CappedLink} (open until capped) and
     * sends the feedback a browser behind it would.
     */
    static LoadParticipant joinSimulcast(InetSocketAddress bridge, Conference conference, String id, boolean publishes,
                                         List<SimulcastCamera.Layer> layers, int keyframeEvery, ReceivedLayers received,
                                         int transportCcId, boolean capped)
            throws Exception {
        int audio = publishes ? nonZeroSsrc() : 0;
        SimulcastCamera camera = publishes ? new SimulcastCamera(layers, keyframeEvery, transportCcId) : null;
        var endpoint = conference.allocateEndpoint(id);
        SyntheticBrowser browser = new SyntheticBrowser(bridge, endpoint.localTransport().fingerprint());
        try {
            endpoint.negotiate(SyntheticOffer.of(browser, audio, publishes ? camera.ssrcs() : new int[0],
                    transportCcId));
            endpoint.selectSources(List.of());
            browser.connect(endpoint.localTransport());
            org.consilium.videobridge.Eventually.until(java.time.Duration.ofSeconds(10), endpoint::isConnected,
                    id + " connected");
        } catch (Exception | Error failed) {
            browser.close();
            throw failed;
        }
        return new LoadParticipant(browser, audio, 0, -1, camera, received,
                capped ? new CappedLink(transportCcId, nonZeroSsrc()) : null);
    }

    /** The camera of each of the endpoints {@code prefix}0 .. {@code prefix}(count - 1) of the conference. */
    static List<MediaSource> cameras(Conference conference, String prefix, int count) {
        List<MediaSource> cameras = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            conference.endpoint(prefix + i).orElseThrow().sources().stream()
                    .filter(s -> s.kind() == MediaSource.Kind.VIDEO).forEach(cameras::add);
        }
        return cameras;
    }

    /** This receiver's capped link, or null. */
    CappedLink link() {
        return link;
    }

    private static int nonZeroSsrc() {
        int ssrc;
        do {
            ssrc = ThreadLocalRandom.current().nextInt();
        } while (ssrc == 0);
        return ssrc;
    }

    /** Sends whatever is due at {@code now}; the first call starts the clock. */
    void sendDue(long now) throws IOException {
        if (now - lastConsentCheck >= CONSENT_INTERVAL) {
            lastConsentCheck = now;
            browser.refreshConsent();
        }
        feedback.sendDue(now, browser);
        if (link != null) {
            link.sendDue(now, browser);
        }
        if (received != null) {
            sendSimulcastDue(now);
            return;
        }
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

    /** A simulcast participant: keyframe requests answered, then Opus and the camera's frames that are due. */
    private void sendSimulcastDue(long now) throws IOException {
        MediaPacket rtcp;
        while ((rtcp = browser.pollRtcp()) != null) {
            if (!RtcpCompound.isValid(rtcp)) {
                continue;
            }
            MediaPacket compound = rtcp;
            RtcpCompound.forEach(compound, (type, format, offset, length) -> {
                if (camera != null && type == RtcpType.PSFB && length >= 12
                        && (format == RtcpType.FMT_PLI || format == RtcpType.FMT_FIR)) {
                    // a FIR names its media SSRC in its FCI entry; the bridge sends PLIs
                    int ssrc = format == RtcpType.FMT_PLI || length < 16
                            ? RtcpCompound.feedbackMediaSsrc(compound, offset) : compound.u32(offset + 12);
                    if (camera.keyframeRequested(ssrc)) {
                        keyframeRequestsReceived++;
                    }
                }
            });
        }
        if (camera == null) {
            return; // a receiver only
        }
        if (nextAudio == 0) {
            nextAudio = now;
        }
        while (now - nextAudio >= 0) {
            browser.sendRtp(audioSsrc, audioSequence++ & 0xFFFF, SyntheticOffer.OPUS, muted ? DTX_PAYLOAD : audioPayload);
            packetsSent++;
            nextAudio += muted ? DTX_INTERVAL : AUDIO_INTERVAL;
        }
        camera.sendDue(now, browser);
    }

    long packetsSent() {
        return packetsSent + (camera == null ? 0 : camera.packetsSent());
    }

    /**
     * A muted microphone as Opus DTX sends it (a browser offered {@code usedtx=1}): a frame
     * every 400 ms. The web client today mutes with {@code track.enabled = false} and no
     * DTX, which sends silence at the full 50 frames a second, as an open microphone does.
     */
    void muteWithDtx() {
        muted = true;
    }

    /** A simulcast publisher that answers no keyframe request: keyframes only every so many frames. */
    void ignoreKeyframeRequests() {
        camera.ignoreKeyframeRequests();
    }

    long keyframeRequestsReceived() {
        return keyframeRequestsReceived;
    }

    long keyframesSent() {
        return camera == null ? 0 : camera.keyframesSent();
    }

    /** RTP bytes received, as on the wire (SRTP); 0 for a participant of the classic scenarios (not counted). */
    long bytesReceived() {
        return received == null ? 0 : received.bytes();
    }

    ReceivedLayers received() {
        return received;
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
