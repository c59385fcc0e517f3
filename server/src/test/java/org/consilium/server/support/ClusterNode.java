package org.consilium.server.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Another node of the test server's cluster, started by a test beside the server Arquillian
 * runs (node 1, 127.0.0.1): the same WildFly installation and configuration, so the same
 * credential store and cluster secret; its own base directory; its own loopback address
 * 127.0.0.N, so the same ports; the same database, directory and HSM token (SOFTHSM2_CONF
 * from this JVM's environment), as appliances of one cluster share them.
 *
 * <p>It can be killed ({@code SIGKILL}), frozen ({@code SIGSTOP}, what a powered-off node or a
 * cut cable looks like to the others) and thawed. Closing it stops it, and kills it if it does
 * not stop in time.
 */
public final class ClusterNode implements AutoCloseable {

    private static final Path WILDFLY = Path.of(System.getProperty("wildfly.home"));
    private static final Duration START = Duration.ofSeconds(240);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int number;
    private final Path base;
    private final Process launcher;
    private long pid;

    private ClusterNode(int number, Path base, Process launcher) {
        this.number = number;
        this.base = base;
        this.launcher = launcher;
    }

    /** The cluster's JGroups port on every node (fixed: node 1's arquillian.xml sets the same). */
    public static int clusterPort() {
        return Integer.getInteger("consilium.it.cluster.port", 7700);
    }

    /** The port of JGroups' FD_SOCK2 on every node (fixed, as {@link #clusterPort}). */
    public static int failureDetectionPort() {
        return Integer.getInteger("consilium.it.cluster.fd-port", 57700);
    }

    /** Starts node {@code number} (2 or more) with the product's EAR and waits until it is ready. */
    public static ClusterNode start(int number) throws Exception {
        return start(number, List.of());
    }

    /** As {@link #start(int)}, with these system properties ({@code -Dname=value}) too. */
    public static ClusterNode start(int number, List<String> properties) throws Exception {
        ClusterNode node = launch(number, null, properties);
        try {
            node.awaitReady();
            return node;
        } catch (Exception | AssertionError failed) {
            node.close();
            throw failed;
        }
    }

    /** Launches node {@code number} and returns without waiting for it to be ready. */
    public static ClusterNode launch(int number) throws Exception {
        return launch(number, null, List.of());
    }

    /** Waits until the node is ready; fails if its process ends first. */
    public void awaitReady() throws Exception {
        Poll.until(START, this::readiness, code -> code == 200 || !launcher.isAlive(),
                "node " + number + " ready (its log: " + base.resolve("log") + ")");
        if (!launcher.isAlive()) {
            throw new IllegalStateException("node " + number + " ended while starting; see " + base.resolve("log"));
        }
    }

    /** The node's readiness report (its checks and their data), or empty while it does not answer. */
    public String readinessBody() throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address() + ":" + Ports.MANAGEMENT
                    + "/health/ready")).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException notAnswering) {
            return "";
        }
    }

    /**
     * Launches node {@code number} given another cluster secret than the installation's (and so
     * another TLS key and certificate), the way the product makes them ({@code prepare-secrets.sh}
     * with {@code CONSILIUM_CLUSTER_SECRET}), and returns without waiting for it to be ready.
     */
    public static ClusterNode launchWithSecret(int number, String secret) throws Exception {
        return launch(number, secret, List.of());
    }

    private static ClusterNode launch(int number, String secret, List<String> properties) throws Exception {
        Path base = Path.of("target", "cluster-node-" + number).toAbsolutePath();
        prepare(base);
        if (secret != null) {
            giveSecret(base, secret);
        }
        String address = "127.0.0." + number;
        List<String> command = new ArrayList<>(List.of(WILDFLY.resolve("bin/standalone.sh").toString(),
                "-c", "consilium.xml", "--stability=community",
                "-Djboss.server.base.dir=" + base,
                "-Djboss.bind.address=" + address,
                "-Djboss.bind.address.management=" + address,
                "-Djboss.socket.binding.port-offset=" + Ports.OFFSET,
                "-Djboss.node.name=node-" + number,
                "-Dconsilium.node.id=node-" + number,
                "-Dconsilium.db.driver=postgresql",
                "-Dconsilium.db.url=" + TestDatabase.URL,
                "-Dconsilium.db.user=consilium",
                "-Dconsilium.directory.url=ldap://127.0.0.1:" + Ports.LDAP,
                "-Dconsilium.appliance.settings-dir=" + System.getProperty("consilium.it.settings-dir"),
                "-Dconsilium.audit.checkpoint-every=25",
                "-Dconsilium.audit.checkpoint-interval=PT2S",
                "-Dconsilium.media.bind-address=" + address,
                // TLS as node 1's (arquillian.xml): a browser remembers per address whether it gave
                // a client certificate; a node that asks when another did not fails its handshakes
                "-Dconsilium.tls.client-cert=true",
                "-Dconsilium.tls.client-ca-file=" + System.getProperty("consilium.it.client-ca-file"),
                "-Dconsilium.media.port=" + Integer.getInteger("consilium.it.media.port", 10100),
                "-Dconsilium.cluster.bind-address=" + address,
                "-Dconsilium.cluster.port=" + clusterPort(),
                "-Dconsilium.cluster.fd-port=" + failureDetectionPort(),
                "-Dconsilium.cluster.peers=127.0.0.1[" + clusterPort() + "]," + address + "[" + clusterPort() + "]"));
        command.addAll(properties);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(base.resolve("log/console.log").toFile());
        // standalone.sh keeps the JVM in the background and writes its pid, so the test can
        // signal the server itself, not the script; standalone.conf adds the PKCS#11 flag.
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        builder.environment().put("JBOSS_PIDFILE", base.resolve("pid").toString());
        builder.environment().put("JAVA_OPTS", "-Xms256m -Xmx640m -Djava.net.preferIPv4Stack=true");
        ClusterNode node = new ClusterNode(number, base, builder.start());
        try {
            node.pid = Poll.until(START, node::pidOrZero, pid -> pid != 0, "node " + number + "'s process id");
            if (node.pid < 0) {
                throw new IllegalStateException("node " + number + " ended before it started; see " + base.resolve("log"));
            }
            return node;
        } catch (Exception | AssertionError failed) {
            node.close();
            throw failed;
        }
    }

    /**
     * Runs the build's own {@code prepare-secrets.sh} on this node's copy of the configuration,
     * through an installation directory of links (the real binaries and modules, this node's
     * configuration, the shared token, so the token is kept as it is), with the cluster secret
     * in its environment: it stores the secret and derives the key as on an appliance.
     */
    private static void giveSecret(Path base, String secret) throws Exception {
        Path home = Files.createDirectories(base.resolve("installation"));
        for (String shared : List.of("bin", "modules", "jboss-modules.jar")) {
            Files.createSymbolicLink(home.resolve(shared), WILDFLY.resolve(shared));
        }
        Files.createDirectories(home.resolve("standalone/data"));
        Files.createSymbolicLink(home.resolve("standalone/configuration"), base.resolve("configuration"));
        Files.createSymbolicLink(home.resolve("standalone/data/softhsm2"), WILDFLY.resolve("standalone/data/softhsm2"));
        Path out = Files.createDirectories(base.resolve("cli"));
        Files.copy(Path.of("target/cli/credential-store.cli"), out.resolve("credential-store.cli"));
        ProcessBuilder prepare = new ProcessBuilder("bash", "src/main/scripts/prepare-secrets.sh", home.toString(),
                out.toString()).redirectErrorStream(true).redirectOutput(base.resolve("log/prepare-secrets.log").toFile());
        prepare.environment().put("CONSILIUM_CLUSTER_SECRET", secret);
        Process run = prepare.start();
        if (!run.waitFor(120, TimeUnit.SECONDS) || run.exitValue() != 0) {
            run.destroyForcibly();
            throw new IllegalStateException("prepare-secrets.sh failed; see " + base.resolve("log/prepare-secrets.log"));
        }
    }

    /** Whether the node's server log has a line matching {@code pattern}. */
    public boolean logged(java.util.regex.Pattern pattern) throws IOException {
        Path log = base.resolve("log/server.log");
        try (Stream<String> lines = Files.exists(log) ? Files.lines(log) : Stream.empty()) {
            return lines.anyMatch(line -> pattern.matcher(line).find());
        }
    }

    /** A fresh base directory: the installation's configuration, the EAR to deploy, nothing else. */
    private static void prepare(Path base) throws IOException {
        if (Files.exists(base)) {
            try (Stream<Path> old = Files.walk(base)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Path configuration = Files.createDirectories(base.resolve("configuration"));
        Files.createDirectories(base.resolve("deployments"));
        Files.createDirectories(base.resolve("data"));
        Files.createDirectories(base.resolve("log"));
        try (Stream<Path> files = Files.list(WILDFLY.resolve("standalone/configuration"))) {
            // logging.properties names node 1's log files by absolute path: WildFly writes node 2's anew
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().equals("logging.properties")).toList()) {
                Files.copy(file, configuration.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        // Node 1's configuration lists the deployment Arquillian made, whose content lives in
        // node 1's data directory: node 2 deploys the same EAR from its deployments folder.
        Path xml = configuration.resolve("consilium.xml");
        Files.writeString(xml, Files.readString(xml).replaceAll("(?s)\\s*<deployments>.*?</deployments>", ""));
        Files.copy(Path.of(System.getProperty("consilium.it.ear", "target/consilium.ear")),
                base.resolve("deployments/consilium.ear"));
    }

    public String name() {
        return "node-" + number;
    }

    public String address() {
        return "127.0.0." + number;
    }

    /** Kills the server's JVM at once, as a crash or {@code kill -9} would. */
    public void kill() throws Exception {
        signal("KILL");
        ProcessHandle.of(pid).ifPresent(process -> process.onExit().orTimeout(30, TimeUnit.SECONDS).join());
    }

    /** Stops the server as an administrator would (SIGTERM: WildFly's orderly shutdown), and waits until it has. */
    public void stop() throws Exception {
        signal("TERM");
        ProcessHandle.of(pid).ifPresent(process -> process.onExit().orTimeout(90, TimeUnit.SECONDS).join());
    }

    /** Starts {@link #stop} on a thread of its own (WildFly's stop takes seconds: the test watches meanwhile). */
    public Thread stopInBackground() {
        Thread stopping = new Thread(() -> {
            try {
                stop();
            } catch (Exception failed) {
                throw new IllegalStateException(failed);
            }
        }, "stopping " + name());
        stopping.start();
        return stopping;
    }

    /** Stops the JVM dead without closing anything: to the others, a node powered off or cut off. */
    public void freeze() throws Exception {
        signal("STOP");
    }

    public void thaw() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        // bash's own kill: no dependence on procps being installed
        Process kill = new ProcessBuilder("bash", "-c", "kill -" + name + " \"$0\"", Long.toString(pid))
                .inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + pid + " failed");
        }
    }

    @Override
    public void close() throws Exception {
        if (pid > 0) {
            ProcessHandle.of(pid).ifPresent(process -> {
                try {
                    signal("CONT"); // a frozen JVM cannot stop
                } catch (Exception gone) {
                    // it ended meanwhile
                }
                process.destroy();
                if (process.onExit().completeOnTimeout(null, 60, TimeUnit.SECONDS).join() == null) {
                    process.destroyForcibly();
                }
            });
        }
        launcher.destroy();
        if (!launcher.waitFor(30, TimeUnit.SECONDS)) {
            launcher.destroyForcibly();
        }
    }

    private long pidOrZero() throws IOException {
        Path file = base.resolve("pid");
        if (!Files.exists(file)) {
            return launcher.isAlive() ? 0 : -1;
        }
        String text = Files.readString(file).strip();
        return text.isEmpty() ? 0 : Long.parseLong(text);
    }

    /** The readiness status code, or -1 while the management interface does not answer. */
    private int readiness() throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + address() + ":" + Ports.MANAGEMENT
                    + "/health/ready")).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notAnswering) {
            return -1;
        }
    }
}
