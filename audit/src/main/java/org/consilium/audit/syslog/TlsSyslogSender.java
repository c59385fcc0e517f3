package org.consilium.audit.syslog;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Syslog over TLS (RFC 5425): one connection to the SIEM, each message framed as
 * {@code MSG-LEN SP SYSLOG-MSG} (octet counting). TLS 1.3 or 1.2 only, with the
 * {@link TlsCipherSuites} of the HTTPS listener (TLS 1.2: ECDHE and AEAD only), the server's
 * certificate checked against the caller's {@link SSLContext} and its name against
 * {@code host}.
 *
 * <p>{@link #send} writes a whole batch and flushes, or throws: the caller keeps its cursor
 * (on the server, the position in the audit table) and calls again with the same messages
 * later, when this sender reconnects. A SIEM may therefore see a message twice (the
 * {@code seq} parameter tells), but a batch that returned normally was handed to a
 * connection the receiver had not closed. Syslog has no acknowledgements: data written just
 * before the receiver crashes can still be lost, which is why the export, not the SIEM, is
 * the audit record. Thread-safe.
 */
public final class TlsSyslogSender implements Closeable {

    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** How long a check for a receiver-closed connection waits for its EOF before each batch. */
    private static final int LIVENESS_PROBE_MILLIS = 1;

    private final String host;
    private final int port;
    private final SSLContext context;
    private final int connectTimeoutMillis;
    private final long writeTimeoutMillis;
    /** Java sockets have no write timeout: this closes a socket whose write has stalled. */
    private final ScheduledThreadPoolExecutor watchdog;

    private SSLSocket socket;
    /** The TCP socket under {@link #socket}: closing it is what unblocks a stalled write. */
    private Socket tcp;
    private OutputStream out;
    private boolean closed;

    public TlsSyslogSender(String host, int port, SSLContext context, Duration connectTimeout, Duration writeTimeout) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, was " + port);
        }
        if (context == null) {
            throw new IllegalArgumentException("the SSL context must not be null");
        }
        this.host = host;
        this.port = port;
        this.context = context;
        this.connectTimeoutMillis = positiveMillis(connectTimeout, "connectTimeout");
        this.writeTimeoutMillis = positiveMillis(writeTimeout, "writeTimeout");
        this.watchdog = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "syslog-write-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.setRemoveOnCancelPolicy(true);
    }

    /**
     * Sends every message in order and flushes, connecting first if needed.
     *
     * @throws IOException if any of them may not have gone out; the connection is dropped
     *     and the next call reconnects
     */
    public synchronized void send(List<String> messages) throws IOException {
        if (closed) {
            throw new IOException("the syslog sender is closed");
        }
        byte[] frames = frames(messages);
        if (frames.length == 0) {
            return;
        }
        try {
            if (socket == null || receiverClosed()) {
                disconnect();
                connect();
            }
            write(frames);
        } catch (IOException e) {
            disconnect();
            throw e;
        }
    }

    /** Whether a connection is open now (it may still turn out dead on the next send). */
    public synchronized boolean isConnected() {
        return socket != null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        disconnect();
        watchdog.shutdownNow();
    }

    /** RFC 5425 §4.3: MSG-LEN (octets of the UTF-8 message) SP SYSLOG-MSG, for each message. */
    static byte[] frames(List<String> messages) {
        if (messages == null) {
            throw new IllegalArgumentException("messages must not be null");
        }
        ByteArrayOutputStream frames = new ByteArrayOutputStream(messages.size() * 300);
        for (String message : messages) {
            if (message == null || message.isEmpty()) {
                throw new IllegalArgumentException("a syslog message must not be null or empty");
            }
            byte[] octets = message.getBytes(StandardCharsets.UTF_8);
            frames.writeBytes((octets.length + " ").getBytes(StandardCharsets.US_ASCII));
            frames.writeBytes(octets);
        }
        return frames.toByteArray();
    }

    private void connect() throws IOException {
        Socket tcp = new Socket();
        try {
            tcp.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            tcp.setSoTimeout(connectTimeoutMillis); // bounds the handshake too
            tcp.setKeepAlive(true);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, host, port, true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setProtocols(allowedProtocols(tls.getSupportedProtocols()));
            parameters.setCipherSuites(TlsCipherSuites.allowedOf(tls.getSupportedCipherSuites()));
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name host
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            socket = tls;
            this.tcp = tcp;
            out = tls.getOutputStream();
        } catch (IOException | RuntimeException e) {
            closeQuietly(tcp);
            throw e instanceof IOException io ? io : new IOException("cannot connect to the syslog receiver", e);
        }
    }

    /**
     * A receiver that shut down closed our connection; writing into it would "succeed" into
     * the kernel's buffer and be lost. Receivers never send data, so a short read tells:
     * a timeout means open, end of stream or an error means closed.
     */
    private boolean receiverClosed() {
        try {
            socket.setSoTimeout(LIVENESS_PROBE_MILLIS);
            InputStream in = socket.getInputStream();
            return in.read() < 0;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private void write(byte[] frames) throws IOException {
        // The TCP socket, not the TLS one: SSLSocket.close() would wait for the stalled
        // writer's lock to send close_notify.
        Socket current = tcp;
        // Set before the close: an alarm still running when the write fails is a timeout too.
        AtomicBoolean rang = new AtomicBoolean();
        ScheduledFuture<?> alarm = watchdog.schedule(() -> {
            rang.set(true);
            closeQuietly(current);
        }, writeTimeoutMillis, TimeUnit.MILLISECONDS);
        try {
            out.write(frames);
            out.flush();
        } catch (IOException e) {
            if (rang.get()) {
                throw new SocketTimeoutException("writing to the syslog receiver took longer than "
                        + writeTimeoutMillis + " ms");
            }
            throw e;
        } finally {
            if (!alarm.cancel(false)) {
                // The alarm closed the socket just as the write finished: count it as not sent.
                throw new SocketTimeoutException("writing to the syslog receiver took longer than "
                        + writeTimeoutMillis + " ms");
            }
        }
    }

    /** Closes with a close_notify, but no longer than the write timeout if the receiver has stalled. */
    private void disconnect() {
        if (socket != null) {
            Socket current = tcp;
            ScheduledFuture<?> alarm = watchdog.schedule(() -> closeQuietly(current), writeTimeoutMillis,
                    TimeUnit.MILLISECONDS);
            closeQuietly(socket);
            closeQuietly(current);
            alarm.cancel(false);
        }
        socket = null;
        tcp = null;
        out = null;
    }

    private static String[] allowedProtocols(String[] supported) throws IOException {
        List<String> allowed = new ArrayList<>(PROTOCOLS);
        allowed.retainAll(Arrays.asList(supported));
        if (allowed.isEmpty()) {
            throw new IOException("the SSL context supports neither TLS 1.3 nor TLS 1.2");
        }
        return allowed.toArray(String[]::new);
    }

    private static int positiveMillis(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero() || duration.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be positive (and under 24 days)");
        }
        return (int) Math.max(1, duration.toMillis());
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken connection: nothing left to do
        }
    }
}
