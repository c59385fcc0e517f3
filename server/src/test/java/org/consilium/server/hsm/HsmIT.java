package org.consilium.server.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.Poll;
import org.consilium.server.support.Ports;
import org.consilium.server.support.ServerSecrets;
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
 * The keys live in the token (SoftHSM2 in the server's data directory), reached through the
 * Elytron key store that logs in with the PIN from the credential store: readiness shows the
 * token logged in with its keys, the PIN is nowhere but in the credential store, and the
 * keys stay the same when the application is redeployed and when the server reloads.
 */
@ArquillianTest
@ExtendWith(SharedDemoDirectory.class)
class HsmIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Pattern HSM_CHECK = Pattern.compile("\\{\"name\":\"hsm\",\"status\":\"(UP|DOWN)\",\"data\":\\{([^}]*)}");
    private static final Pattern FIELD = Pattern.compile("\"([A-Za-z]+)\":(\"[^\"]*\"|[^,]+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void readinessShowsTheTokenLoggedInWithConsiliumsKeys() throws Exception {
        Map<String, String> hsm = readyHsmCheck();
        assertEquals("true", hsm.get("tokenPresent"), hsm.toString());
        assertEquals("true", hsm.get("loggedIn"), hsm.toString());
        assertTrue(Integer.parseInt(hsm.get("kekVersion")) >= 1, "a current KEK: " + hsm);
        assertEquals("true", hsm.get("auditKey"), hsm.toString());
        assertEquals("true", hsm.get("invitationKey"), hsm.toString());
        assertTrue(hsm.get("auditKeyId").matches("\"audit-p256-[0-9a-f]{16}\""), hsm.toString());
        assertTrue(hsm.get("token").contains("libsofthsm2.so"), hsm.toString());
    }

    @Test
    void thePinIsInNoFileOfTheServerNorOnItsCommandLineNorInItsEnvironment() throws Exception {
        readyHsmCheck(); // the server has logged in with it
        String pin = ServerSecrets.read("hsm-pin");
        assertTrue(pin.length() >= 16, "a long random PIN, not a demo one");

        Path home = ServerSecrets.wildflyHome();
        List<Path> holding = new ArrayList<>();
        // The server base (configuration, data with the token, log, tmp), the launch scripts, the CLI work directory.
        for (Path tree : List.of(home.resolve("standalone"), home.resolve("bin"), Path.of("target/cli"))) {
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    try {
                        if (attributes.isRegularFile() && contains(Files.readAllBytes(file), pin)) {
                            holding.add(file);
                        }
                    } catch (NoSuchFileException goneMeanwhile) { // the server's temporary files come and go
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException goneMeanwhile) {
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        assertEquals(List.of(), holding, "files holding the PIN in clear");

        ProcessHandle server = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("jboss-modules.jar"))
                .findFirst().orElseThrow(() -> new AssertionError("the WildFly process started by Arquillian"));
        String commandLine = new String(Files.readAllBytes(Path.of("/proc", Long.toString(server.pid()), "cmdline")),
                StandardCharsets.UTF_8);
        assertTrue(commandLine.contains("sun.security.pkcs11=ALL-UNNAMED"), "the process found is the server: " + commandLine);
        assertFalse(commandLine.contains(pin), "the PIN is on the server's command line");
        byte[] environment = Files.readAllBytes(Path.of("/proc", Long.toString(server.pid()), "environ"));
        assertTrue(new String(environment, StandardCharsets.UTF_8).contains("SOFTHSM2_CONF="), "the server finds its token");
        assertFalse(contains(environment, pin), "the PIN is in the server's environment");
    }

    @Test
    void theKeysStayTheSameWhenTheApplicationIsRedeployedAndWhenTheServerReloads() throws Exception {
        Map<String, String> before = readyHsmCheck();

        execute(Operations.createOperation("redeploy", Operations.createAddress("deployment", "consilium.ear")));
        Map<String, String> redeployed = readyHsmCheck();
        assertEquals(before.get("kekVersion"), redeployed.get("kekVersion"), "KEK version after a redeploy");
        assertEquals(before.get("auditKeyId"), redeployed.get("auditKeyId"), "audit signing key after a redeploy");

        // A reload restarts every service: Elytron loads the key store (logs in) again, and the
        // application attaches again.
        try {
            execute(Operations.createOperation("reload"));
        } catch (IOException answerLostInTheReload) {
            // The reload may drop the management connection before its answer arrives.
        }
        Poll.until(DEADLINE, this::readinessAnswer, code -> code != 200, "the server going down for the reload");
        Map<String, String> reloaded = readyHsmCheck();
        assertEquals(before.get("kekVersion"), reloaded.get("kekVersion"), "KEK version after a reload");
        assertEquals(before.get("auditKeyId"), reloaded.get("auditKeyId"), "audit signing key after a reload");
    }

    /** Waits until readiness is UP (all checks) and returns the hsm check's data. */
    private Map<String, String> readyHsmCheck() throws Exception {
        HttpResponse<String> ready = Poll.until(DEADLINE, this::ready, r -> r.statusCode() == 200, "ready");
        Matcher check = HSM_CHECK.matcher(ready.body());
        assertTrue(check.find(), "an hsm check in " + ready.body());
        assertEquals("UP", check.group(1), ready.body());
        Map<String, String> data = new TreeMap<>();
        Matcher field = FIELD.matcher(check.group(2));
        while (field.find()) {
            data.put(field.group(1), field.group(2));
        }
        return data;
    }

    private HttpResponse<String> ready() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Ports.MANAGEMENT + "/health/ready"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The readiness status code, or -1 while the management interface does not answer. */
    private int readinessAnswer() throws InterruptedException {
        try {
            return ready().statusCode();
        } catch (IOException notAnswering) {
            return -1;
        }
    }

    private void execute(ModelNode operation) throws Exception {
        ModelNode result = management.getControllerClient().execute(operation);
        if (!Operations.isSuccessfulOutcome(result)) {
            throw new AssertionError(operation + " failed: " + Operations.getFailureDescription(result));
        }
    }

    /** Whether {@code bytes} hold {@code secret} in UTF-8 or UTF-16 (either byte order). */
    private static boolean contains(byte[] bytes, String secret) {
        for (byte[] needle : List.of(secret.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_16BE),
                secret.getBytes(StandardCharsets.UTF_16LE))) {
            outer:
            for (int i = 0; i + needle.length <= bytes.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (bytes[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
