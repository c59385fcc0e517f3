package org.consilium.videobridge.browser;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.consilium.videobridge.Eventually;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * Debian's headless Chromium in a network namespace of its own, reached from the test JVM's
 * namespace (itself private: src/test/netns) over one veth pair, 10.214.N.1/28 on the JVM's
 * side and 10.214.N.2 on the browser's, so a test can take the browser's link down and up as a
 * Wi-Fi drop would ({@link #linkDown}, {@link #linkUp}), or bring it back with another address,
 * as after a move to another network ({@link #linkUpWithNewAddress}). Its chromedriver runs in
 * that namespace too, on its loopback, and is driven through a Unix socket relayed at both
 * ends (socat): the browser has no other link, so media and the test page's signaling have
 * only the first one, and with it down the browser is offline, as a cart with only its
 * Wi-Fi is. The namespace lives as long
 * as a holder process this object starts; closing ends that, the driver and the browser, and
 * the veth pair goes with the namespace. Nothing is sent beyond this machine's namespaces.
 */
final class ChromiumBehindLink implements TestBrowser {

    private static final String BROWSER_SIDE = "cpt0";
    private static final Duration START = Duration.ofSeconds(30);

    private final String jvmSideAddress;
    private final String jvmSide;
    private final String subnet;
    private String browserAddress;
    private int hostNumber = 2;
    private final Process holder;
    private final String namespace;
    private final List<Process> started = new ArrayList<>();
    private final RemoteWebDriver driver;

    /**
     * @param index         which 10.214.N.0/30 (and veth name) to use, 1 to 250
     * @param driverPort    chromedriver's port inside the namespace
     * @param secureOrigin  the test page's origin (plain HTTP over the veth), treated as secure for getUserMedia
     */
    ChromiumBehindLink(int index, int driverPort, String secureOrigin) throws IOException, InterruptedException {
        subnet = "10.214." + index + ".";
        jvmSideAddress = subnet + "1";
        browserAddress = subnet + hostNumber;
        holder = new ProcessBuilder("unshare", "--net", "sleep", "3600").redirectErrorStream(true).start();
        started.add(holder);
        namespace = "/proc/" + holder.pid() + "/ns/net";
        try {
            Path own = Files.readSymbolicLink(Path.of("/proc/self/ns/net"));
            Eventually.until(START, () -> isOtherNamespace(own), "the browser's network namespace");
            jvmSide = "cbr" + index;
            run("ip", "link", "add", jvmSide, "type", "veth", "peer", "name", BROWSER_SIDE, "netns", namespace);
            run("ip", "addr", "add", jvmSideAddress + "/28", "dev", jvmSide);
            run("ip", "link", "set", jvmSide, "up");
            inside("ip", "link", "set", "lo", "up");
            inside("ip", "addr", "add", browserAddress + "/28", "dev", BROWSER_SIDE);
            linkUp();
            // chromedriver listens on the namespace's loopback; the JVM reaches it through a Unix
            // socket (a file, seen from every namespace) relayed at both ends: no second link, so
            // when its one link is down the browser is offline, as a cart with only its Wi-Fi is.
            Path socket = Files.createTempDirectory("chromedriver-behind-link").resolve("driver.sock");
            socket.toFile().deleteOnExit();
            File log = File.createTempFile("chromedriver-behind-link", ".log");
            log.deleteOnExit();
            Process chromedriver = new ProcessBuilder("nsenter", "--net=" + namespace, Chromium.DRIVER.toString(),
                    "--port=" + driverPort, "--allowed-origins=*")
                    .redirectErrorStream(true).redirectOutput(log).start();
            started.add(chromedriver);
            started.add(new ProcessBuilder("nsenter", "--net=" + namespace, "socat",
                    "UNIX-LISTEN:" + socket + ",fork", "TCP:127.0.0.1:" + driverPort)
                    .redirectErrorStream(true).redirectOutput(log).start());
            Eventually.until(START, () -> Files.exists(socket), "the relay into the browser's namespace");
            int localPort = freeLoopbackPort();
            started.add(new ProcessBuilder("socat", "TCP-LISTEN:" + localPort + ",bind=127.0.0.1,reuseaddr,fork",
                    "UNIX-CONNECT:" + socket).redirectErrorStream(true).redirectOutput(log).start());
            String control = "http://127.0.0.1:" + localPort;
            URL status = URI.create(control + "/status").toURL();
            Eventually.until(START, () -> answers(status), "chromedriver in the browser's namespace");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(Chromium.BINARY.toFile());
            options.addArguments(Chromium.ARGUMENTS);
            options.addArguments("--unsafely-treat-insecure-origin-as-secure=" + secureOrigin);
            driver = new RemoteWebDriver(URI.create(control).toURL(), options);
        } catch (IOException | InterruptedException | RuntimeException | Error failed) {
            stopProcesses();
            throw failed;
        }
    }

    /** The browser's link goes down, as when a Wi-Fi drops: its interface is down, its routes gone. */
    void linkDown() throws IOException, InterruptedException {
        inside("ip", "link", "set", BROWSER_SIDE, "down");
    }

    /**
     * What reaches the browser is held to {@code kbit} kbit/s (tbf on the link's far end, so
     * the bridge's sends queue and then drop as on a weak Wi-Fi); the browser's own sending
     * is not limited.
     */
    void limitDownlink(int kbit) throws IOException, InterruptedException {
        run("tc", "qdisc", "replace", "dev", jvmSide, "root", "tbf", "rate", kbit + "kbit", "burst", "16kbit",
                "latency", "100ms");
    }

    /** About {@code percent} % of the UDP datagrams reaching the browser are lost (nftables, random). */
    void loseIncoming(int percent) throws IOException, InterruptedException {
        inside("nft", "add", "table", "inet", "impair");
        inside("nft", "add", "chain", "inet", "impair", "in", "{ type filter hook input priority 0; }");
        inside("nft", "add", "rule", "inet", "impair", "in", "meta", "l4proto", "udp", "numgen", "random", "mod", "100",
                "<", Integer.toString(percent), "drop");
    }

    /** The link as it was: no rate limit, no loss. */
    void clearImpairments() throws IOException, InterruptedException {
        try {
            run("tc", "qdisc", "del", "dev", jvmSide, "root");
        } catch (IOException noneSet) {
            // nothing was limited
        }
        try {
            inside("nft", "delete", "table", "inet", "impair");
        } catch (IOException noneSet) {
            // nothing was lost
        }
    }

    /** The link is back: the interface up and the default route (which went with it) again. */
    void linkUp() throws IOException, InterruptedException {
        inside("ip", "link", "set", BROWSER_SIDE, "up");
        inside("ip", "route", "replace", "default", "via", jvmSideAddress, "dev", BROWSER_SIDE);
    }

    /**
     * The link is back on another network: a new address (the old one is gone, so is every
     * path from it).
     */
    void linkUpWithNewAddress() throws IOException, InterruptedException {
        if (hostNumber >= 14) {
            throw new IllegalStateException("no address left in " + subnet + "0/28");
        }
        inside("ip", "-4", "addr", "flush", "dev", BROWSER_SIDE);
        browserAddress = subnet + ++hostNumber;
        inside("ip", "addr", "add", browserAddress + "/28", "dev", BROWSER_SIDE);
        linkUp();
    }

    @Override
    public void open(URI page) {
        driver.get(page.toString());
    }

    @Override
    public Object run(String body, List<Object> args) {
        Object json = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "(" + TestBrowser.function(body) + ")(arguments[0]).then(done);", JSON.toJson(args));
        return TestBrowser.unwrap((String) json);
    }

    @Override
    public void close() {
        try {
            if (driver != null) {
                driver.quit();
            }
        } catch (RuntimeException alreadyGone) {
            // the processes are ended below either way
        } finally {
            stopProcesses();
        }
    }

    private void stopProcesses() {
        for (int i = started.size() - 1; i >= 0; i--) {
            Process process = started.get(i);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean isOtherNamespace(Path own) {
        try {
            return !Files.readSymbolicLink(Path.of(namespace)).equals(own);
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static boolean answers(URL status) {
        try {
            HttpURLConnection connection = (HttpURLConnection) status.openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(500);
            return connection.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private void inside(String... command) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("nsenter", "--net=" + namespace));
        all.addAll(List.of(command));
        run(all.toArray(String[]::new));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: "
                    + new String(process.getInputStream().readAllBytes()).strip());
        }
    }
}
