package org.consilium.hsm.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.consilium.hsm.testing.SoftHsm;
import org.consilium.hsm.token.KeyAttributes;
import org.consilium.hsm.token.KeyLabels;
import org.consilium.hsm.token.Token;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signatures made in the token verify with nothing but the JDK (SunEC) and the exported public key. */
class AuditSignerTest {

    private static final byte[] CHECKPOINT = "checkpoint 1042 sha256=9f86d081884c7d65".getBytes(StandardCharsets.UTF_8);

    private Token token;
    private KeyLabels labels;
    private AuditSigner signer;

    @BeforeEach
    void open() {
        token = SoftHsm.login();
        labels = SoftHsm.freshLabels();
        signer = AuditSigner.openOrCreate(token, labels);
    }

    @AfterEach
    void close() {
        token.close();
    }

    @Test
    void theKeyIdIsTheStartOfThePublicKeysSha256AndStaysWithTheKey() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(signer.publicKeyDer());
        assertEquals("audit-p256-" + HexFormat.of().formatHex(digest, 0, 8), signer.keyId());
        assertEquals(signer.keyId(), AuditSigner.openOrCreate(token, labels).keyId(), "reopened, same key");
        assertFalse(signer.keyId().equals(AuditSigner.openOrCreate(token, SoftHsm.freshLabels()).keyId()));
    }

    @Test
    void aStandaloneVerifierChecksSignaturesWithThePemPublicKey() throws Exception {
        byte[] signature = signer.sign(CHECKPOINT);

        PublicKey fromPem = fromPem(signer.publicKeyPem());
        assertTrue(verify(fromPem, CHECKPOINT, signature));

        byte[] altered = CHECKPOINT.clone();
        altered[altered.length - 1] ^= 1;
        assertFalse(verify(fromPem, altered, signature));
        byte[] badSignature = signature.clone();
        badSignature[badSignature.length - 1] ^= 1;
        assertFalse(verify(fromPem, CHECKPOINT, badSignature));
    }

    @Test
    void theKeyIsP256AndThePrivateHalfStaysInTheToken() {
        ECPublicKey key = (ECPublicKey) signer.publicKey();
        assertEquals(256, key.getParams().getCurve().getField().getFieldSize());
        assertArrayEquals(signer.publicKeyDer(), key.getEncoded());
        assertTrue(signer.publicKeyPem().lines().allMatch(line -> line.length() <= 64));
        assertTrue(KeyAttributes.isSealed(token.key(labels.auditSigning()).orElseThrow()));
    }

    @Test
    void theCertificatePemHoldsThePublicKey() throws Exception {
        String pem = signer.certificatePem();
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\n") && pem.endsWith("-----END CERTIFICATE-----\n"));
        java.security.cert.X509Certificate certificate = (java.security.cert.X509Certificate)
                java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(signer.publicKeyDer(), certificate.getPublicKey().getEncoded());
        certificate.verify(certificate.getPublicKey());
    }

    @Test
    void openingAgainFindsTheSameKeyPair() throws Exception {
        AuditSigner again = AuditSigner.openOrCreate(token, labels);
        assertArrayEquals(signer.publicKeyDer(), again.publicKeyDer());
        assertTrue(verify(signer.publicKey(), CHECKPOINT, again.sign(CHECKPOINT)));
    }

    private static PublicKey fromPem(String pem) throws Exception {
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n") && pem.endsWith("-----END PUBLIC KEY-----\n"), pem);
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC", "SunEC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static boolean verify(PublicKey key, byte[] data, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA", "SunEC");
        verifier.initVerify(key);
        verifier.update(data);
        try {
            return verifier.verify(signature);
        } catch (SignatureException malformed) {
            return false;
        }
    }
}
