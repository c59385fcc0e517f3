package org.consilium.clientcert;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.wildfly.security.http.HttpAuthenticationException;
import org.wildfly.security.http.HttpScope;
import org.wildfly.security.http.HttpServerAuthenticationMechanism;
import org.wildfly.security.http.HttpServerMechanismsResponder;
import org.wildfly.security.http.HttpServerRequest;
import org.wildfly.security.http.HttpServerRequestWrapper;
import org.wildfly.security.http.Scope;

/**
 * Elytron's CLIENT_CERT mechanism, with three differences. It takes the certificate of the
 * connection's TLS handshake only: Elytron's would otherwise ask for one by renegotiating
 * TLS 1.2 connections on every protected page without a certificate, even with client
 * certificates off (the TLS context's want-client-auth is what turns them on; TLS 1.3 and
 * HTTP/2 cannot renegotiate anyway). It keeps the signed-in identity with the connection,
 * not in the TLS session: Elytron's stores it as a value of the JDK's SSLSession, which on
 * TLS 1.3 makes the JDK send a new session ticket on the next write, and in the middle of
 * a WebSocket upgrade that breaks the connection (measured: every WebSocket then closed with
 * 1006, cards or not). And when it refuses a certificate (no account in the directory, no
 * name in it) the request goes on as if no certificate had been offered, so the next
 * mechanism (the password form) answers. Elytron's own
 * mechanism reports a refusal as a failed authentication, and with pro-active
 * authentication that makes every request of that browser, even for a public stylesheet or
 * the JSON API, answer with the sign-in page. The refusal itself still fails Elytron's
 * authentication context (a security event), and the refused chain is left in the request
 * attribute {@value #REFUSED_CHAIN} for the application to audit: the password form the
 * person is then shown is rendered by a forward made before the container has put the
 * TLS certificate into the request's own attributes.
 */
final class FallThroughClientCertMechanism implements HttpServerAuthenticationMechanism {

    /** Request attribute: the {@code X509Certificate[]} that this request's TLS connection presented and that was refused. */
    static final String REFUSED_CHAIN = "org.consilium.clientcert.refused-chain";

    private static final Logger LOG = Logger.getLogger(FallThroughClientCertMechanism.class.getName());

    private final HttpServerAuthenticationMechanism elytron;

    FallThroughClientCertMechanism(HttpServerAuthenticationMechanism elytron) {
        this.elytron = elytron;
    }

    @Override
    public String getMechanismName() {
        return FallThroughClientCertMechanismFactory.CLIENT_CERT;
    }

    @Override
    public void evaluateRequest(HttpServerRequest request) throws HttpAuthenticationException {
        FallThroughRequest quiet = new FallThroughRequest(request);
        try {
            elytron.evaluateRequest(quiet);
        } catch (IllegalArgumentException | IllegalStateException refused) {
            // Elytron's mechanism throws these when the certificate names no account (no
            // principal to authorise); for the person that is a refusal like any other.
            LOG.log(Level.FINE, "client certificate not usable for sign-in", refused);
            if (!quiet.completed) {
                noteRefusal(quiet);
                request.noAuthenticationInProgress();
            }
        }
    }

    @Override
    public Object getNegotiatedProperty(String propertyName) {
        return elytron.getNegotiatedProperty(propertyName);
    }

    @Override
    public <T> T getNegotiationProperty(String propertyName, Class<T> type) {
        return elytron.getNegotiationProperty(propertyName, type);
    }

    @Override
    public void dispose() {
        elytron.dispose();
    }

    /** Leaves the refused chain in the request (its exchange scope is the servlet request's attributes). */
    private static void noteRefusal(HttpServerRequest request) {
        Certificate[] presented = request.getPeerCertificates();
        HttpScope exchange = request.getScope(Scope.EXCHANGE);
        if (presented != null && exchange != null && exchange.supportsAttachments()) {
            exchange.setAttachment(REFUSED_CHAIN, Arrays.stream(presented).filter(X509Certificate.class::isInstance)
                    .map(X509Certificate.class::cast).toArray(X509Certificate[]::new));
        }
    }

    /**
     * Passes everything through but the peer certificates, which are the handshake's (no
     * renegotiation), the TLS session scope, which is the connection's, and a failure, which
     * becomes "no authentication attempted here".
     */
    private static final class FallThroughRequest extends HttpServerRequestWrapper {

        private boolean completed;

        FallThroughRequest(HttpServerRequest request) {
            super(request);
        }

        @Override
        public Certificate[] getPeerCertificates() {
            SSLSession tls = getSSLSession();
            if (tls == null) {
                return null;
            }
            try {
                return tls.getPeerCertificates();
            } catch (SSLPeerUnverifiedException noCertificate) {
                return null;
            }
        }

        @Override
        public HttpScope getScope(Scope scope) {
            // One connection has one TLS session and certificate (nothing renegotiates), so the
            // identity Elytron caches per TLS session is as well kept per connection.
            return super.getScope(scope == Scope.SSL_SESSION ? Scope.CONNECTION : scope);
        }

        @Override
        public void authenticationFailed(String message, HttpServerMechanismsResponder responder) {
            LOG.log(Level.FINE, "client certificate refused: {0}", message);
            noteRefusal(this);
            super.noAuthenticationInProgress(null); // no challenge of ours: the form's is the answer
        }

        @Override
        public void authenticationComplete(HttpServerMechanismsResponder responder) {
            completed = true;
            super.authenticationComplete(responder);
        }

        @Override
        public void authenticationComplete(HttpServerMechanismsResponder responder, Runnable logoutHandler) {
            completed = true;
            super.authenticationComplete(responder, logoutHandler);
        }
    }
}
