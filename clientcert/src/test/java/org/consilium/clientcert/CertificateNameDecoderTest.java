package org.consilium.clientcert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.cert.X509Certificate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wildfly.security.evidence.PasswordGuessEvidence;
import org.wildfly.security.evidence.X509PeerCertificateChainEvidence;

class CertificateNameDecoderTest {

    @Test
    void decodesTheAccountOfTheChainsFirstCertificateAsConfigured() throws Exception {
        TestCertificates pki = new TestCertificates("CN=Test Hospital Card CA");
        X509Certificate card = pki.person("CN=srivera", "sam@hospital.example", null);
        X509PeerCertificateChainEvidence chain = new X509PeerCertificateChainEvidence(card, pki.ca);

        CertificateNameDecoder decoder = new CertificateNameDecoder();
        assertEquals("sam", decoder.getPrincipal(chain).getName(), "by default the UPN, without its domain");

        decoder.initialize(Map.of("names", "cn,upn", "keep-domain", "true"));
        assertEquals("srivera", decoder.getPrincipal(chain).getName());
        decoder.initialize(Map.of("names", "upn", "keep-domain", "true"));
        assertEquals("sam@hospital.example", decoder.getPrincipal(chain).getName());

        assertNull(decoder.getPrincipal(new PasswordGuessEvidence("secret".toCharArray())), "not a certificate");
        assertThrows(IllegalArgumentException.class, () -> decoder.initialize(Map.of("names", "guid")),
                "a typo in the configuration stops the server's start, not a sign-in");
    }
}
