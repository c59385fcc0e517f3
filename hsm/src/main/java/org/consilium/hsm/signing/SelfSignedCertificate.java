package org.consilium.hsm.signing;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * A self-signed X.509 certificate for the signing key, signed in the token. It exists
 * because the PKCS#11 key store stores a private key only together with a certificate;
 * nobody is asked to trust it (verifiers get the public key itself).
 */
final class SelfSignedCertificate {

    private SelfSignedCertificate() {
    }

    static X509Certificate create(String commonName, PublicKey publicKey, PrivateKey privateKey, Provider tokenProvider)
            throws GeneralSecurityException {
        byte[] algorithm = Der.sequence(Der.OID_ECDSA_WITH_SHA256);
        byte[] name = Der.sequence(Der.set(Der.sequence(Der.OID_COMMON_NAME, Der.utf8(commonName))));
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)), // v3
                Der.integer(new BigInteger(63, new SecureRandom()).add(BigInteger.ONE)),
                algorithm,
                name,
                Der.sequence(Der.time(ZonedDateTime.now(ZoneOffset.UTC)),
                        Der.time(ZonedDateTime.of(9999, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC))), // RFC 5280: no expiry
                name,
                publicKey.getEncoded());
        Signature signer = Signature.getInstance(AuditSigner.ALGORITHM, tokenProvider);
        signer.initSign(privateKey);
        signer.update(tbs);
        byte[] certificate = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
        X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate));
        parsed.verify(parsed.getPublicKey()); // proves the encoding and the key pair
        return parsed;
    }
}
