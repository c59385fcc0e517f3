package org.consilium.videobridge.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.Endpoint;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.sdp.InvalidSdpException;

/**
 * Test-only signaling for one conference over plain HTTP on loopback (a secure context for
 * getUserMedia): serves the test page, answers offers, tells each page how many receive
 * slots it needs and when the sources changed, and expires an endpoint when its page leaves.
 */
final class TestSignaling implements AutoCloseable {

    private static final int MAX_OFFER = 256 * 1024;
    /** The product's web client, whose reconnect rule the test page uses (the tests run in videobridge/). */
    private static final java.nio.file.Path WEB_CLIENT = java.nio.file.Path.of(
            System.getProperty("consilium.test.web-client", "../web/src/main/webapp/static/call"));

    private final HttpServer server;
    private final Conference conference;
    private final AtomicLong version = new AtomicLong();

    TestSignaling(Conference conference) throws IOException {
        this(conference, InetAddress.getLoopbackAddress());
    }

    /** Listening on {@code address}: a browser in another network namespace needs one it can reach. */
    TestSignaling(Conference conference, InetAddress address) throws IOException {
        this.conference = conference;
        conference.addListener(c -> version.incrementAndGet());
        server = HttpServer.create(new InetSocketAddress(address, 0), 16);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    URI page(String endpoint) {
        return page(endpoint, "localhost");
    }

    /** The test page as a browser reaches it at {@code host} (which must be secure to it: localhost, or allowed). */
    URI page(String endpoint, String host) {
        return URI.create(origin(host) + "/call.html?endpoint=" + endpoint);
    }

    String origin(String host) {
        return "http://" + host + ":" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String endpointId = query(exchange, "endpoint");
            switch (path) {
                case "/call.html", "/call.js" -> resource(exchange, path);
                case "/reconnect.js", "/path-watchdog.js" -> respond(exchange, 200, "text/javascript",
                        java.nio.file.Files.readString(WEB_CLIENT.resolve(path.substring(1))));
                case "/offer" -> offer(exchange, endpointId);
                case "/state" -> state(exchange, endpointId);
                case "/leave" -> {
                    conference.expireEndpoint(endpointId);
                    respond(exchange, 204, "text/plain", "");
                }
                default -> respond(exchange, 404, "text/plain", "not found");
            }
        } catch (RuntimeException bug) {
            respond(exchange, 500, "text/plain", String.valueOf(bug));
        }
    }

    private void offer(HttpExchange exchange, String endpointId) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_OFFER);
        Endpoint endpoint = conference.endpoint(endpointId).orElseGet(() -> conference.allocateEndpoint(endpointId));
        try {
            String offer = new String(body, StandardCharsets.UTF_8);
            String answer = endpoint.negotiate(offer);
            if (System.getProperty("consilium.test.sdp-dir") != null) {
                java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("consilium.test.sdp-dir"));
                java.nio.file.Files.createDirectories(dir);
                java.nio.file.Files.writeString(dir.resolve(endpointId + ".offer.sdp"), offer);
                java.nio.file.Files.writeString(dir.resolve(endpointId + ".answer.sdp"), answer);
            }
            respond(exchange, 200, "application/sdp", answer);
        } catch (InvalidSdpException invalid) {
            respond(exchange, 400, "text/plain", invalid.getMessage());
        }
    }

    private void state(HttpExchange exchange, String endpointId) throws IOException {
        long current = version.get();
        Map<MediaSource.Kind, Integer> needed = conference.endpoint(endpointId)
                .map(Endpoint::receiveSlotsNeeded).orElse(Map.of());
        String json = "{\"version\":" + current + ",\"audio\":" + needed.getOrDefault(MediaSource.Kind.AUDIO, 0)
                + ",\"video\":" + needed.getOrDefault(MediaSource.Kind.VIDEO, 0) + "}";
        respond(exchange, 200, "application/json", json);
    }

    private void resource(HttpExchange exchange, String path) throws IOException {
        try (InputStream in = TestSignaling.class.getResourceAsStream("/browser" + path)) {
            String type = path.endsWith(".js") ? "text/javascript" : "text/html";
            respond(exchange, 200, type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static String query(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
        }
        return "";
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
