package org.consilium.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.consilium.server.admin.ConsoleUser;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ChannelView;
import org.consilium.server.support.ClusterKeys;
import org.consilium.server.support.ClusterNode;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.ConsoleScreenshots;
import org.consilium.server.support.Poll;
import org.consilium.server.support.ServerReload;
import org.consilium.server.support.SharedDemoDirectory;
import org.consilium.server.support.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Node 1 (the test server) and node 2 (started here) form one cluster over the product's own
 * configuration: TCP to the peer list, mutual TLS with the key and certificate derived from the
 * cluster secret, the secret itself (AUTH). A node that freezes (what a power cut or a pulled
 * cable looks like to the others) is suspected and removed within the 3 s; when it
 * comes back the two halves merge; a node killed with its host alive is gone in under a
 * second, because its sockets close. The coordinator audits every change, and node 1's console
 * lists both bridges from the registry the nodes publish. A node given another cluster secret
 * is not let in, and the cluster's port speaks only TLS with the certificate the secret
 * derives. A node starting while another creates the keys on the shared token waits for it.
 */
@ExtendWith(SharedDemoDirectory.class) // node 2 is ready only when it reaches the directory
@ExtendWith(ArquillianExtension.class)
class ClusterMembershipIT {

    /** FD_ALL3 2000 ms + one 500-ms check + VERIFY_SUSPECT2 500 ms (60-cluster.cli), plus the view's installation. */
    private static final Duration FROZEN_GOAL = Duration.ofMillis(3500);
    /** FD_SOCK2 sees the socket close, VERIFY_SUSPECT2 confirms after 500 ms. */
    private static final Duration KILLED_GOAL = Duration.ofMillis(1500);
    /** The key of the advisory lock around the first start's key creation (ejb's KeyCreationLock). */
    private static final long KEY_CREATION_LOCK = 0x436e736c6d4b6579L;
    /** Both nodes, by name: after a merge either may coordinate, so the view's order varies. */
    private static final List<String> BOTH = List.of("node-1", "node-2");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @ArquillianResource
    ManagementClient management;

    @Test
    void aSecondNodeJoinsAFrozenOneIsRemovedWithinThreeSecondsAndMergesBackAKilledOneLeavesAtOnce() throws Exception {
        assertEquals(List.of("node-1"), members(), "the test server alone before node 2 starts");
        long before = TestDatabase.lastAuditSequence();
        // -Dconsilium.it.cluster.rounds=20 for the figures in docs/performance.md ("Cluster")
        int rounds = Integer.getInteger("consilium.it.cluster.rounds", 1);
        List<Long> joined = new ArrayList<>();
        List<Long> frozen = new ArrayList<>();
        List<Long> merged = new ArrayList<>();
        List<Long> killed = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long launched = System.nanoTime();
            try (ClusterNode second = round == 0 ? startWhileAnotherNodeCreatesTheKeys() : ClusterNode.start(2)) {
                Poll.until(Duration.ofSeconds(30), this::members, BOTH::equals, "node 2 in node 1's view");
                if (round > 0) { // the first round includes the wait for the key lock
                    joined.add(millisSince(launched));
                }
                if (round == 0) {
                    theDashboardShowsBothBridges();
                    noFalseSuspicionUnderLoad(Integer.getInteger("consilium.it.cluster.soak-seconds", 0));
                }

                second.freeze();
                long frozenAt = System.nanoTime();
                awaitMembers(List.of("node-1"), Duration.ofSeconds(15));
                frozen.add(millisSince(frozenAt));

                second.thaw();
                long thawedAt = System.nanoTime();
                Poll.until(Duration.ofSeconds(60), this::members, BOTH::equals,
                        "node 2 merged back after it was thawed");
                merged.add(millisSince(thawedAt));

                second.kill();
                long killedAt = System.nanoTime();
                awaitMembers(List.of("node-1"), Duration.ofSeconds(15));
                killed.add(millisSince(killedAt));
            }
        }
        if (!joined.isEmpty()) {
            System.out.println("node 2 launched -> ready and in node 1's view, ms: " + summary(joined));
        }
        System.out.println("node 2 frozen (SIGSTOP) -> removed from node 1's view, ms: " + summary(frozen));
        System.out.println("node 2 thawed -> merged back, ms: " + summary(merged));
        System.out.println("node 2 killed (SIGKILL) -> removed from node 1's view, ms: " + summary(killed));
        assertTrue(Collections.max(frozen) <= FROZEN_GOAL.toMillis(), "a frozen node removed after " + frozen + " ms");
        assertTrue(Collections.max(killed) <= KILLED_GOAL.toMillis(), "a killed node removed after " + killed + " ms");

