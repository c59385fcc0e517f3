package org.consilium.videobridge.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** A DTLS client that behaves like a browser towards the bridge. Test helper. */
public final class BrowserLikeDtlsClient extends DefaultTlsClient {

    final BridgeCertificate identity = BridgeCertificate.generate();
    private final BcTlsCrypto crypto;
    private final Fingerprint expectedServer;
    private final ProtocolVersion[] versions;
    private final int[] srtpProfiles;
    byte[] exported;
    ProtocolVersion negotiated;
    volatile int cipherSuite;
    /** Advertise DTLS 1.3 and 1.2 in supported_versions and pad the hello past one datagram, as Firefox does. */
    boolean helloLikeFirefox;

    public BrowserLikeDtlsClient(Fingerprint expectedServer, ProtocolVersion[] versions, int... srtpProfiles) {
        this(new BcTlsCrypto(new SecureRandom()), expectedServer, versions, srtpProfiles);
    }

    private BrowserLikeDtlsClient(BcTlsCrypto crypto, Fingerprint expectedServer, ProtocolVersion[] versions, int[] srtpProfiles) {
        super(crypto);
        this.crypto = crypto;
        this.expectedServer = expectedServer;
        this.versions = versions;
        this.srtpProfiles = srtpProfiles;
    }

    public Fingerprint fingerprint() {
        return identity.fingerprint();
    }

    /**
     * The smallest protected record of the cipher suite the bridge chose, once the handshake
     * is complete: AES-GCM's 8-byte explicit nonce and 16-byte tag, or ChaCha20-Poly1305's tag.
     */
    public int minimumProtectedLength() {
        return cipherSuite == org.bouncycastle.tls.CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 ? 16 : 24;
    }

    /** The SRTP keys this client derived, once the handshake is complete. */
    public SrtpKeys srtpKeys() {
        return new SrtpKeys(chosen, exported);
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return versions;
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        return true;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = super.getClientExtensions();
        if (srtpProfiles.length > 0) {
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(srtpProfiles, TlsUtils.EMPTY_BYTES));
        }
        if (helloLikeFirefox) {
            TlsExtensionsUtils.addSupportedVersionsExtensionClient(extensions,
                    ProtocolVersion.DTLSv13.downTo(ProtocolVersion.DTLSv12));
            TlsExtensionsUtils.addPaddingExtension(extensions, 1400); // like a hybrid ML-KEM key share
        }
        return extensions;
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate server) throws IOException {
                if (!expectedServer.matches(server.getCertificate().getCertificateAt(0).getEncoded())) {
                    throw new TlsFatalAlert(AlertDescription.bad_certificate);
                }
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                        identity.privateKey(), identity.chain(crypto),
                        new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
            }
        };
    }

    private SrtpProfile chosen;

    @Override
    @SuppressWarnings("rawtypes")
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData answer = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        chosen = answer == null ? null : SrtpProfile.choose(answer.getProtectionProfiles());
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        negotiated = context.getServerVersion();
        cipherSuite = context.getSecurityParametersConnection().getCipherSuite();
        if (chosen != null) {
            exported = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, 2 * (chosen.keyLength() + chosen.saltLength()));
        }
    }
}
