package org.consilium.hsm.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.consilium.hsm.KeyService;
import org.consilium.hsm.token.KeyLabels;
import org.consilium.hsm.token.Token;
import org.consilium.hsm.token.TokenConfig;
import org.consilium.hsm.token.TokenSlot;

/**
 * Run in a fresh JVM by KeyServiceTest: opens the keys of a label prefix on the test
 * token, decrypts an envelope file and reports what it found. Proves the keys are on disk,
 * not only in the memory of the process that made them.
 *
 * <p>Arguments: slot id, label prefix, envelope file, plaintext file to write.
 */
public final class DecryptInAnotherJvm {

    private DecryptInAnotherJvm() {
    }

    public static void main(String[] args) throws Exception {
        TokenConfig config = new TokenConfig("another-jvm", TokenConfig.SOFTHSM2_LIBRARY, TokenSlot.id(Long.parseLong(args[0])));
        try (Token token = Token.login(config, SoftHsm.PIN::toCharArray);
             KeyService keys = KeyService.open(token, new KeyLabels(args[1]))) {
            Files.write(Path.of(args[3]), keys.envelopes().decrypt(Files.readAllBytes(Path.of(args[2]))));
            System.out.println("kek-versions=" + keys.keks().versions());
            System.out.println("audit-key=" + Base64.getEncoder().encodeToString(keys.auditSigner().publicKeyDer()));
        }
    }
}
