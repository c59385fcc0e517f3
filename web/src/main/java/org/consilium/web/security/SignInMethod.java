package org.consilium.web.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * How the person behind a request signed in, as the container's authentication mechanism
 * says ({@link HttpServletRequest#getAuthType()}): set by the server for the mechanism that
 * authenticated this very request, never read from anything the client sends. A request is
 * {@link #CLIENT_CERTIFICATE} only while the TLS connection carries a certificate that
 * Elytron validated and mapped to the account.
 */
public enum SignInMethod {

    /** The directory password (the sign-in form or the JSON API). */
    PASSWORD("password"),
    /** A client certificate, i.e. a smart card: possession of the card and knowledge of its PIN. */
    CLIENT_CERTIFICATE("client-certificate");

    private final String code;

    SignInMethod(String code) {
        this.code = code;
    }

    /** The name in the audit trail's {@code method} detail. */
    public String code() {
        return code;
    }

    /** Both factors at once: a certificate sign-in needs no TOTP code. */
    public boolean isTwoFactor() {
        return this == CLIENT_CERTIFICATE;
    }

    public static SignInMethod of(HttpServletRequest request) {
        return HttpServletRequest.CLIENT_CERT_AUTH.equals(request.getAuthType()) ? CLIENT_CERTIFICATE : PASSWORD;
    }
}
