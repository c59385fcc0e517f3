package org.consilium.infrastructure.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.consilium.application.audit.SiemSink;
import org.consilium.audit.chain.AuditRecord;
import org.consilium.audit.syslog.SyslogFormatter;
import org.consilium.audit.syslog.TlsSyslogSender;

/**
 * RFC 5424 messages over TLS (RFC 5425) to the hospital's SIEM. The SIEM's certificate is
 * checked against the CA certificates in a PEM file (read at each connection, so IT can
 * put it in place or replace it without a restart) and its name against the host.
 */
final class SyslogSiemSink implements SiemSink, AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final String host;
    private final int port;
    private final Path caFile;
    private final SyslogFormatter formatter;
    private TlsSyslogSender sender;

    SyslogSiemSink(String host, int port, Path caFile, String ourHostname) {
        this.host = host;
        this.port = port;
        this.caFile = caFile;
        this.formatter = new SyslogFormatter(ourHostname);
    }

    @Override
    public String target() {
        return "syslog-tls://" + host + ":" + port;
    }

    @Override
    public synchronized void send(List<AuditRecord> records) throws IOException {
        List<String> messages = new ArrayList<>(records.size());
        for (AuditRecord record : records) {
            messages.add(formatter.format(record));
        }
        if (sender == null) {
            sender = new TlsSyslogSender(host, port, trusting(caFile), CONNECT_TIMEOUT, WRITE_TIMEOUT);
        }
        try {
            sender.send(messages);
        } catch (IOException failed) {
            // Start again from the CA file next time: it may be what was wrong.
            sender.close();
            sender = null;
            throw failed;
        }
    }

    /** A TLS context trusting exactly the certificates in the PEM file. */
    static SSLContext trusting(Path pem) throws IOException {
        if (!Files.isReadable(pem)) {
            throw new IOException("the SIEM's CA certificate file " + pem + " is missing or unreadable");
        }
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IOException("no certificate in " + pem);
            }
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("siem-ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException unusable) {
            throw new IOException("the SIEM's CA certificate file " + pem + " is not usable: " + unusable.getMessage(), unusable);
        }
    }

    @Override
    public synchronized void close() {
        if (sender != null) {
            sender.close();
            sender = null;
        }
    }
}
