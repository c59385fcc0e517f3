package org.consilium.videobridge.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The bridge's side of DTLS-SRTP: DTLS 1.2 only (a DTLS-1.3-capable ClientHello is
 * answered with 1.2), ECDHE-ECDSA with AEAD ciphers, extended master secret required,
 * client certificate required and pinned to the fingerprint from the browser's SDP,
 * use_srtp required.
 */
final class DtlsSrtpServer extends DefaultTlsServer implements DtlsSrtpPeer {

    private static final int HANDSHAKE_TIMEOUT_MILLIS = 30_000;
    private final BcTlsCrypto crypto;
    private final BridgeCertificate certificate;
    private final Fingerprint remoteFingerprint;
    private SrtpProfile profile;
    private SrtpKeys keys;
    private volatile int minimumProtectedLength;
    private volatile boolean closeNotifyReceived;

    DtlsSrtpServer(BcTlsCrypto crypto, BridgeCertificate certificate, Fingerprint remoteFingerprint) {
        super(crypto);
        this.crypto = crypto;
        this.certificate = certificate;
        this.remoteFingerprint = remoteFingerprint;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(crypto, DtlsSrtpTerms.CIPHER_SUITES);
    }

    /** Also notes how short a protected record of the chosen suite can be (its explicit nonce and tag). */
    @Override
    public int getSelectedCipherSuite() throws IOException {
        int suite = super.getSelectedCipherSuite();
        minimumProtectedLength = DtlsSrtpTerms.minimumProtectedLength(suite);
        return suite;
    }

    @Override
    public DTLSTransport handshake(QueueDatagramTransport transport) throws IOException {
        return new DTLSServerProtocol().accept(this, transport);
    }

    @Override
    public boolean isClient() {
        return false;
    }

    /** 0 until the cipher suite is chosen. */
    @Override
    public int minimumProtectedLength() {
        return minimumProtectedLength;
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        super.notifyAlertReceived(alertLevel, alertDescription);
        closeNotifyReceived |= alertDescription == AlertDescription.close_notify;
    }

    /** Whether the browser sent close_notify (after the handshake the engine reads only authenticated alerts). */
    @Override
    public boolean closeNotifyReceived() {
        return closeNotifyReceived;
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        return true;
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return HANDSHAKE_TIMEOUT_MILLIS;
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return DtlsSrtpTerms.signer(context, crypto, certificate);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        profile = DtlsSrtpTerms.profileOf(clientExtensions, "no common SRTP protection profile");
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        if (extensions == null) {
            extensions = new Hashtable();
        }
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {profile.id()}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public CertificateRequest getCertificateRequest() {
        Vector algorithms = new Vector();
        algorithms.add(new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
        algorithms.add(new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.rsa));
        algorithms.add(new SignatureAndHashAlgorithm(HashAlgorithm.sha384, SignatureAlgorithm.ecdsa));
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                algorithms, null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        if (clientCertificate == null || clientCertificate.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.certificate_required, "the browser sent no certificate");
        }
        if (!remoteFingerprint.matches(clientCertificate.getCertificateAt(0).getEncoded())) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "certificate does not match the SDP fingerprint");
        }
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        keys = DtlsSrtpTerms.export(context, profile);
    }

    /** Available once the handshake completed. */
    @Override
    public SrtpKeys keys() {
        return keys;
    }
}
