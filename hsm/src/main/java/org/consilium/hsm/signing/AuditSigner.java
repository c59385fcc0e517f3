package org.consilium.hsm.signing;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.consilium.hsm.token.KeyAttributes;
import org.consilium.hsm.token.KeyLabels;
import org.consilium.hsm.token.Token;
import org.consilium.hsm.token.TokenException;

/**
 * Signs audit checkpoints and export manifests with the token's ECDSA P-256 key
 * ({@code consilium-audit-signing}). Thread-safe.
 */
public final class AuditSigner {

    /** Signatures are ASN.1 DER (r, s), as the JDK's SHA256withECDSA produces and checks. */
    public static final String ALGORITHM = "SHA256withECDSA";

    private static final System.Logger LOG = System.getLogger(AuditSigner.class.getName());

    private final Token token;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final byte[] certificateDer;

    private AuditSigner(Token token, PrivateKey privateKey, PublicKey publicKey, byte[] certificateDer) {
        this.token = token;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.certificateDer = certificateDer;
    }

    /** The signing key pair on the token; generated there if it has none. */
    public static AuditSigner openOrCreate(Token token, KeyLabels labels) {
        String label = labels.auditSigning();
        if (!token.labels().contains(label)) {
            create(token, label);
        }
        Key key = token.key(label).orElseThrow(() -> new TokenException("the token has no private key " + label));
        Certificate certificate = token.certificate(label)
                .orElseThrow(() -> new TokenException("the token has no certificate " + label));
        if (!(key instanceof PrivateKey privateKey) || !"EC".equals(key.getAlgorithm())) {
            throw new TokenException(label + " is not an EC private key");
        }
        byte[] certificateDer;
        try {
            certificateDer = certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new TokenException("the certificate " + label + " cannot be encoded", e);
        }
        return new AuditSigner(token, privateKey, independentCopy(certificate.getPublicKey()), certificateDer);
    }

    private static void create(Token token, String label) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", token.provider());
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            KeyAttributes.requireSealed(pair.getPrivate(), label);
            token.storePrivateKey(label, pair.getPrivate(),
                    SelfSignedCertificate.create(label, pair.getPublic(), pair.getPrivate(), token.provider()));
            LOG.log(System.Logger.Level.INFO, "created the ECDSA P-256 key pair {0} in the token", label);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new TokenException("the token cannot create the ECDSA P-256 key pair " + label, e);
        }
    }

    /** An ASN.1 DER ECDSA signature over SHA-256 of {@code data}, made in the token. */
    public byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM, token.provider());
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException | ProviderException e) {
            throw new TokenException("the token cannot sign with the audit signing key", e);
        }
    }

    /** The public key, usable without the token. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** X.509 SubjectPublicKeyInfo, DER. */
    public byte[] publicKeyDer() {
        return publicKey.getEncoded();
    }

    /**
     * Names the key without showing it: {@code audit-p256-} and the first 8 bytes of the
     * SHA-256 of {@link #publicKeyDer()} in hex. Tells an auditor holding several exported
     * keys which one verifies, and monitoring whether a node's key changed.
     */
    public String keyId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKeyDer());
            return "audit-p256-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException impossible) { // every JDK has SHA-256
            throw new IllegalStateException(impossible);
        }
    }

    /** X.509 SubjectPublicKeyInfo as PEM ("PUBLIC KEY", RFC 7468). */
    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(publicKeyDer())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /**
     * The key's self-signed X.509 certificate as PEM ("CERTIFICATE"), for a recording export
     * bundle: it names the key in a form tools read (openssl x509). It proves nothing by
     * itself (anyone can make one); verifiers pin the public key's fingerprint.
     */
    public String certificatePem() {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificateDer)
                + "\n-----END CERTIFICATE-----\n";
    }

    /** A plain JDK public key, so verifying never goes through the token's provider. */
    private static PublicKey independentCopy(PublicKey key) {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new TokenException("the audit signing certificate holds no usable EC public key", e);
        }
    }
}
