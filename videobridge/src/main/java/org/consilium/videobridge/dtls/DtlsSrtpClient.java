package org.consilium.videobridge.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The bridge's client side of DTLS-SRTP, towards another bridge it relays a conference to:
 * the same terms as {@link DtlsSrtpServer} (DTLS 1.2, ECDHE-ECDSA with AEAD, extended master
 * secret, use_srtp), the server's certificate pinned to the fingerprint the cluster gave,
 * this bridge's own certificate presented.
 */
final class DtlsSrtpClient extends DefaultTlsClient implements DtlsSrtpPeer {

    private static final int[] SRTP_PROFILES = {
        SrtpProfile.AEAD_AES_128_GCM.id(), SrtpProfile.AES_CM_128_HMAC_SHA1_80.id(),
    };

    private final BcTlsCrypto crypto;
    private final BridgeCertificate certificate;
    private final Fingerprint remoteFingerprint;
    private volatile SrtpProfile profile;
    private volatile SrtpKeys keys;
    private volatile int minimumProtectedLength;
    private volatile boolean closeNotifyReceived;

    DtlsSrtpClient(BcTlsCrypto crypto, BridgeCertificate certificate, Fingerprint remoteFingerprint) {
        super(crypto);
        this.crypto = crypto;
        this.certificate = certificate;
        this.remoteFingerprint = remoteFingerprint;
    }

    @Override
    public DTLSTransport handshake(QueueDatagramTransport transport) throws IOException {
        return new DTLSClientProtocol().connect(this, transport);
    }

    @Override
    public boolean isClient() {
        return true;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(crypto, DtlsSrtpTerms.CIPHER_SUITES);
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        return true;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = super.getClientExtensions();
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(SRTP_PROFILES, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        profile = DtlsSrtpTerms.profileOf(serverExtensions, "the other bridge chose no SRTP profile of ours");
    }

    @Override
    public void notifySelectedCipherSuite(int suite) {
        super.notifySelectedCipherSuite(suite);
        minimumProtectedLength = DtlsSrtpTerms.minimumProtectedLength(suite);
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate server) throws IOException {
                if (server.getCertificate().isEmpty()
                        || !remoteFingerprint.matches(server.getCertificate().getCertificateAt(0).getEncoded())) {
                    throw new TlsFatalAlert(AlertDescription.bad_certificate, "certificate does not match the relay's fingerprint");
                }
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                return DtlsSrtpTerms.signer(context, crypto, certificate);
            }
        };
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        super.notifyAlertReceived(alertLevel, alertDescription);
        closeNotifyReceived |= alertDescription == AlertDescription.close_notify;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        keys = DtlsSrtpTerms.export(context, profile);
    }

    @Override
    public int minimumProtectedLength() {
        return minimumProtectedLength;
    }

    @Override
    public boolean closeNotifyReceived() {
        return closeNotifyReceived;
    }

    @Override
    public SrtpKeys keys() {
        return keys;
    }
}
