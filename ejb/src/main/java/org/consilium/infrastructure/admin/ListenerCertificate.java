package org.consilium.infrastructure.admin;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.consilium.application.admin.ServerCertificate;

/**
 * The certificate browsers get: a TLS handshake with this server's own HTTPS listener (its
 * bound address and port, from the management model), keeping the certificate it presents.
 * The handshake is only looked at, never trusted: no request is sent over it. Reading the
 * key store instead would need its password, which only the server holds.
 */
@ApplicationScoped
public class ListenerCertificate implements ServerCertificate {

    private static final Logger LOG = Logger.getLogger(ListenerCertificate.class.getName());
    private static final String HTTPS = "jboss.as:socket-binding-group=standard-sockets,socket-binding=https";
    private static final int TIMEOUT_MILLIS = 3000;

    @Override
    public Optional<Presented> presented() {
        Optional<Object> port = ServerModel.attribute(HTTPS, "boundPort");
        Optional<Object> address = ServerModel.attribute(HTTPS, "boundAddress");
        if (port.isEmpty()) {
            LOG.warning("The HTTPS listener's port cannot be read from the management model");
            return Optional.empty();
        }
        try {
            InetAddress host = InetAddress.getByName(address.map(Object::toString).orElse("127.0.0.1"));
            if (host.isAnyLocalAddress()) {
                host = InetAddress.getLoopbackAddress();
            }
            return Optional.of(describe(handshake(new InetSocketAddress(host, Integer.parseInt(port.get().toString())))));
        } catch (IOException | GeneralSecurityException | RuntimeException unreadable) {
            LOG.log(Level.WARNING, "Could not read the certificate of the HTTPS listener", unreadable);
            return Optional.empty();
        }
    }

    private static X509Certificate handshake(InetSocketAddress listener) throws IOException, GeneralSecurityException {
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new Recorder(seen)}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(listener, TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.startHandshake();
        }
        if (seen.get() == null) {
            throw new IOException("the listener presented no certificate");
        }
        return seen.get();
    }

    private static Presented describe(X509Certificate certificate) throws GeneralSecurityException {
        String subject = certificate.getSubjectX500Principal().getName();
        String issuer = certificate.getIssuerX500Principal().getName();
        String sha256 = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        return new Presented(subject, issuer, certificate.getNotAfter().toInstant(), subject.equals(issuer), sha256);
    }

    /** Keeps the server's certificate; used for this one look at our own listener, never to trust a peer. */
    private record Recorder(AtomicReference<X509Certificate> seen) implements X509TrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            seen.set(chain[0]);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
