package org.consilium.videobridge.load;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.consilium.videobridge.rtp.Bytes;
import org.consilium.videobridge.testing.SyntheticBrowser;

/**
 * A camera published as VP8 simulcast, as libwebrtc sends the web client's three
 * encodings: one RTP stream per layer (its own SSRC, sequence, timestamp base, picture ID
 * and TL0PICIDX), 30 frames/s on every layer, three temporal layers (the pattern 0, 2, 1,
 * 2 that libwebrtc uses for VP8 in conferences), and real VP8 payload descriptors (RFC 7741
 * §4.2) and key frame headers (RFC 6386 §9.1: start code, width, height), so the bridge's
 * {@code VideoPayload} reads keyframes, heights, picture IDs and TL0PICIDX as from a browser.
 *
 * <p>Keyframes: every {@code keyframeEvery} frames (0: never, as browsers do) and at the
 * next frame after a keyframe request. A request for any layer makes a keyframe on all
 * layers, as libwebrtc's {@code LibvpxVp8Encoder::Encode} does (one forced key frame flag
 * for every stream). A keyframe is five times a usual frame, as in {@link LoadParticipant}.
 *
 * <p>Frame sizes follow libwebrtc's split of a layer's bitrate over its three temporal
 * layers ({@code SimulcastRateAllocator}, {@code kLayerRateAllocation}: 40%, 20%, 40%):
 * a base-layer frame (one in four) is 1.6 times the average, the others 0.8 times, so a
 * receiver at 7.5 frames/s costs 40% of the layer and at 15 frames/s 60%.
 *
 * <p>The receivers do not decrypt (the load generator only reads clear headers); so that
 * they can tell which layer and temporal layer reached them, every packet's payload length
 * modulo 12 is the layer plus 3 times the temporal layer ({@link #layerOfPayloadLength},
 * {@link #temporalOfPayloadLength}): up to 11 filler bytes per packet.
 */
final class SimulcastCamera {

    /** One simulcast layer: its frame size and the bitrate it is sent at. */
    record Layer(int width, int height, int kbps) {
        int frameBytes() {
            return kbps * 1000 / 8 / FRAMES_PER_SECOND;
        }
    }

    /**
     * The web client's camera encodings (issue 19's contract: rid l/m/h,
     * scaleResolutionDownBy 4/2/1 of a 720p camera, maxBitrate 150k/500k/1500k), at their
     * maximum bitrates. libwebrtc's own table for these sizes (simulcast.cc
     * kSimulcastFormats: 320x180 target 150, max 200; 640x360 target 500, max 700;
     * 1280x720 target and max 2500 kbit/s) agrees for 180p and 360p; the client caps 720p.
     */
    static final List<Layer> WEB_CLIENT = List.of(new Layer(320, 180, 150), new Layer(640, 360, 500),
            new Layer(1280, 720, 1500));

    static final int FRAMES_PER_SECOND = 30;
    static final long FRAME_INTERVAL = 1_000_000_000L / FRAMES_PER_SECOND;
    static final int VP8 = 96;
    /** At most this many payload bytes per packet (descriptor included), as {@link LoadParticipant}. */
    static final int MAX_PAYLOAD = 1100;
    /** X, I, L and T set: the 15-bit picture ID, TL0PICIDX, then TID/Y/KEYIDX. */
    static final int DESCRIPTOR = 6;
    private static final int[] TEMPORAL_PATTERN = {0, 2, 1, 2};
    /** A frame's size against the average, by temporal layer, in tenths (libwebrtc's 40/20/40% split). */
    private static final int[] TEMPORAL_SIZE_TENTHS = {16, 8, 8};
    /** Payload lengths are told apart modulo this: 3 layers times 3 temporal layers, padded to 12. */
    private static final int LENGTH_CODE = 12;
    private static final int KEYFRAME_SCALE = 5;

    private final List<Layer> layers;
    private final int[] ssrcs;
    private final int[] sequences;
    private final int[] timestampBases;
    private final int[] pictureIds;
    private final int[] tl0PicIdx;
    private final int keyframeEvery;
    private final int transportCcId;
    private int transportSequence;
    private final byte[] filler = new byte[MAX_PAYLOAD];
    private long nextFrame;
    private int frame;
    private int sincePattern;
    private boolean keyframeRequested;
    private boolean ignoresRequests;
    private long packetsSent;
    private long keyframesSent;

