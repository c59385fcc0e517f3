package org.consilium.clientcert;

import java.security.Provider;

/**
 * A JCA provider with one service, the key store type {@code PEM}: the X.509 certificates
 * of a PEM file (or one DER certificate) as trusted entries ({@link PemCertificateStore}).
 * Elytron loads it with a provider-loader and the key store of the hospital's client CAs
 * names it, so hospital IT drops the PEM bundle their PKI publishes, with no conversion to
 * a password-protected PKCS#12 trust store.
 */
public final class PemCertificatesProvider extends Provider {

    public static final String NAME = "ConsiliumPem";
    public static final String KEY_STORE_TYPE = "PEM";

    public PemCertificatesProvider() {
        super(NAME, "1.0", "X.509 certificates of a PEM file as a read-only key store of trusted certificates");
        putService(new Service(this, "KeyStore", KEY_STORE_TYPE, PemCertificateStore.class.getName(), null, null));
    }
}
