package org.consilium.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
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

/** TLS 1.2+ only, and no plaintext HTTP port (REQUIREMENTS S5). */
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
    void thereIsNoPlaintextHttpPort() {
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", Ports.HTTP), 3000);
            }
        });
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
