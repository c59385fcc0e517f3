package org.consilium.server.signaling;

import static org.consilium.server.support.DemoStaff.signedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.server.support.ServerReload;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.Ports;
import org.consilium.server.support.SharedDemoDirectory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Oversized signaling messages against the real server (docs/signaling.md, "Error codes"):
 * guests in the lobby, holding only an invitation link, each send a 32 MiB message at once
 * while two staff members are in a call. The container refuses each message once it passes
 * 1 MiB, before buffering the rest (close 1009): the server's heap (what it holds, measured
 * after a collection, again and again during the flood) stays far below what the messages
 * would cost, the call goes on, and the server stays ready.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class SignalingFloodIT {

    private static final int SENDERS = 4;
    private static final int MESSAGE = 32 * 1024 * 1024;
    /** Buffered whole, the messages would hold at least SENDERS x 32 MiB (128 MiB) at once: half of that is the bound. */
    private static final long HEAP_MARGIN = (long) SENDERS * MESSAGE / 2;
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void guestsSendingHugeMessagesAreClosedWithoutBufferingThemAndTheCallGoesOn() throws Exception {
        Browserless owner = signedIn("aortiz");
        String room = firstId(owner.postJson("/api/rooms", "{\"displayName\":\"Flood check\",\"kind\":\"consult\"}"));
        assertEquals(200, owner.put("/api/rooms/" + room + "/hosts/bokafor").statusCode());
        String link = owner.postJson("/api/rooms/" + room + "/invitations", "{\"singleUse\":false}").body()
                .replaceAll(".*\"link\":\"([^\"]+)\".*", "$1");

        try (SignalingClient ana = SignalingClient.open(owner, room, SignalingClient.ORIGIN);
             SignalingClient ben = SignalingClient.open(signedIn("bokafor"), room, SignalingClient.ORIGIN)) {
            ana.await("joined");
            ben.await("joined");
            List<SignalingClient> guests = new ArrayList<>();
            try {
                for (int i = 0; i < SENDERS; i++) {
                    SignalingClient guest = SignalingClient.open(SignalingIT.guestOf(link, "Flooding guest " + i), room, SignalingClient.ORIGIN);
                    guests.add(guest);
                    guest.await("lobby");
                }
                long refusedBefore = refusedTooLarge();
                long before = usedHeapAfterGc();
                AtomicLong peak = new AtomicLong(before);
                AtomicInteger notReady = new AtomicInteger();
                AtomicInteger samples = new AtomicInteger();
                Thread watcher = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        try {
                            // What the server holds, not the garbage of reading: collected first, then measured.
                            peak.accumulateAndGet(usedHeapAfterGc(), Math::max);
                            samples.incrementAndGet();
                            if (readiness() != 200) {
                                notReady.incrementAndGet();
                            }
                        } catch (Exception stopped) {
                            return;
                        }
                    }
                }, "heap-watcher");
                watcher.start();
                String huge = "{\"type\":\"chat\",\"text\":\"" + "x".repeat(MESSAGE) + "\"}";
                List<CompletableFuture<?>> sends = new ArrayList<>();
                for (SignalingClient guest : guests) {
                    sends.add(guest.sendAsync(huge));
                }
                // Each sender is closed for its message with 1009; the rest of it is never read.
                List<Integer> closes = new ArrayList<>();
                for (SignalingClient guest : guests) {
                    closes.add(closeCode(guest));
                }
                List<Boolean> cutShort = new ArrayList<>();
                for (CompletableFuture<?> send : sends) {
                    cutShort.add(send.handle((ok, failed) -> failed != null).get(30, TimeUnit.SECONDS));
                }
                // The call goes on while and after the flood.
                ana.send("{\"type\":\"chat\",\"text\":\"Still with us?\"}");
                String heard = ben.await("chat");
                while (!heard.contains("Still with us?")) {
                    heard = ben.await("chat");
                }
                watcher.interrupt();
                watcher.join(10_000);
                long grew = peak.get() - before;
                System.out.printf("flood: close codes %s, sends cut short %s, heap grew %d MiB (%d samples), not ready %d%n",
                        closes, cutShort, grew / (1024 * 1024), samples.get(), notReady.get());
                assertEquals(List.of(1009, 1009, 1009, 1009).subList(0, SENDERS), closes,
                        "a 32 MiB message closes its connection with 1009");
                assertEquals(java.util.Collections.nCopies(SENDERS, true), cutShort,
                        "the server stopped reading before the 32 MiB were through");
                assertTrue(samples.get() > 0, "the heap was sampled during the flood");
                assertEquals(0, notReady.get(), "/health/ready stayed UP during the flood");
                assertEquals(200, readiness());
                assertEquals(refusedBefore + SENDERS, refusedTooLarge(), "each counted for monitoring (/metrics)");
                assertTrue(grew < HEAP_MARGIN, "the heap grew by " + grew / (1024 * 1024) + " MiB during the flood (bound: "
                        + HEAP_MARGIN / (1024 * 1024) + " MiB; buffering the messages would cost at least "
                        + (long) SENDERS * MESSAGE / (1024 * 1024) + " MiB)");
            } finally {
                guests.forEach(SignalingClient::close);
            }
        }
    }

    /** The close code, or -2 if the server kept the connection open. */
    private static int closeCode(SignalingClient client) throws Exception {
        try {
            return client.awaitClosed();
        } catch (java.util.concurrent.TimeoutException stillOpen) {
            return -2;
        }
    }

    /** Used heap after the server collected its garbage: the baseline. */
    private long usedHeapAfterGc() throws Exception {
        ServerReload.execute(management, Operations.createOperation("gc", memory()));
        return usedHeap();
    }

    private long usedHeap() throws Exception {
        return ServerReload.execute(management, Operations.createReadAttributeOperation(memory(), "heap-memory-usage")).get("used").asLong();
    }

    private static ModelNode memory() {
        return Operations.createAddress("core-service", "platform-mbean", "type", "memory");
    }


    private static final HttpClient HEALTH = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** consilium_signaling_refused_total{reason="too-large"} from the management interface's /metrics. */
    private static long refusedTooLarge() throws Exception {
        String metrics = HEALTH.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Ports.MANAGEMENT + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher line = Pattern.compile("(?m)^consilium_signaling_refused_total\\{[^}]*reason=\"too-large\"[^}]*}\\s+([0-9.]+)$")
                .matcher(metrics);
        assertTrue(line.find(), "the too-large refusals are on /metrics");
        return (long) Double.parseDouble(line.group(1));
    }

    private static int readiness() throws Exception {
        return HEALTH.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Ports.MANAGEMENT + "/health/ready"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String firstId(HttpResponse<String> response) {
        assertTrue(response.statusCode() / 100 == 2, response.statusCode() + " " + response.body());
        Matcher id = ID.matcher(response.body());
        assertTrue(id.find(), response.body());
        return id.group(1);
    }
}
