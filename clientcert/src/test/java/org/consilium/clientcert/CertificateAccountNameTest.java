package org.consilium.clientcert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CertificateAccountNameTest {

    private final TestCertificates pki = newPki();
    private final CertificateAccountName byDefault =
            new CertificateAccountName(NameSource.parseOrder(NameSource.DEFAULT_ORDER), false);

    @Test
    void anAdSmartCardCertificateNamesTheAccountOfItsUserPrincipalName() throws Exception {
        X509Certificate card = pki.person("CN=Sam Rivera,OU=Staff,DC=hospital,DC=example", "SRivera@hospital.example",
                "sam.rivera@hospital.example");
        assertEquals(Optional.of("SRivera"), byDefault.of(card), "the UPN wins over the e-mail address and the CN");
        assertEquals(Optional.of("SRivera@hospital.example"),
                new CertificateAccountName(List.of(NameSource.UPN), true).of(card), "the domain kept when asked");
    }

    @Test
    void withoutAUpnTheEmailThenTheCommonNameAreUsed() throws Exception {
        assertEquals(Optional.of("aortiz"), byDefault.of(pki.person("CN=Ana Ortiz", null, "aortiz@hospital.example")));
        assertEquals(Optional.of("bokafor"), byDefault.of(pki.person("CN=bokafor,OU=Oncology,O=Hospital", null, null)));
        assertEquals(Optional.of("jdoe"), byDefault.of(pki.person("CN=Hospital,CN=jdoe,O=Hospital", null, null)),
                "the most specific CN (the first one written)");
    }

    @Test
    void theOrderIsTheConfiguredOne() throws Exception {
        X509Certificate card = pki.person("CN=lchen", "lee.chen@hospital.example", "privacy@hospital.example");
        assertEquals(Optional.of("lchen"), new CertificateAccountName(NameSource.parseOrder("cn, upn"), false).of(card));
        assertEquals(Optional.of("privacy"), new CertificateAccountName(NameSource.parseOrder("EMAIL"), false).of(card));
        assertEquals(Optional.empty(), new CertificateAccountName(List.of(NameSource.UPN), false)
                .of(pki.person("CN=lchen", null, "x@y")), "no UPN, and nothing else asked for");
    }

    @Test
    void aCertificateWithNoUsableNameNamesNobody() throws Exception {
        assertEquals(Optional.empty(), byDefault.of(pki.person("O=Hospital,OU=Devices", null, null)));
    }

    @Test
    void nameSourceOrdersAreCheckedWhenRead() {
        assertEquals(List.of(NameSource.EMAIL, NameSource.CN), NameSource.parseOrder(" Email ,cn,"));
        assertThrows(IllegalArgumentException.class, () -> NameSource.parseOrder("upn,samaccountname"));
        assertThrows(IllegalArgumentException.class, () -> NameSource.parseOrder("cn,cn"));
        assertThrows(IllegalArgumentException.class, () -> NameSource.parseOrder(" , "));
    }

    @Test
    void anOtherNameThatIsNotAUpnIsNotReadAsOne() {
        byte[] notUpn = {0x30, 0x0b, 0x06, 0x03, 0x2a, 0x03, 0x04, (byte) 0xa0, 0x04, 0x0c, 0x02, 0x68, 0x69};
        assertEquals(Optional.empty(), UserPrincipalName.of(notUpn));
        assertEquals(Optional.empty(), UserPrincipalName.of(new byte[] {0x30, 0x7f}), "truncated");
    }

    private static TestCertificates newPki() {
        try {
            return new TestCertificates("CN=Test Hospital Card CA");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
