package org.consilium.hsm.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.consilium.hsm.token.KeyLabels;
import org.consilium.hsm.token.Token;
import org.consilium.hsm.token.TokenConfig;
import org.consilium.hsm.token.TokenSlot;
import org.junit.jupiter.api.Assumptions;

/**
 * The test token. libsofthsm2 is loaded inside the test JVM and reads SOFTHSM2_CONF from
 * the JVM's environment (set by surefire, see hsm/pom.xml), and it lists its tokens only
 * once, when first loaded: so the configuration and the token are created here, before
 * any provider is, and all tests of a JVM share the one token, each under its own
 * {@link #freshLabels() label prefix}.
 *
 * <p>Without SoftHSM2 the tests are skipped, unless CONSILIUM_REQUIRE_HSM is set
 * (./consilium test sets it), in which case they fail.
 */
public final class SoftHsm {

    /** The throwaway token's user PIN (test data; in production the PIN comes from the secret store). */
    public static final String PIN = "consilium-test-pin";
    private static final String SO_PIN = "consilium-test-so-pin";
    private static final String TOKEN_LABEL = "consilium-test";
    private static final Pattern REASSIGNED = Pattern.compile("reassigned to slot (\\d+)");
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private static TokenConfig config;

    private SoftHsm() {
    }

    /** The test token's configuration; creates the token on first use. */
    public static synchronized TokenConfig config() {
        require(Files.isReadable(TokenConfig.SOFTHSM2_LIBRARY),
                "SoftHSM2 is not installed (no " + TokenConfig.SOFTHSM2_LIBRARY + "): apt-get install softhsm2");
        require(onPath("softhsm2-util"), "softhsm2-util is not on the PATH: apt-get install softhsm2");
        String conf = System.getenv("SOFTHSM2_CONF");
        require(conf != null && !conf.isBlank(),
                "SOFTHSM2_CONF is not set: run the tests through Maven (hsm/pom.xml's surefire configuration sets it)");
        if (config == null) {
            config = new TokenConfig("consilium-test", TokenConfig.SOFTHSM2_LIBRARY,
                    TokenSlot.id(initToken(Path.of(conf))));
        }
        return config;
    }

    /** A new login to the test token (a new SunPKCS11 provider instance each time). */
    public static Token login() {
        return Token.login(config(), PIN::toCharArray);
    }

    /** A label prefix no other test of this JVM uses. */
    public static KeyLabels freshLabels() {
        return new KeyLabels("t" + PREFIXES.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36));
    }

    private static long initToken(Path conf) {
        try {
            Path tokens = conf.toAbsolutePath().getParent().resolve("tokens");
            if (Files.exists(tokens)) {
                try (Stream<Path> old = Files.walk(tokens)) {
                    old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(tokens);
            Files.writeString(conf, "directories.tokendir = " + tokens + "\n"
                    + "objectstore.backend = file\n"
                    + "log.level = ERROR\n");
            // The PIN on a command line is fine for this throwaway token only.
            ProcessBuilder init = new ProcessBuilder("softhsm2-util", "--init-token", "--free",
                    "--label", TOKEN_LABEL, "--pin", PIN, "--so-pin", SO_PIN).redirectErrorStream(true);
            init.environment().put("SOFTHSM2_CONF", conf.toString());
            Process process = init.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("softhsm2-util --init-token failed: " + output);
            }
            Matcher slot = REASSIGNED.matcher(output);
            if (!slot.find()) {
                throw new IllegalStateException("softhsm2-util did not say which slot the token is in: " + output);
            }
            return Long.parseLong(slot.group(1));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the SoftHSM2 test token under " + conf, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the SoftHSM2 test token", e);
        }
    }

    private static void require(boolean present, String missing) {
        String required = System.getenv("CONSILIUM_REQUIRE_HSM");
        if (!present && required != null && !required.isEmpty() && !required.equals("0")) {
            throw new IllegalStateException(missing + " (CONSILIUM_REQUIRE_HSM is set, so this fails instead of skipping)");
        }
        Assumptions.assumeTrue(present, missing);
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
