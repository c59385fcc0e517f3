package org.consilium.recording.bench;

import org.consilium.hsm.KeyService;
import org.consilium.hsm.envelope.Envelopes;
import org.consilium.hsm.testing.SoftHsm;
import org.consilium.hsm.token.Token;

/**
 * Envelope encryption as the product has it (a KEK ring on a PKCS#11 token), on the hsm
 * tests' throwaway SoftHSM2 token ({@link SoftHsm}: made afresh under the directory of
 * SOFTHSM2_CONF, which the benchmark profile sets to target/softhsm2/softhsm2.conf).
 */
final class BenchEnvelopes implements AutoCloseable {

    private final KeyService keys;

    private BenchEnvelopes(KeyService keys) {
        this.keys = keys;
    }

    static BenchEnvelopes open() {
        Token token = SoftHsm.login();
        try {
            return new BenchEnvelopes(KeyService.open(token, SoftHsm.freshLabels()));
        } catch (RuntimeException failed) {
            token.close();
            throw failed;
        }
    }

    Envelopes envelopes() {
        return keys.envelopes();
    }

    @Override
    public void close() {
        keys.close(); // logs out of the token
    }
}
