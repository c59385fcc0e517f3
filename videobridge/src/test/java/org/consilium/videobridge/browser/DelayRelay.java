package org.consilium.videobridge.browser;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A path with a fixed one-way delay (the kernel here has no netem): browsers send to the
 * address the bridge advertises, where this relay listens; each datagram goes on to the
 * bridge after the delay from a socket of its own per browser address (so the bridge sees
 * each browser as a peer of its own), and the bridge's answers come back after the delay.
 * Loopback and the test's own namespace only.
 */
final class DelayRelay implements AutoCloseable {

    private final DatagramSocket front;
    private final InetSocketAddress bridge;
    private final long delayNanos;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private final Map<SocketAddress, DatagramSocket> backs = new ConcurrentHashMap<>();
    private volatile boolean open = true;

    DelayRelay(InetSocketAddress listen, InetSocketAddress bridge, Duration oneWay) throws IOException {
        this.front = new DatagramSocket(listen);
        this.bridge = bridge;
        this.delayNanos = oneWay.toNanos();
        Thread reader = new Thread(this::fromBrowsers, "delay-relay-front");
        reader.setDaemon(true);
        reader.start();
    }

    private void fromBrowsers() {
        byte[] buffer = new byte[2048];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        while (open) {
            try {
                datagram.setLength(buffer.length);
                front.receive(datagram);
                SocketAddress browser = datagram.getSocketAddress();
                DatagramSocket back = backs.computeIfAbsent(browser, this::backFor);
                byte[] copy = Arrays.copyOf(buffer, datagram.getLength());
                later.schedule(() -> send(back, copy, bridge), delayNanos, TimeUnit.NANOSECONDS);
            } catch (IOException | RuntimeException closed) {
                return;
            }
        }
    }

    private DatagramSocket backFor(SocketAddress browser) {
        try {
            DatagramSocket back = new DatagramSocket(new InetSocketAddress(bridge.getAddress(), 0));
            Thread reader = new Thread(() -> fromBridge(back, browser), "delay-relay-back");
            reader.setDaemon(true);
            reader.start();
            return back;
        } catch (IOException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private void fromBridge(DatagramSocket back, SocketAddress browser) {
        byte[] buffer = new byte[2048];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        while (open) {
            try {
                datagram.setLength(buffer.length);
                back.receive(datagram);
                byte[] copy = Arrays.copyOf(buffer, datagram.getLength());
                later.schedule(() -> send(front, copy, browser), delayNanos, TimeUnit.NANOSECONDS);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void send(DatagramSocket socket, byte[] datagram, SocketAddress to) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
        } catch (IOException gone) {
            // closing: the datagram is lost, as on a real path
        }
    }

    @Override
    public void close() {
        open = false;
        front.close();
        backs.values().forEach(DatagramSocket::close);
        later.shutdownNow();
    }
}
