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
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean reading = true;
    private WebSocket socket;

    static SignalingClient open(Browserless browser, String roomId, String origin) throws Exception {
        SignalingClient client = new SignalingClient();
        String cookie = browser.cookie("CONSILIUM_SESSION").map(c -> "CONSILIUM_SESSION=" + c.getValue()).orElse("");
        client.socket = HttpClient.newBuilder().sslContext(Browserless.trustingSelfSigned()).build()
                .newWebSocketBuilder().header("Origin", origin).header("Cookie", cookie)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("wss://localhost:" + Ports.HTTPS + "/signaling/" + roomId), client)
                .get(10, TimeUnit.SECONDS);
        return client;
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next message of one of {@code types}, skipping others; fails after a deadline. */
    String await(String... types) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String message = received.poll(100, TimeUnit.MILLISECONDS);
            for (String type : types) {
                if (message != null && message.contains("\"type\":\"" + type + "\"")) {
                    return message;
                }
            }
        }
        throw new AssertionError("no " + String.join(" or ", types) + " message within " + WAIT.toSeconds() + " s");
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

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
