package org.consilium.clientcert;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.Key;
import java.security.KeyStoreSpi;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A read-only key store of trusted certificates read from PEM ({@code -----BEGIN
 * CERTIFICATE-----} blocks, any number) or one DER certificate. Aliases are {@code ca-1},
 * {@code ca-2}, … in file order. There is no password and no private key; writing is refused
 * (the file is the hospital's, replaced by hand or by consilium-tls).
 */
public final class PemCertificateStore extends KeyStoreSpi {

    private volatile Map<String, X509Certificate> certificates = Map.of();
    private volatile Date loaded = new Date();

    @Override
    public void engineLoad(InputStream stream, char[] password) throws IOException, CertificateException {
        Map<String, X509Certificate> read = new LinkedHashMap<>();
        if (stream != null) {
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new BufferedInputStream(stream))) {
                if (certificate instanceof X509Certificate x509) {
                    read.put("ca-" + (read.size() + 1), x509);
                }
            }
        }
        certificates = Collections.unmodifiableMap(read);
        loaded = new Date();
    }

    @Override
    public Certificate engineGetCertificate(String alias) {
        return certificates.get(alias);
    }

    @Override
    public boolean engineIsCertificateEntry(String alias) {
        return certificates.containsKey(alias);
    }

    @Override
    public String engineGetCertificateAlias(Certificate certificate) {
        return certificates.entrySet().stream().filter(e -> e.getValue().equals(certificate))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    @Override
    public Enumeration<String> engineAliases() {
        return Collections.enumeration(certificates.keySet());
    }

    @Override
    public boolean engineContainsAlias(String alias) {
        return certificates.containsKey(alias);
    }

    @Override
    public int engineSize() {
        return certificates.size();
    }

    @Override
    public Date engineGetCreationDate(String alias) {
        return certificates.containsKey(alias) ? new Date(loaded.getTime()) : null;
    }

    @Override
    public Key engineGetKey(String alias, char[] password) {
        return null;
    }

    @Override
    public Certificate[] engineGetCertificateChain(String alias) {
        return null;
    }

    @Override
    public boolean engineIsKeyEntry(String alias) {
        return false;
    }

    @Override
    public void engineSetKeyEntry(String alias, Key key, char[] password, Certificate[] chain) {
        throw readOnly();
    }

    @Override
    public void engineSetKeyEntry(String alias, byte[] key, Certificate[] chain) {
        throw readOnly();
    }

    @Override
    public void engineSetCertificateEntry(String alias, Certificate certificate) {
        throw readOnly();
    }

    @Override
    public void engineDeleteEntry(String alias) {
        throw readOnly();
    }

    @Override
    public void engineStore(OutputStream stream, char[] password) {
        throw readOnly();
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("the PEM key store is read-only: replace the file itself");
    }
}
