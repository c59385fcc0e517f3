package org.consilium.audit.syslog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.consilium.audit.chain.AuditRecord;
import org.consilium.audit.testing.TestChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real TLS on loopback with a certificate for "localhost" that keytool makes for the test. */
class TlsSyslogSenderTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static SSLContext serverContext;
    private static SSLContext clientContext;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void makeCertificate(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("receiver.p12");
        // An EC key and an RSA key: the receiver's key manager picks the one a suite needs,
        // so receivers offering RSA-authenticated suites can be tried too.
        keytool(store, "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA");
        keytool(store, "receiver-rsa", "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA");

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keyManagers.getKeyManagers(), null, null);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (String alias : List.of("receiver", "receiver-rsa")) {
            trusted.setCertificateEntry(alias, keys.getCertificate(alias));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trustManagers.getTrustManagers(), null);
    }

    private static void keytool(Path store, String alias, String... key) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias));
        command.addAll(List.of(key));
        command.addAll(List.of("-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit"));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS), "keytool hung");
        assertEquals(0, keytool.exitValue(), output);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void everyMessageArrivesInOrder() throws Exception {
        TestSyslogReceiver receiver = receiver(false);
        int port = receiver.start(0);
        TlsSyslogSender sender = sender("localhost", port);
        List<String> sent = messages(1, 1000);
        for (int i = 0; i < sent.size(); i += 100) {
            sender.send(sent.subList(i, i + 100));
        }
        assertEquals(sent, receiver.take(sent.size(), TIMEOUT));
        assertEquals(List.of(), receiver.frameErrors());
        sender.send(List.of()); // nothing to do, nothing sent
        assertTrue(sender.isConnected());
    }

    @Test
    void aBatchThatFailsIsSentAgainAfterTheReceiverIsBack() throws Exception {
        TestSyslogReceiver receiver = receiver(false);
        int port = receiver.start(0);
        TlsSyslogSender sender = sender("localhost", port);
        List<String> first = messages(1, 200);
        // Small: it would fit in the kernel's buffer of a connection the receiver has closed.
        List<String> second = messages(201, 203);
        List<String> third = messages(204, 400);

        sender.send(first);
        assertEquals(first, receiver.take(first.size(), TIMEOUT));

        receiver.stop();
        // The caller's cursor stays at 201: the same batch is offered until it goes through.
        assertThrows(IOException.class, () -> sender.send(second));
        assertFalse(sender.isConnected());
        assertThrows(IOException.class, () -> sender.send(second));

        receiver.start(port);
        sender.send(second);
        sender.send(third);
        List<String> expected = new ArrayList<>(second);
        expected.addAll(third);
        assertEquals(expected, receiver.take(expected.size(), TIMEOUT));
        Thread.sleep(100);
        assertEquals(List.of(), receiver.rest(), "duplicates arrived");
        assertEquals(List.of(), receiver.frameErrors());
    }

    @Test
    void theCertificateMustNameTheHost() throws Exception {
        TestSyslogReceiver receiver = receiver(false);
        int port = receiver.start(0);
        TlsSyslogSender byAddress = sender("127.0.0.1", port); // the certificate names only localhost
        IOException e = assertThrows(IOException.class, () -> byAddress.send(messages(1, 1)));
        assertTrue(e instanceof javax.net.ssl.SSLHandshakeException, e.toString());
        assertEquals(List.of(), receiver.take(1, Duration.ofMillis(200)));
    }

    @Test
    void anUntrustedReceiverIsRefused() throws Exception {
        TestSyslogReceiver receiver = receiver(false);
        int port = receiver.start(0);
        TlsSyslogSender sender = new TlsSyslogSender("localhost", port, SSLContext.getDefault(), TIMEOUT, TIMEOUT);
        toClose.add(sender);
        assertThrows(javax.net.ssl.SSLHandshakeException.class, () -> sender.send(messages(1, 1)));
    }

    @Test
    void tls12IsAccepted() throws Exception {
        TestSyslogReceiver receiver = receiver(false, "TLSv1.2");
        TlsSyslogSender sender = sender("localhost", receiver.start(0));
        sender.send(messages(1, 3));
        assertEquals(messages(1, 3), receiver.take(3, TIMEOUT));
    }

    @Test
    void aReceiverOfferingOnlyStaticRsaCbcOrDheIsRefused() throws Exception {
        for (String weak : List.of(
                "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256", // static RSA key exchange
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", // CBC
                "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256")) { // finite-field DHE
            TestSyslogReceiver receiver = receiver(false, "TLSv1.2").offering(weak);
            TlsSyslogSender sender = sender("localhost", receiver.start(0));
            assertThrows(javax.net.ssl.SSLHandshakeException.class, () -> sender.send(messages(1, 1)), weak);
            assertEquals(List.of(), receiver.take(1, Duration.ofMillis(100)), weak);
        }
    }

    @Test
    void aReceiverOfferingEcdheWithAeadIsAccepted() throws Exception {
        for (String strong : List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256")) {
            TestSyslogReceiver receiver = receiver(false, "TLSv1.2").offering(strong);
            TlsSyslogSender sender = sender("localhost", receiver.start(0));
            sender.send(messages(1, 1));
            assertEquals(messages(1, 1), receiver.take(1, TIMEOUT), strong);
        }
    }

    @Test
    void aStalledReceiverTimesTheWriteOut() throws Exception {
        TestSyslogReceiver receiver = receiver(true);
        int port = receiver.start(0);
        TlsSyslogSender sender = new TlsSyslogSender("localhost", port, clientContext, TIMEOUT, Duration.ofMillis(300));
        toClose.add(sender);
        List<String> megabyte = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            megabyte.add("x".repeat(8192));
        }
        long start = System.nanoTime();
        IOException failure = null;
        for (int i = 0; i < 200 && failure == null; i++) {
            try {
                sender.send(megabyte);
            } catch (IOException e) {
                failure = e;
            }
        }
        assertTrue(failure != null, "200 MB went into a receiver that never reads");
        assertTrue(failure.getMessage().contains("took longer than 300 ms"), failure.toString());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30));
        assertFalse(sender.isConnected());
    }

    @Test
    void aClosedSenderRefuses() throws Exception {
        TlsSyslogSender sender = sender("localhost", 1);
        sender.close();
        assertEquals("the syslog sender is closed",
                assertThrows(IOException.class, () -> sender.send(messages(1, 1))).getMessage());
    }

    @Test
    void framesCountOctetsNotCharacters() {
        assertArrayEquals("3 abc2 é".getBytes(StandardCharsets.UTF_8), TlsSyslogSender.frames(List.of("abc", "é")));
        assertThrows(IllegalArgumentException.class, () -> TlsSyslogSender.frames(List.of("")));
        assertThrows(IllegalArgumentException.class, () -> TlsSyslogSender.frames(null));
    }

    private TestSyslogReceiver receiver(boolean stalled, String... protocols) {
        TestSyslogReceiver receiver = new TestSyslogReceiver(serverContext, stalled, protocols);
        toClose.add(() -> {
            try {
                receiver.stop();
            } catch (RuntimeException | IOException ignored) {
                // not started, or stopped already
            }
        });
        return receiver;
    }

    private TlsSyslogSender sender(String host, int port) {
        TlsSyslogSender sender = new TlsSyslogSender(host, port, clientContext, TIMEOUT, TIMEOUT);
        toClose.add(0, sender);
        return sender;
    }

    /** Formatted records {@code from}..{@code to}: real messages, some with non-ASCII text. */
    private static List<String> messages(long from, long to) {
        SyslogFormatter formatter = new SyslogFormatter("consilium-1.hospital.example");
        List<String> messages = new ArrayList<>();
        byte[] previous = new byte[32];
        for (long sequence = from; sequence <= to; sequence++) {
            AuditRecord record = TestChain.record(sequence, sequence == 1 ? AuditRecord.GENESIS : previous);
            messages.add(formatter.format(record));
            previous = record.hash();
        }
        return messages;
    }
}
