package org.consilium.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.ConsiliumDeployment;
import org.consilium.server.support.Ports;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * TLS 1.2+ only, and no plaintext HTTP port (REQUIREMENTS S5); in TLS 1.2 only ECDHE with an
 * AEAD cipher (issue 18, item 14), asked of the server by OpenSSL's own client.
 */
@ArquillianTest
class TransportSecurityIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ConsiliumDeployment.ear();
    }

    @Test
    void tls13And12AreAccepted() throws Exception {
        assertEquals("TLSv1.3", handshake("TLSv1.3"));
        assertEquals("TLSv1.2", handshake("TLSv1.2"));
    }

    @Test
    void tls11And10AreRefusedByTheServer() {
        // The test JVM lets its client offer them (legacy-tls-client.security), so the
        // refusal must be the server's protocol_version alert, not our own client's.
        for (String old : new String[] {"TLSv1.1", "TLSv1"}) {
            SSLHandshakeException refused = assertThrows(SSLHandshakeException.class, () -> handshake(old));
            assertTrue(refused.getMessage().contains("protocol_version"), old + ": " + refused.getMessage());
        }
    }

    @Test
    void tls12OffersOnlyEcdheWithAeadCiphers() throws Exception {
        for (String refused : List.of(
                "AES128-SHA", "AES256-GCM-SHA384", // static RSA key exchange: no forward secrecy
                "ECDHE-RSA-AES128-SHA", "ECDHE-RSA-AES256-SHA384", // CBC with SHA-1, with SHA-2
                "DHE-RSA-AES128-GCM-SHA256", "DHE-RSA-AES256-SHA256")) { // finite-field DHE
            String answer = openssl("-tls1_2", "-cipher", refused);
            assertTrue(answer.contains("handshake failure") && !answer.contains("Cipher is " + refused),
                    refused + " must be refused: " + answer);
        }
        for (String allowed : List.of("ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384",
                "ECDHE-RSA-CHACHA20-POLY1305")) {
            String answer = openssl("-tls1_2", "-cipher", allowed);
            assertTrue(answer.contains("Cipher is " + allowed), allowed + " must work: " + answer);
        }
        assertTrue(openssl("-tls1_3").contains("Cipher is TLS_AES_"), "TLS 1.3");
    }

    @Test
    void thereIsNoPlaintextHttpPort() {
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", Ports.HTTP), 3000);
            }
        });
    }

    /** What {@code openssl s_client} says (stdout and stderr) after a handshake with these options. */
    private static String openssl(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + Ports.HTTPS,
                "-servername", "localhost"));
        command.addAll(List.of(options));
        Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
        client.getOutputStream().close(); // no request: the handshake is the test
        String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(client.waitFor(30, TimeUnit.SECONDS), "openssl did not finish: " + answer);
        return answer;
    }

    /** @return the protocol negotiated when offering only {@code protocol} */
    private static String handshake(String protocol) throws Exception {
        SSLContext context = Browserless.trustingSelfSigned();
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", Ports.HTTPS), 3000);
            socket.setSoTimeout(5000);
            socket.setEnabledProtocols(new String[] {protocol});
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }
}
