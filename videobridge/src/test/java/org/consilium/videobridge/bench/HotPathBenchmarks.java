package org.consilium.videobridge.bench;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.consilium.videobridge.dtls.SrtpKeys;
import org.consilium.videobridge.dtls.SrtpProfile;
import org.consilium.videobridge.packet.MediaPacket;
import org.consilium.videobridge.rtp.Bytes;
import org.consilium.videobridge.rtp.Rtp;
import org.consilium.videobridge.rtp.RtpRewriter;
import org.consilium.videobridge.sdp.FormatMapping;
import org.consilium.videobridge.srtp.SrtpOutcome;
import org.consilium.videobridge.srtp.SrtpTransformer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-packet stages on a 1,100-byte video packet with three header extensions: SRTP
 * protect, protect-then-unprotect (the difference is the receive side), the per-receiver
 * rewrite, and the RTP header reads the routing does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmarks {

    @Param({"AEAD_AES_128_GCM", "AES_CM_128_HMAC_SHA1_80"})
    public SrtpProfile profile;

    private SrtpTransformer browser;
    private SrtpTransformer bridge;
    private byte[] plain;
    private int sequence;
    private MediaPacket source;
    private org.consilium.videobridge.rtp.SsrcMap<Object> routes = org.consilium.videobridge.rtp.SsrcMap.empty();
    private final java.util.Map<Integer, Object> boxedRoutes = new java.util.HashMap<>();
    private final int[] routeKeys = new int[64];
    private final MediaPacket receiverCopy = new MediaPacket(new byte[1500 + 64], 0, 0);
    private FormatMapping chromiumToFirefox;
    private org.consilium.videobridge.transport.UdpTransport transport;
    private java.nio.channels.DatagramChannel sinkChannel;
    private java.net.InetSocketAddress sink;

    @Setup(Level.Trial)
    public void keys() {
        byte[] material = new byte[2 * (profile.keyLength() + profile.saltLength())];
        ThreadLocalRandom.current().nextBytes(material);
        SrtpKeys keys = new SrtpKeys(profile, material);
        browser = SrtpTransformer.forBrowser(keys);
        bridge = SrtpTransformer.forBridge(keys);
        plain = videoPacket();
        source = new MediaPacket(plain, 0, plain.length);
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 40; i++) {
            int ssrc = random.nextInt() | 0x1000; // never in the Integer cache
            routes = routes.with(ssrc, new Object[39]);
            boxedRoutes.put(ssrc, new Object[39]);
            routeKeys[i] = ssrc;
        }
        for (int i = 40; i < 64; i++) {
            routeKeys[i] = routeKeys[i % 40];
        }
        int[] payloadTypes = new int[128];
        Arrays.fill(payloadTypes, -1);
        payloadTypes[96] = 120;
        int[] extensionIds = new int[256];
        extensionIds[2] = 4;
        extensionIds[3] = 7;
        extensionIds[13] = 0;
        chromiumToFirefox = new FormatMapping(payloadTypes, extensionIds, 7);
        try {
            java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
            sinkChannel = java.nio.channels.DatagramChannel.open().bind(new java.net.InetSocketAddress(loopback, 0));
            sink = (java.net.InetSocketAddress) sinkChannel.getLocalAddress();
            transport = org.consilium.videobridge.transport.UdpTransport.bind(new java.net.InetSocketAddress(loopback, 0),
                    new org.consilium.videobridge.stats.TransportCounters());
        } catch (java.io.IOException failed) {
            throw new IllegalStateException(failed);
        }
    }

    @org.openjdk.jmh.annotations.TearDown(Level.Trial)
    public void close() throws java.io.IOException {
        transport.close();
        sinkChannel.close();
    }

    /** What a browser does per packet, and what the bridge does per forwarded copy. */
    @Benchmark
    public MediaPacket protect() {
        MediaPacket packet = next();
        browser.encryptRtp(packet);
        return packet;
    }

    /** Protect, then the bridge's receive-side unprotect (replay check included). */
    @Benchmark
    public SrtpOutcome protectThenUnprotect() {
        MediaPacket packet = next();
        browser.encryptRtp(packet);
        return bridge.decryptRtp(packet);
    }

    /** A receiver's copy, into the receiver's reused packet: payload type, extension ids, transport-wide sequence. */
    @Benchmark
    public MediaPacket rewriteForReceiver() {
        return RtpRewriter.rewrite(source, chromiumToFirefox, 120, sequence++ & 0xFFFF, receiverCopy);
    }

    /**
     * One forwarded copy's send through the bridge's transport: a 1,100-byte datagram to a
     * loopback port (nobody reads it; the kernel drops overflow, counted as a send failure).
     */
    @Benchmark
    public void sendOnLoopback() {
        transport.send(plain, 0, plain.length, sink);
    }

    /** The routing lookup per packet: which receivers get this source (a 40-source consultation). */
    @Benchmark
    public Object routeLookup() {
        return routes.get(routeKeys[sequence++ & 63]);
    }

    /** The same lookup in a HashMap keyed by Integer, as before SsrcMap (boxes each random SSRC). */
    @Benchmark
    public Object routeLookupBoxed() {
        return boxedRoutes.get(routeKeys[sequence++ & 63]);
    }

    /** The header reads between decryption and routing. */
    @Benchmark
    public int parseHeader() {
        MediaPacket packet = new MediaPacket(plain, 0, plain.length);
        return Rtp.isValid(packet) ? Rtp.ssrc(packet) ^ Rtp.payloadType(packet) ^ Rtp.sequenceNumber(packet)
                ^ RtpRewriter.transportSequence(packet, 3) : 0;
    }

    private MediaPacket next() {
        MediaPacket packet = MediaPacket.copyOf(plain, 0, plain.length);
        packet.putU16(2, sequence++ & 0xFFFF);
        return packet;
    }

    /** Chromium-like VP8: abs-send-time (2), transport-cc (3), video orientation (13); 1,100 bytes of payload. */
    private static byte[] videoPacket() {
        byte[] extension = {(byte) 0xBE, (byte) 0xDE, 0, 3,
                0x22, 1, 2, 3,          // id 2, 3 bytes
                0x31, 0, 7,             // id 3, 2 bytes
                (byte) 0xD0, 0,         // id 13, 1 byte
                0, 0, 0};
        byte[] packet = new byte[12 + extension.length + 1100];
        packet[0] = (byte) 0x90;
        packet[1] = 96;
        Bytes.putU32(packet, 4, 90_000);
        Bytes.putU32(packet, 8, 0x12345678);
        System.arraycopy(extension, 0, packet, 12, extension.length);
        byte[] payload = new byte[1100];
        ThreadLocalRandom.current().nextBytes(payload);
        System.arraycopy(payload, 0, packet, 12 + extension.length, payload.length);
        return packet;
    }
}
