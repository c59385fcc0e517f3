package org.consilium.videobridge.browser;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.consilium.videobridge.conference.LocalTransport;
import org.consilium.videobridge.ice.ConnectivityChecks;

/**
 * Throws bad datagrams at the bridge from an address no browser uses: random bytes of every
 * first-byte class (STUN, DTLS, RTP/RTCP, nothing), and connectivity checks for live
 * endpoints with forged integrity or mutated bytes. Every one must be dropped and counted.
 */
final class PacketFuzzer {

    private PacketFuzzer() {
    }

    /** Sends {@code count} packets, paced so that loopback does not drop them itself; returns the number sent. */
    static int send(InetSocketAddress bridge, List<LocalTransport> live, int count, long seed) throws IOException {
        Random random = new Random(seed);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(bridge.getAddress(), 0))) {
            for (int i = 0; i < count; i++) {
                byte[] packet = switch (i % 4) {
                    case 0 -> randomBytes(random, random.nextInt(256)); // any first byte: every demux class
                    case 1 -> withFirstByte(random, 20 + random.nextInt(60), random.nextBoolean() ? 0x80 : 0x90); // RTP/RTCP-like
                    case 2 -> withFirstByte(random, 13 + random.nextInt(200), 20 + random.nextInt(44)); // DTLS-like
                    default -> mutatedCheck(random, live.get(random.nextInt(live.size())));
                };
                socket.send(new DatagramPacket(packet, packet.length, bridge));
                if (i % 50 == 49) {
                    LockSupport.parkNanos(1_000_000); // pacing, not synchronisation
                }
            }
        }
        return count;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[Math.max(1, length)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] withFirstByte(Random random, int length, int first) {
        byte[] bytes = randomBytes(random, length);
        bytes[0] = (byte) first;
        return bytes;
    }

    /** A check naming a live endpoint's ufrag, signed with the wrong password or damaged after signing. */
    private static byte[] mutatedCheck(Random random, LocalTransport target) {
        byte[] wrongPassword = randomBytes(random, 24);
        byte[] check = ConnectivityChecks.check(target.iceUfrag() + ":fuzz", wrongPassword, true, true);
        if (random.nextBoolean()) {
            // damage a byte after the message type, so it stays a request (never a keepalive indication)
            int at = 2 + random.nextInt(check.length - 2);
            check[at] ^= (byte) (1 + random.nextInt(255));
        }
        return check;
    }
}
