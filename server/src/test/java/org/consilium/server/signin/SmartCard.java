package org.consilium.server.signin;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.Ports;

/** A smart card in a reader: its private key and certificate, and the CA that issued it. */
record SmartCard(PrivateKey key, X509Certificate certificate, X509Certificate issuer) {

    private static final String ALIAS = "card";

    /**
     * A browser with this card: it offers the certificate only to a server that names the
     * card's issuer among the CAs it accepts, and only while the certificate is valid, as
     * browsers do (Chromium and Firefox list neither other CAs' nor expired certificates).
     */
    Browserless browser() {
        return new Browserless(new Card(false));
    }

    /** A client that presents the certificate whatever the server asks for (no browser does). */
    Browserless insisting() {
        return new Browserless(new Card(true));
    }

    /** A WebSocket to this server from a browser with this card (browsers present it on every connection). */
    CompletableFuture<WebSocket> webSocket(String path, String cookie, WebSocket.Listener listener) {
        return HttpClient.newBuilder().sslContext(Browserless.trustingSelfSigned(new Card(false))).build()
                .newWebSocketBuilder().header("Origin", "https://localhost:" + Ports.HTTPS).header("Cookie", cookie)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("wss://localhost:" + Ports.HTTPS + path), listener);
    }

    String serialHex() {
        return certificate.getSerialNumber().toString(16);
    }

    private final class Card extends X509ExtendedKeyManager {

        private final boolean always;

        Card(boolean always) {
            this.always = always;
        }

        private String choose(String[] keyTypes, Principal[] issuers) {
            if (always) {
                return ALIAS;
            }
            boolean rightKey = keyTypes == null || Arrays.asList(keyTypes).contains(key.getAlgorithm());
            boolean namedIssuer = issuers == null || issuers.length == 0
                    || Arrays.asList(issuers).contains(certificate.getIssuerX500Principal());
            return rightKey && namedIssuer && valid() ? ALIAS : null;
        }

        private boolean valid() {
            try {
                certificate.checkValidity();
                return true;
            } catch (CertificateExpiredException | CertificateNotYetValidException outOfDate) {
                return false;
            }
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return choose(keyTypes, issuers);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return choose(keyTypes, issuers);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return new X509Certificate[] {certificate, issuer};
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return null;
        }
    }
}
