package org.consilium.recording.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.consilium.recording.MediaKind;

/**
 * Real Opus and VP8 RTP: ffmpeg encodes a test pattern and a sine tone in real time
 * ({@code -re}) and sends them with its RTP muxer, and its RTCP sender reports, to four UDP
 * ports on 127.0.0.1, where this captures every datagram with its arrival time.
 */
public final class FfmpegRtpSource {

    /** What one run of ffmpeg sent. */
    public record Capture(List<CapturedPacket> packets, long startedNanos) {

        public List<CapturedPacket> rtp(MediaKind kind) {
            return packets.stream().filter(p -> p.kind() == kind && !p.rtcp()).toList();
        }
    }

    private FfmpegRtpSource() {
    }

    /**
     * @param seconds of media
     * @param keyframeEvery VP8 frames between keyframes (ffmpeg's {@code -g})
     */
    public static Capture capture(int seconds, int keyframeEvery) throws IOException, InterruptedException {
        try (Selector selector = Selector.open()) {
            List<DatagramChannel> channels = new ArrayList<>();
            try {
                int video = bindPair(selector, channels, MediaKind.VIDEO);
                int audio = bindPair(selector, channels, MediaKind.AUDIO);
                long started = System.nanoTime();
                Process ffmpeg = new ProcessBuilder(List.of("ffmpeg", "-nostdin", "-v", "error",
                        "-re", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=30:duration=" + seconds,
                        "-re", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds,
                        "-map", "0:v", "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "1M",
                        "-g", String.valueOf(keyframeEvery), "-f", "rtp", "-payload_type", "96",
                        "rtp://127.0.0.1:" + video + "?pkt_size=1200",
                        "-map", "1:a", "-c:a", "libopus", "-b:a", "48k", "-f", "rtp", "-payload_type", "111",
                        "rtp://127.0.0.1:" + audio + "?pkt_size=1200"))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                List<CapturedPacket> packets = new ArrayList<>();
                ByteBuffer buffer = ByteBuffer.allocate(65536);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 30L);
                long quietSince = 0;
                while (true) {
                    if (System.nanoTime() > deadline) {
                        ffmpeg.destroyForcibly();
                        throw new AssertionError("ffmpeg did not finish sending in time");
                    }
                    int ready = selector.select(50);
                    long now = System.nanoTime();
                    if (ready == 0) {
                        // done once ffmpeg has exited and its last datagrams are read
                        if (!ffmpeg.isAlive()) {
                            if (quietSince == 0) {
                                quietSince = now;
                            } else if (now - quietSince > TimeUnit.MILLISECONDS.toNanos(200)) {
                                break;
                            }
                        }
                        continue;
                    }
                    quietSince = 0;
                    for (SelectionKey key : selector.selectedKeys()) {
                        DatagramChannel channel = (DatagramChannel) key.channel();
                        Port port = (Port) key.attachment();
                        buffer.clear();
                        while (channel.receive(buffer) != null) {
                            buffer.flip();
                            byte[] bytes = Arrays.copyOf(buffer.array(), buffer.limit());
                            packets.add(new CapturedPacket(port.kind, port.rtcp, bytes, now));
                            buffer.clear();
                        }
                    }
                    selector.selectedKeys().clear();
                }
                if (ffmpeg.exitValue() != 0) {
                    throw new AssertionError("ffmpeg exited with " + ffmpeg.exitValue());
                }
                return new Capture(List.copyOf(packets), started);
            } finally {
                for (DatagramChannel channel : channels) {
                    channel.close();
                }
            }
        }
    }

    private record Port(MediaKind kind, boolean rtcp) {
    }

    /** An RTP port and the RTCP port above it (ffmpeg's convention), both free, on loopback. */
    private static int bindPair(Selector selector, List<DatagramChannel> channels, MediaKind kind) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            DatagramChannel rtp = DatagramChannel.open().setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            rtp.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) rtp.getLocalAddress()).getPort();
            if (port % 2 == 0 && port < 65535) {
                DatagramChannel rtcp = DatagramChannel.open();
                try {
                    rtcp.bind(new InetSocketAddress("127.0.0.1", port + 1));
                } catch (IOException taken) {
                    rtcp.close();
                    rtp.close();
                    continue;
                }
                for (DatagramChannel channel : List.of(rtp, rtcp)) {
                    channel.configureBlocking(false);
                    channel.register(selector, SelectionKey.OP_READ, new Port(kind, channel == rtcp));
                    channels.add(channel);
                }
                return port;
            }
            rtp.close();
        }
        throw new IOException("no free pair of UDP ports on 127.0.0.1");
    }
}