    SimulcastCamera(List<Layer> layers, int keyframeEvery) {
        this(layers, keyframeEvery, 0);
    }

    /**
     * @param transportCcId above 0: every packet carries the transport-wide sequence number
     *        under this one-byte header extension id (RFC 8285), as a browser's do when it
     *        negotiated transport-cc; the bridge writes each receiver's own number there
     */
    SimulcastCamera(List<Layer> layers, int keyframeEvery, int transportCcId) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.layers = List.copyOf(layers);
        int n = layers.size();
        if (n > 3) {
            throw new IllegalArgumentException("at most 3 layers: receivers tell them apart by payload length");
        }
        this.ssrcs = new int[n];
        this.sequences = new int[n];
        this.timestampBases = new int[n];
        this.pictureIds = new int[n];
        this.tl0PicIdx = new int[n];
        for (int i = 0; i < n; i++) {
            ssrcs[i] = random.nextInt();
            sequences[i] = random.nextInt(0x10000);
            timestampBases[i] = random.nextInt();
            pictureIds[i] = random.nextInt(0x8000);
            tl0PicIdx[i] = random.nextInt(0x100);
        }
        this.keyframeEvery = keyframeEvery;
        this.transportCcId = transportCcId;
        // Participants join at different moments: their periodic keyframes don't all fall on one frame.
        this.frame = keyframeEvery > 0 ? random.nextInt(keyframeEvery) : 1;
        random.nextBytes(filler);
    }

    /** The layers' SSRCs, lowest first (for the offer's {@code a=ssrc-group:SIM}). */
    int[] ssrcs() {
        return ssrcs.clone();
    }

    List<Layer> layers() {
        return layers;
    }

    /** From now on keyframes come only every {@code keyframeEvery} frames (to measure what requests save). */
    void ignoreKeyframeRequests() {
        ignoresRequests = true;
    }

    /** A keyframe request (PLI or FIR) for one of this camera's SSRCs: the next frame is a keyframe on all layers. */
    boolean keyframeRequested(int ssrc) {
        for (int layerSsrc : ssrcs) {
            if (layerSsrc == ssrc) {
                keyframeRequested |= !ignoresRequests;
                return true;
            }
        }
        return false;
    }

    /** Where the camera's RTP packets go (in the clear): a synthetic browser encrypts and sends them. */
    @FunctionalInterface
    interface PacketSink {
        void send(byte[] rtp) throws IOException;
    }

    /** Sends the frames due at {@code now}, every layer's packets of a frame one after another. */
    void sendDue(long now, SyntheticBrowser browser) throws IOException {
        sendDue(now, browser::sendRtp);
    }

    void sendDue(long now, PacketSink browser) throws IOException {
        if (nextFrame == 0) {
            nextFrame = now;
        }
        while (now - nextFrame >= 0) {
            boolean keyframe = keyframeRequested || keyframeEvery > 0 && frame % keyframeEvery == 0;
            keyframeRequested = false;
            if (keyframe) {
                sincePattern = 0;
                keyframesSent++;
            }
            int temporal = TEMPORAL_PATTERN[sincePattern++ % TEMPORAL_PATTERN.length];
            for (int layer = 0; layer < layers.size(); layer++) {
                sendFrame(browser, layer, keyframe, temporal);
            }
            frame++;
            nextFrame += FRAME_INTERVAL;
        }
    }

    private void sendFrame(PacketSink browser, int layer, boolean keyframe, int temporal) throws IOException {
        Layer spec = layers.get(layer);
        pictureIds[layer] = (pictureIds[layer] + 1) & 0x7FFF;
        if (temporal == 0) {
            tl0PicIdx[layer] = (tl0PicIdx[layer] + 1) & 0xFF;
        }
        int timestamp = timestampBases[layer] + frame * (90_000 / FRAMES_PER_SECOND);
        int remaining = keyframe ? spec.frameBytes() * KEYFRAME_SCALE
                : spec.frameBytes() * TEMPORAL_SIZE_TENTHS[temporal] / 10;
        boolean first = true;
        while (remaining > 0) {
            int chunk = Math.min(remaining, MAX_PAYLOAD - DESCRIPTOR - (LENGTH_CODE - 1));
            remaining -= chunk;
            int payload = DESCRIPTOR + chunk;
            // the receivers' way of telling the layer and the temporal layer
            payload += Math.floorMod(layer + 3 * temporal - payload, LENGTH_CODE);
            int header = transportCcId > 0 ? 20 : 12;
            byte[] packet = new byte[header + payload];
            packet[0] = (byte) (transportCcId > 0 ? 0x90 : 0x80);
            packet[1] = (byte) (VP8 | (remaining == 0 ? 0x80 : 0)); // marker on a frame's last packet
            Bytes.putU16(packet, 2, sequences[layer]);
            sequences[layer] = (sequences[layer] + 1) & 0xFFFF;
            Bytes.putU32(packet, 4, timestamp);
            Bytes.putU32(packet, 8, ssrcs[layer]);
            if (transportCcId > 0) {
                Bytes.putU16(packet, 12, 0xBEDE); // one-byte elements, one word
                Bytes.putU16(packet, 14, 1);
                packet[16] = (byte) ((transportCcId << 4) | 1); // two bytes of value
                Bytes.putU16(packet, 17, transportSequence);
                transportSequence = (transportSequence + 1) & 0xFFFF;
            }
            writeDescriptor(packet, header, first, temporal, pictureIds[layer], tl0PicIdx[layer]);
            int vp8 = header + DESCRIPTOR;
            System.arraycopy(filler, 0, packet, vp8, packet.length - vp8);
            if (first) {
                writeFrameHeader(packet, vp8, keyframe, spec);
            }
            browser.send(packet);
            packetsSent++;
            first = false;
        }
    }

    /** RFC 7741 §4.2: X=1, N for frames nobody references (the top temporal layer), S on a frame's first packet, PID 0. */
    static void writeDescriptor(byte[] packet, int at, boolean start, int temporal, int pictureId, int tl0) {
        packet[at] = (byte) (0x80 | (temporal == 2 ? 0x20 : 0) | (start ? 0x10 : 0));
        packet[at + 1] = (byte) (0x80 | 0x40 | 0x20); // I, L, T
        packet[at + 2] = (byte) (0x80 | (pictureId >>> 8)); // M: 15-bit picture ID
        packet[at + 3] = (byte) pictureId;
        packet[at + 4] = (byte) tl0;
        packet[at + 5] = (byte) (temporal << 6); // TID, Y = 0, KEYIDX = 0
    }

    /**
     * The start of a VP8 frame (RFC 6386 §9.1): the 3-byte frame tag (P = 0 for a key
     * frame, version 0, shown), and for a key frame the start code and the size.
     */
    static void writeFrameHeader(byte[] packet, int at, boolean keyframe, Layer spec) {
        packet[at] = (byte) ((keyframe ? 0x00 : 0x01) | 0x10);
        packet[at + 1] = 0;
        packet[at + 2] = 0;
        if (keyframe) {
            packet[at + 3] = (byte) 0x9d;
            packet[at + 4] = 0x01;
            packet[at + 5] = 0x2a;
            packet[at + 6] = (byte) spec.width();
            packet[at + 7] = (byte) (spec.width() >>> 8);
            packet[at + 8] = (byte) spec.height();
            packet[at + 9] = (byte) (spec.height() >>> 8);
        }
    }

    /** The layer a received packet belongs to, from its RTP payload length (see the class comment). */
    static int layerOfPayloadLength(int payloadLength) {
        return payloadLength % LENGTH_CODE % 3;
    }

    /** The temporal layer of a received packet, from its RTP payload length (see the class comment). */
    static int temporalOfPayloadLength(int payloadLength) {
        return payloadLength % LENGTH_CODE / 3;
    }

    long packetsSent() {
        return packetsSent;
    }

    long keyframesSent() {
        return keyframesSent;
    }
}
