package org.consilium.clientcert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

class PemCertificateStoreTest {

    @Test
    void aPemBundleIsAStoreOfTrustedCertificatesThatAPkixTrustManagerUses() throws Exception {
        TestCertificates hospital = new TestCertificates("CN=Hospital Card CA");
        TestCertificates other = new TestCertificates("CN=Other CA");
        KeyStore store = load((pem(other.ca) + "\n" + pem(hospital.ca)).getBytes(StandardCharsets.US_ASCII));

        assertEquals(List.of("ca-1", "ca-2"), Collections.list(store.aliases()));
        assertTrue(store.isCertificateEntry("ca-2"));
        assertEquals(hospital.ca, store.getCertificate("ca-2"));

        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        X509TrustManager trust = (X509TrustManager) factory.getTrustManagers()[0];
        assertEquals(2, trust.getAcceptedIssuers().length, "what the server names in its certificate request");
        X509Certificate card = hospital.person("CN=srivera", null, null);
        trust.checkClientTrusted(new X509Certificate[] {card, hospital.ca}, "EC_EC");
        X509Certificate stranger = new TestCertificates("CN=Stranger CA").person("CN=srivera", null, null);
        assertThrows(CertificateException.class, () -> trust.checkClientTrusted(new X509Certificate[] {stranger}, "EC_EC"));
    }

    @Test
    void oneDerCertificateAndNoFileAtAllAreReadToo() throws Exception {
        TestCertificates hospital = new TestCertificates("CN=Hospital Card CA");
        assertEquals(hospital.ca, load(hospital.ca.getEncoded()).getCertificate("ca-1"));

        KeyStore none = KeyStore.getInstance(PemCertificatesProvider.KEY_STORE_TYPE, new PemCertificatesProvider());
        none.load(null, null);
        assertEquals(0, none.size(), "no file yet: an empty store (client certificates are off by default)");
        assertThrows(Exception.class, () -> none.setCertificateEntry("x", hospital.ca), "read-only");
    }

    private static KeyStore load(byte[] file) throws Exception {
        KeyStore store = KeyStore.getInstance(PemCertificatesProvider.KEY_STORE_TYPE, new PemCertificatesProvider());
        store.load(new ByteArrayInputStream(file), null);
        return store;
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
