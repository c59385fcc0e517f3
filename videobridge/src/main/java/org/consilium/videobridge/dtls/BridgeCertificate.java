package org.consilium.videobridge.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The bridge's DTLS identity: an ECDSA P-256 key and a self-signed certificate. Browsers
 * trust it through the fingerprint in SDP, not through a CA, so a fresh one per bridge
 * start is right (RFC 8827 §6.5); the key never leaves memory.
 */
public final class BridgeCertificate {

    private static final Duration VALIDITY = Duration.ofDays(30);

    private final AsymmetricKeyParameter privateKey;
    private final byte[] der;
    private final Fingerprint fingerprint;

    private BridgeCertificate(AsymmetricKeyParameter privateKey, byte[] der) {
        this.privateKey = privateKey;
        this.der = der;
        this.fingerprint = Fingerprint.sha256(der);
    }

    public static BridgeCertificate generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=consilium-videobridge");
            Instant now = Instant.now();
            byte[] der = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), name, keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))
                    .getEncoded();
            return new BridgeCertificate(PrivateKeyFactory.createKey(keys.getPrivate().getEncoded()), der);
        } catch (GeneralSecurityException | OperatorCreationException | IOException failed) {
            throw new IllegalStateException("cannot create the bridge's DTLS certificate", failed);
        }
    }

    public Fingerprint fingerprint() {
        return fingerprint;
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    Certificate chain(TlsCrypto crypto) throws IOException {
        TlsCertificate certificate = crypto.createCertificate(der);
        return new Certificate(new TlsCertificate[] {certificate});
    }
}
