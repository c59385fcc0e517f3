package org.consilium.web.security;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * The certificate a browser presented on this request's TLS connection, as the audit trail
 * names it: serial number and issuer, the pair that identifies a certificate within a PKI
 * without its holder's details (no subject, no whole certificate). There is one only when
 * the TLS context accepted it (chain to a hospital CA, validity, revocation list if
 * configured).
 */
public record ClientCertificate(String serial, String issuer, List<X509Certificate> chain) {

    /** The container's attribute: the certificate chain of the request's TLS connection. */
    static final String PRESENTED = "jakarta.servlet.request.X509Certificate";
    /**
     * Set by the server's CLIENT_CERT mechanism (module org.consilium.clientcert) when it
     * refused the chain: a request attribute, so only the server sets it. Also there when the
     * refusal's sign-in form is a forward made before the container filled {@link #PRESENTED}.
     */
    static final String REFUSED = "org.consilium.clientcert.refused-chain";
    private static final int MAX_ISSUER = 400;

    public ClientCertificate {
        chain = List.copyOf(chain);
    }

    /** The certificate of the connection, if the browser presented one. */
    public static Optional<ClientCertificate> of(HttpServletRequest request) {
        return from(request.getAttribute(PRESENTED));
    }

    /** The certificate the server refused to sign anyone in with on this request, if it did. */
    public static Optional<ClientCertificate> refused(HttpServletRequest request) {
        return from(request.getAttribute(REFUSED));
    }

    private static Optional<ClientCertificate> from(Object attribute) {
        if (attribute instanceof X509Certificate[] chain && chain.length > 0) {
            X509Certificate certificate = chain[0];
            String issuer = certificate.getIssuerX500Principal().getName(X500Principal.RFC2253);
            return Optional.of(new ClientCertificate(certificate.getSerialNumber().toString(16).toLowerCase(Locale.ROOT),
                    issuer.length() > MAX_ISSUER ? issuer.substring(0, MAX_ISSUER) : issuer, List.of(chain)));
        }
        return Optional.empty();
    }

    /** Serial and issuer together: one certificate. */
    String key() {
        return serial + "|" + issuer;
    }
}
