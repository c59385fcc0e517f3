package org.consilium.audit.syslog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cipher suites the SIEM connection may use: the same as the appliance's HTTPS listener
 * (server/src/main/cli/20-tls.cli): TLS 1.3's AEAD suites, and for TLS 1.2 only ECDHE key
 * exchange with AES-GCM or ChaCha20-Poly1305 (Mozilla's "intermediate" profile without CBC
 * and DHE). A receiver that offers nothing else is refused at the handshake.
 */
public final class TlsCipherSuites {

    /** In order of preference (IANA names, as Java spells them). */
    public static final List<String> ALLOWED = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsCipherSuites() {
    }

    /** The allowed suites among those the TLS implementation supports, in our order. */
    static String[] allowedOf(String[] supported) throws IOException {
        List<String> allowed = new ArrayList<>(ALLOWED);
        allowed.retainAll(Arrays.asList(supported));
        if (allowed.isEmpty()) {
            throw new IOException("the SSL context supports none of the allowed cipher suites " + ALLOWED);
        }
        return allowed.toArray(String[]::new);
    }
}
