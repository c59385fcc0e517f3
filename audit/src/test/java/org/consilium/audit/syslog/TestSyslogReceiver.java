package org.consilium.audit.syslog;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A SIEM stand-in on loopback: accepts TLS connections and parses RFC 5425 octet-counted
 * frames strictly; a stalled one completes the handshake and then never reads.
 */
final class TestSyslogReceiver implements AutoCloseable {

    private final SSLContext context;
    private final String[] protocols;
    private final boolean stalled;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final List<String> frameErrors = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> connections = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> readers = Collections.synchronizedList(new ArrayList<>());
    private volatile SSLServerSocket server;
    private String[] cipherSuites;

    TestSyslogReceiver(SSLContext context, boolean stalled, String... protocols) {
        this.context = context;
        this.stalled = stalled;
        this.protocols = protocols.length == 0 ? new String[] {"TLSv1.3", "TLSv1.2"} : protocols;
    }

    /** Offers only these cipher suites (before {@link #start}): a receiver configured weakly. */
    TestSyslogReceiver offering(String... suites) {
        this.cipherSuites = suites;
        return this;
    }

    /** Listens on {@code port} of localhost (0: any free port) and returns the port. */
    int start(int port) throws IOException {
        SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        listener.setReuseAddress(true); // the same port again right after stop()
        listener.setEnabledProtocols(protocols);
        if (cipherSuites != null) {
            listener.setEnabledCipherSuites(cipherSuites);
        }
        listener.bind(new InetSocketAddress(InetAddress.getByName("localhost"), port));
        server = listener;
        Thread acceptor = new Thread(() -> accept(listener), "syslog-receiver-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return listener.getLocalPort();
    }

    /**
     * Closes the listener and every connection, as a receiver that shuts down does, and
     * returns once each connection's reader has seen its socket closed: a sender's next
     * look at the connection then finds it closed, not one about to be.
     */
    void stop() throws IOException {
        server.close();
        synchronized (connections) {
            for (Socket connection : connections) {
                connection.close();
            }
            connections.clear();
        }
        List<Thread> stopping;
        synchronized (readers) {
            stopping = new ArrayList<>(readers);
            readers.clear();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Thread reader : stopping) {
            try {
                reader.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The next {@code count} messages, waiting up to {@code timeout} in all. */
    List<String> take(int count, Duration timeout) throws InterruptedException {
        List<String> messages = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.size() < count) {
            String message = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message == null) {
                break;
            }
            messages.add(message);
        }
        return messages;
    }

    /** Messages that arrived and were not taken. */
    List<String> rest() {
        List<String> rest = new ArrayList<>();
        received.drainTo(rest);
        return rest;
    }

    List<String> frameErrors() {
        return frameErrors;
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private void accept(SSLServerSocket listener) {
        while (!listener.isClosed()) {
            try {
                SSLSocket connection = (SSLSocket) listener.accept();
                connections.add(connection);
                Thread reader = new Thread(() -> serve(connection), "syslog-receiver-read");
                reader.setDaemon(true);
                if (!stalled) { // a stalled receiver's reader sleeps on: nothing to wait for
                    readers.add(reader);
                }
                reader.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(SSLSocket connection) {
        try {
            connection.startHandshake();
            if (stalled) {
                Thread.sleep(Long.MAX_VALUE);
            }
            InputStream in = new BufferedInputStream(connection.getInputStream());
            while (true) {
                int length = readLength(in);
                if (length < 0) {
                    return;
                }
                byte[] message = in.readNBytes(length);
                if (message.length != length) {
                    frameErrors.add("connection closed inside a frame");
                    return;
                }
                received.add(new String(message, StandardCharsets.UTF_8));
            }
        } catch (IOException | InterruptedException | IllegalStateException e) {
            // the connection was closed under us by stop(), or the frame was broken (recorded)
        }
    }

    /** MSG-LEN = NONZERO-DIGIT 0*8DIGIT, then SP; -1 at a clean end of stream. */
    private int readLength(InputStream in) throws IOException {
        int c = in.read();
        if (c < 0) {
            return -1;
        }
        if (c < '1' || c > '9') {
            frameErrors.add("frame does not start with a nonzero digit: " + c);
            throw new IllegalStateException();
        }
        int length = c - '0';
        for (int digits = 1; ; digits++) {
            c = in.read();
            if (c == ' ') {
                return length;
            }
            if (c < '0' || c > '9' || digits == 9) {
                frameErrors.add(c < 0 ? "end of stream inside MSG-LEN" : "bad MSG-LEN character " + c);
                if (c < 0) {
                    throw new EOFException();
                }
                throw new IllegalStateException();
            }
            length = length * 10 + (c - '0');
        }
    }
}
