package org.consilium.hsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.consilium.hsm.testing.DecryptInAnotherJvm;
import org.consilium.hsm.testing.SoftHsm;
import org.consilium.hsm.token.KeyLabels;
import org.consilium.hsm.token.Token;
import org.consilium.hsm.token.TokenSlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** All keys together on one token: status, and finding the same keys again instead of making new ones. */
class KeyServiceTest {

    private static final byte[] RECORDING = "not really a recording".repeat(5000).getBytes(StandardCharsets.UTF_8);

    private final List<Token> tokens = new ArrayList<>();
    private KeyLabels labels;

    @BeforeEach
    void freshLabels() {
        labels = SoftHsm.freshLabels();
    }

    @AfterEach
    void close() {
        tokens.forEach(Token::close);
    }

    @Test
    void statusReportsTheKeys() {
        KeyService keys = open();
        HsmStatus status = keys.status();
        assertTrue(status.ready(), status.problems().toString());
        assertTrue(status.tokenPresent());
        assertTrue(status.loggedIn());
        assertEquals(Set.of(1), status.kekVersions());
        assertEquals(1, status.currentKekVersion());
        assertTrue(status.auditSigningKeyPresent());
        assertTrue(status.invitationKeyPresent());

        keys.keks().rotate();
        HsmStatus rotated = keys.status();
        assertEquals(new TreeSet<>(Set.of(1, 2)), rotated.kekVersions());
        assertEquals(2, rotated.currentKekVersion());
        assertTrue(rotated.ready());
        assertFalse(rotated.toString().contains("SunPKCS11"), "labels and versions only: " + rotated);
    }

    @Test
    void statusAfterLogoutIsNotReady() {
        KeyService keys = open();
        keys.close();
        HsmStatus status = keys.status();
        assertFalse(status.ready());
        assertTrue(status.tokenPresent());
        assertFalse(status.loggedIn());
        assertTrue(status.problems().stream().anyMatch(p -> p.contains("logged in")), status.problems().toString());
    }

    @Test
    void aSecondServiceOnTheSameTokenFindsTheKeysInsteadOfCreatingThem() throws Exception {
        KeyService first = open();
        byte[] envelope = first.envelopes().encrypt(RECORDING);
        byte[] tag = first.invitationMac().mac(RECORDING);
        Set<String> labelsBefore = tokens.get(0).labels();

        KeyService second = open(); // another SunPKCS11 provider instance, same token
        assertEquals(labelsBefore, tokens.get(1).labels());
        assertEquals(Set.of(1), second.keks().versions());
        assertArrayEquals(RECORDING, second.envelopes().decrypt(envelope));
        assertArrayEquals(first.auditSigner().publicKeyDer(), second.auditSigner().publicKeyDer());
        assertTrue(second.invitationMac().verify(RECORDING, tag));
    }

    @Test
    void keysOutliveTheProvider() throws Exception {
        KeyService before = open();
        byte[] envelope = before.envelopes().encrypt(RECORDING);
        byte[] auditKey = before.auditSigner().publicKeyDer();
        before.close(); // logs out
        tokens.clear();

        KeyService after = open();
        assertArrayEquals(RECORDING, after.envelopes().decrypt(envelope));
        assertArrayEquals(auditKey, after.auditSigner().publicKeyDer());
        assertEquals(Set.of(1), after.keks().versions());
    }

    @Test
    void keysOutliveTheProcess(@TempDir Path dir) throws Exception {
        KeyService keys = open();
        Path envelope = Files.write(dir.resolve("recording.csev"), keys.envelopes().encrypt(RECORDING));
        Path plaintext = dir.resolve("recording");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DecryptInAnotherJvm.class.getName(), String.valueOf(((TokenSlot.Id) SoftHsm.config().slot()).id()),
                labels.prefix(), envelope.toString(), plaintext.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, child.exitValue(), output);

        assertArrayEquals(RECORDING, Files.readAllBytes(plaintext));
        assertTrue(output.contains("kek-versions=[1]"), output);
        assertTrue(output.contains("audit-key=" + Base64.getEncoder().encodeToString(keys.auditSigner().publicKeyDer())), output);
    }

    private KeyService open() {
        Token token = SoftHsm.login();
        tokens.add(token);
        return KeyService.open(token, labels);
    }
}
