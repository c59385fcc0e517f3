package org.consilium.videobridge.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** What both sides of the bridge's DTLS-SRTP ({@link DtlsSrtpServer}, {@link DtlsSrtpClient}) do alike. */
final class DtlsSrtpTerms {

    /** ECDHE-ECDSA with AEAD only, the order of preference. */
    static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    };

    private DtlsSrtpTerms() {
    }

    /**
     * Our preferred SRTP profile among those of the other side's use_srtp extension.
     *
     * @throws TlsFatalAlert handshake_failure, with {@code refusal}, when there is none
     */
    @SuppressWarnings("rawtypes")
    static SrtpProfile profileOf(Hashtable extensions, String refusal) throws IOException {
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(extensions);
        SrtpProfile profile = offered == null ? null : SrtpProfile.choose(offered.getProtectionProfiles());
        if (profile == null) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, refusal);
        }
        return profile;
    }

    /** The keys of RFC 5764 §4.2, exported once the handshake is complete. */
    static SrtpKeys export(TlsContext context, SrtpProfile profile) {
        int length = 2 * (profile.keyLength() + profile.saltLength());
        return new SrtpKeys(profile, context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, length));
    }

    /** How short a protected record of the suite can be: AES-GCM's 8-byte explicit nonce (ChaCha20's is implicit) and the tag. */
    static int minimumProtectedLength(int suite) {
        return (suite == CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 ? 0 : 8) + 16;
    }

    /** The bridge's certificate and key, signing with ECDSA-SHA256. */
    static TlsCredentialedSigner signer(TlsContext context, BcTlsCrypto crypto, BridgeCertificate certificate)
            throws IOException {
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                certificate.privateKey(), certificate.chain(crypto),
                new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }
}
