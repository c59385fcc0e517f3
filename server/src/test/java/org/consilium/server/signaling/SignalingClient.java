package org.consilium.server.signaling;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.Ports;

/** A participant's signaling connection, as a browser page would open it (its session cookie, our Origin). */
final class SignalingClient implements WebSocket.Listener, AutoCloseable {

    static final String ORIGIN = "https://localhost:" + Ports.HTTPS;
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    /** Every message received, in order, whether awaited or not. */
    private final java.util.List<String> everything = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean reading = true;
    private WebSocket socket;

    static SignalingClient open(Browserless browser, String roomId, String origin) throws Exception {
        return open(browser, roomId, origin, "");
    }

    /** As above, with {@code query} (say {@code ?resume=…}) after the room id. */
    static SignalingClient open(Browserless browser, String roomId, String origin, String query) throws Exception {
        SignalingClient client = new SignalingClient();
        String cookie = browser.cookie("CONSILIUM_SESSION").map(c -> "CONSILIUM_SESSION=" + c.getValue()).orElse("");
        client.socket = HttpClient.newBuilder().sslContext(Browserless.trustingSelfSigned()).build()
                .newWebSocketBuilder().header("Origin", origin).header("Cookie", cookie)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("wss://localhost:" + Ports.HTTPS + "/signaling/" + roomId + query), client)
                .get(10, TimeUnit.SECONDS);
        return client;
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends {@code text} if the connection is still open; for senders that go on until stopped. */
    void trySend(String text) {
        if (!socket.isOutputClosed()) {
            socket.sendText(text, true).exceptionally(closed -> null).join();
        }
    }

    /** Starts sending {@code text} as one message; the future fails if the server closes the connection first. */
    CompletableFuture<WebSocket> sendAsync(String text) {
        return socket.sendText(text, true);
    }

    /**
     * The HTTP status with which the server refuses the handshake of {@code browser} (its
     * session cookie) to {@code roomId} from {@code origin}; fails if the server upgrades it.
     */
    static int refusedHandshake(Browserless browser, String roomId, String origin) throws Exception {
        try (SignalingClient accepted = open(browser, roomId, origin)) {
            throw new AssertionError("the handshake was accepted (101)");
        } catch (java.util.concurrent.ExecutionException failed) {
            if (failed.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw failed;
        }
    }

    /** The next message of one of {@code types}, skipping others; fails after a deadline. */
    String await(String... types) throws InterruptedException {
        return awaitWithin(WAIT, types);
    }

    /** The next message of one of {@code types}, skipping others; fails after {@code wait}. */
    String awaitWithin(Duration wait, String... types) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            String message = received.poll(100, TimeUnit.MILLISECONDS);
            for (String type : types) {
                if (message != null && message.contains("\"type\":\"" + type + "\"")) {
                    return message;
                }
            }
        }
        throw new AssertionError("no " + String.join(" or ", types) + " message within " + wait.toSeconds() + " s");
    }

    /** Every message the server sent on this connection so far, awaited or skipped. */
    java.util.List<String> everything() {
        return java.util.List.copyOf(everything);
    }

    /** Whether the server has closed the connection. */
    boolean isClosed() {
        return closed.isDone();
    }

    /** Reads nothing more, as a browser that hangs: the server's messages back up in the network. */
    void stopReading() {
        reading = false;
    }

    /** The close code once the server closed the connection; fails after a deadline. */
    int awaitClosed() throws Exception {
        return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(partial.toString());
            everything.add(partial.toString());
            partial.setLength(0);
        }
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    /** The network goes away: the connection ends without a close frame (the server sees 1006). */
    void drop() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