        List<String> changes = Poll.until(Duration.ofSeconds(10),
                () -> TestDatabase.auditAfter(before, "action", "actor", "details").stream()
                        .filter(event -> event.startsWith("cluster-changed ")).toList(),
                events -> events.size() >= 4 * rounds, "the coordinator's audit of every change");
        assertTrue(changes.get(0).contains("\"joined\":\"node-2\""), changes.toString());
        // the heal, audited by the merged view's coordinator (node 2 never saw itself leave)
        assertTrue(changes.stream().anyMatch(change -> change.contains("\"change\":\"merge\"")), changes.toString());
        assertTrue(changes.stream().allMatch(change -> change.startsWith("cluster-changed system ")), changes.toString());
        assertTrue(changes.get(changes.size() - 1).contains("\"left\":\"node-2\""), changes.toString());
    }

    /**
     * Both nodes stay in each other's view while every core of the machine is kept busy by
     * more spinning threads than cores (0 s: skipped; -Dconsilium.it.cluster.soak-seconds=120
     * for docs/performance.md). Node 1's FD_ALL3 counts the suspicions it raised.
     */
    private void noFalseSuspicionUnderLoad(int seconds) throws Exception {
        if (seconds <= 0) {
            return;
        }
        long suspicionsBefore = suspectEvents();
        int spinners = 3 * Runtime.getRuntime().availableProcessors();
        java.util.concurrent.atomic.AtomicBoolean spinning = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < spinners; i++) {
            Thread spinner = new Thread(() -> {
                long sink = 0;
                while (spinning.get()) {
                    sink += System.nanoTime() % 7;
                }
                if (sink == 42) {
                    System.out.print(""); // keeps the loop from being optimised away
                }
            });
            spinner.setDaemon(true);
            spinner.start();
            threads.add(spinner);
        }
        List<List<String>> otherViews = new ArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try {
            while (System.nanoTime() < end) {
                List<String> now = members();
                if (!now.equals(BOTH)) {
                    otherViews.add(now);
                }
                Thread.sleep(200);
            }
        } finally {
            spinning.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }
        long suspicions = suspectEvents() - suspicionsBefore;
        System.out.printf("%d s with %d spinning threads on %d cores: %d suspicions, %d polls saw another view%n",
                seconds, spinners, Runtime.getRuntime().availableProcessors(), suspicions, otherViews.size());
        assertEquals(List.of(), otherViews, "node 2 stayed in node 1's view under load");
        assertEquals(0, suspicions, "node 1 suspected nobody under load");
    }

    private long suspectEvents() throws Exception {
        return ServerReload.execute(management, Operations.createReadAttributeOperation(Operations.createAddress(
                "subsystem", "jgroups", "channel", "ee", "protocol", "FD_ALL3"), "num_suspect_events")).asLong();
    }

    /** Node 1's console lists both members with the address and load their registry entries carry. */
    private static void theDashboardShowsBothBridges() throws Exception {
        Browserless admin = ConsoleUser.verifiedSession("srivera"); // the demo directory's administrator
        String media = ":" + Integer.getInteger("consilium.it.media.port", 10100);
        JsonArray members = Poll.until(Duration.ofSeconds(15), () -> Json.createReader(new StringReader(
                        admin.get("/admin/dashboard.json").body())).readObject().getJsonObject("node")
                        .getJsonArray("members"),
                rows -> rows.size() == 2, "both bridges in node 1's cluster table");
        JsonObject first = members.getJsonObject(0);
        JsonObject second = members.getJsonObject(1);
        assertEquals("node-1", first.getString("name"));
        assertEquals("coordinator, this node", first.getString("role"));
        assertEquals("127.0.0.1" + media, first.getString("media"));
        assertEquals("node-2", second.getString("name"));
        assertEquals("member", second.getString("role"));
        assertEquals("127.0.0.2" + media, second.getString("media"), "node 2's own bridge, published by node 2");
        String newest = Json.createReader(new StringReader(admin.get("/admin/dashboard.json").body())).readObject()
                .getJsonObject("node").getJsonArray("changes").getString(0);
        assertTrue(newest.matches("\\d\\d:\\d\\d:\\d\\d UTC: node-2 joined; members node-1, node-2"), newest);
        ConsoleScreenshots.take(admin, "/admin/", "members-table", "dashboard-cluster");
        ConsoleScreenshots.take(admin, "/admin/", "cluster-changes", "dashboard-cluster-changes");
        String ready = ServerReload.readinessBody();
        assertTrue(ready.contains("\"members\":\"node-1,node-2\"") && ready.contains("\"alone\":false"), ready);
    }

    private static String summary(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return "n=" + sorted.size() + " min " + sorted.get(0) + " median " + sorted.get(sorted.size() / 2)
                + " p95 " + sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1) + " max " + sorted.get(sorted.size() - 1)
                + " " + millis;
    }

    /**
     * Node 2 starts while "another node" (this test, holding the key-creation lock in the
     * shared database) is creating the keys: it does not look for or create keys meanwhile
     * (its readiness says why it waits) and attaches once the lock is free.
     */
    private static ClusterNode startWhileAnotherNodeCreatesTheKeys() throws Exception {
        try (Connection db = TestDatabase.asServer()) {
            advisoryLock(db, "select pg_advisory_lock(?)");
            ClusterNode second = ClusterNode.launch(2);
            try {
                String waiting = Poll.until(Duration.ofSeconds(240), second::readinessBody,
                        body -> body.contains("creating the keys"), "node 2 waiting for the key-creation lock");
                assertTrue(waiting.contains("\"name\":\"hsm\",\"status\":\"DOWN\""), waiting);
                advisoryLock(db, "select pg_advisory_unlock(?)");
                second.awaitReady();
                return second;
            } catch (Exception | AssertionError failed) {
                second.close();
                throw failed;
            }
        }
    }

    private static void advisoryLock(Connection db, String sql) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setLong(1, KEY_CREATION_LOCK);
            statement.execute();
        }
    }

    @Test
    void aNodeGivenAnotherSecretIsNotLetIn() throws Exception {
        long before = TestDatabase.lastAuditSequence();
        try (ClusterNode stranger = ClusterNode.launchWithSecret(3, "not this cluster's secret, though long enough")) {
            // its channel is refused (AUTH) or it ends up alone; either way the server says how it started
            Pattern started = Pattern.compile("WFLYSRV0025|WFLYSRV0026|WFLYCLJG0033|authentication failed");
            Poll.until(Duration.ofSeconds(240), () -> stranger.logged(started), Boolean::booleanValue,
                    "node 3 started (or failed to)");
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos(); // JGroups retries a refused join
            while (System.nanoTime() < end) {
                assertEquals(List.of("node-1"), members(), "node 1's view while node 3 tries to join");
                Thread.sleep(200);
            }
            System.out.println("node 3 with another secret: "
                    + (stranger.logged(Pattern.compile("authentication failed")) ? "refused by AUTH" : "alone"));
        }
        // its attempts (MERGE3 sees another view and tries to merge) change nothing, so nothing is audited
        assertEquals(List.of(), TestDatabase.auditAfter(before, "action", "details").stream()
                .filter(event -> event.startsWith("cluster-changed ")).toList());
    }

    /**
     * The cluster's port speaks mutual TLS 1.3 and nothing else (60-cluster.cli): node 1
     * presents the certificate derived from the cluster secret (the installation's cluster.p12)
     * to anyone, and refuses a client that presents none or the one another secret derives (an
     * alert); a client presenting the derived one is let through to JGroups, which waits for
     * its peer's address and closes without complaint. A plaintext JGroups-style opening is
     * answered with a TLS alert.
     */
    @Test
    void theClusterPortIsMutualTlsWithTheCertificateDerivedFromTheSecret() throws Exception {
        InetSocketAddress node1 = new InetSocketAddress("127.0.0.1", ClusterNode.clusterPort());
        Poll.until(Duration.ofSeconds(30), () -> accepts(node1), Boolean::booleanValue, "node 1's cluster port open");
        ClusterKeys ours = ClusterKeys.installation();
        X509Certificate derived = ours.certificate();
        assertEquals("CN=consilium cluster", derived.getSubjectX500Principal().getName());
        assertEquals(derived.getSubjectX500Principal(), derived.getIssuerX500Principal(), "self-signed");

        // no client certificate: node 1 shows the cluster's, then refuses
        List<X509Certificate> presented = new ArrayList<>();
        try (SSLSocket anyone = tlsClient(node1, null, presented)) {
            anyone.startHandshake();
            assertEquals("TLSv1.3", anyone.getSession().getProtocol());
            assertTrue(anyone.getSession().getCipherSuite().matches("TLS_(AES_(128|256)_GCM|CHACHA20_POLY1305)_SHA(256|384)"),
                    anyone.getSession().getCipherSuite());
            assertEquals(List.of(derived), presented, "node 1 presents exactly the certificate derived from the secret");
            // refused: its alert, or the connection reset right behind it (the client's last
            // flight unread when node 1 closed); a client it accepts reads an orderly close (below)
            IOException refused = assertThrows(IOException.class, () -> anyone.getInputStream().read(),
                    "node 1 refuses a client without a certificate");
            System.out.println("no client certificate: " + refused.getMessage());
        }

        // the certificate another secret derives (the product's ClusterKey.java): refused
        Path elsewhere = Files.createDirectories(Path.of("target", "cluster-tls"));
        ClusterKeys other = ClusterKeys.derive("not this cluster's secret, though long enough", elsewhere.resolve("other.p12"));
        assertNotEquals(derived, other.certificate());
        try (SSLSocket stranger = tlsClient(node1, other, new ArrayList<>())) {
            IOException refused = assertThrows(IOException.class, () -> { // an alert, or reset right behind it
                stranger.startHandshake();
                stranger.getInputStream().read();
            }, "node 1 refuses another secret's certificate");
            System.out.println("another secret's certificate: " + refused.getMessage());
        }

        // the derived certificate: the handshake completes and node 1 does not refuse it; JGroups
        // then waits a second for a peer address that never comes, and closes in order
        List<X509Certificate> seen = new ArrayList<>();
        try (SSLSocket member = tlsClient(node1, ours, seen)) {
            member.startHandshake();
            assertEquals(List.of(derived), seen);
            assertEquals(List.of(derived), List.of(member.getSession().getLocalCertificates()));
            member.setSoTimeout(10_000);
            assertEquals(-1, member.getInputStream().read(), "closed by JGroups in order, no alert");
        }

        // plaintext, as an unencrypted JGroups node opens (its cookie and version; a JGroups
        // server without TLS would wait for the peer's address, then close without a word):
        // answered with a fatal TLS alert record (content type 21, level 2), then closed
        try (Socket plain = new Socket()) {
            plain.connect(node1, 5000);
            plain.setSoTimeout(10_000);
            plain.getOutputStream().write(new byte[] {'b', 'e', 'l', 'a', 0x14, 0x02});
            plain.getOutputStream().flush();
            byte[] answer = plain.getInputStream().readNBytes(64);
            String hex = HexFormat.of().formatHex(answer);
            assertTrue(hex.matches("15030[1-4]000202[0-9a-f]{2}"), "a plaintext opening answered with a TLS alert, not " + hex);
            System.out.println("plaintext opening answered with: " + hex);
        }
    }

    private static boolean accepts(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 1000);
            return true;
        } catch (java.io.IOException closed) {
            return false;
        }
    }

    /**
     * A TLS client of {@code address} that presents {@code keys} (none: null), trusts whatever
     * the server presents and records it in {@code presented}.
     */
    private static SSLSocket tlsClient(InetSocketAddress address, ClusterKeys keys, List<X509Certificate> presented)
            throws Exception {
        X509TrustManager recording = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException("a client only");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                presented.addAll(List.of(chain));
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keys == null ? null : keys.keyManagers(), new TrustManager[] {recording}, null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        socket.connect(address, 5000);
        socket.setSoTimeout(10_000);
        socket.setEnabledProtocols(new String[] {"TLSv1.3"});
        return socket;
    }

    /** Polls the view tightly: the time it changes is what is measured. */
    private void awaitMembers(List<String> wanted, Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        List<String> last = members();
        while (!last.equals(wanted)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("node 1's view still " + last + " after " + deadline + ", wanted " + wanted);
            }
            Thread.sleep(20);
            last = members();
        }
    }

    /** Node 1's members as its JGroups channel sees them, without the version suffix, by name. */
    private List<String> members() throws Exception {
        return ChannelView.members(management);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
