package org.consilium.server.audit;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A SIEM for the tests: syslog over TLS (RFC 5425) on loopback, collecting each
 * octet-counted message. Its certificate (for 127.0.0.1) is made with keytool, and its PEM
 * written where the server looks for the SIEM's CA.
 */
final class SyslogTlsListener implements AutoCloseable {

    private static final char[] STORE_PASSWORD = "listener".toCharArray();

    private final List<String> messages;
    private final SSLServerSocket server;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    private SyslogTlsListener(SSLContext tls, int port, List<String> messages) throws IOException {
        this.messages = messages;
        this.server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread acceptor = new Thread(this::accept, "test-siem-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts listening on {@code port}, adding what arrives to {@code messages} (shared across restarts). */
    static SyslogTlsListener start(Path keyStore, int port, List<String> messages) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, STORE_PASSWORD);
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, STORE_PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(factory.getKeyManagers(), null, null);
        return new SyslogTlsListener(tls, port, messages);
    }

    /** Makes the listener's key pair and certificate, and writes the certificate as PEM to {@code caPem}. */
    static Path makeCertificate(Path directory, Path caPem) throws Exception {
        Files.createDirectories(directory);
        Files.createDirectories(caPem.getParent());
        Path store = directory.resolve("siem.p12");
        Files.deleteIfExists(store);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass",
                new String(STORE_PASSWORD), "-alias", "siem", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=test SIEM", "-ext", "san=ip:127.0.0.1", "-validity", "2");
        run(keytool, "-exportcert", "-rfc", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass",
                new String(STORE_PASSWORD), "-alias", "siem", "-file", caPem.toString());
        return store;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command[0], command[1]) + " failed: " + output);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                connections.add(connection);
                Thread reader = new Thread(() -> read(connection), "test-siem-reader");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Reads {@code MSG-LEN SP SYSLOG-MSG} frames until the connection ends. */
    private void read(Socket connection) {
        try (connection; DataInputStream in = new DataInputStream(new BufferedInputStream(connection.getInputStream()))) {
            while (true) {
                int length = 0;
                int c;
                while ((c = in.read()) != ' ') {
                    if (c < '0' || c > '9') {
                        throw new EOFException(c < 0 ? "closed" : "not octet counting");
                    }
                    length = length * 10 + (c - '0');
                }
                byte[] message = new byte[length];
                in.readFully(message);
                messages.add(new String(message, StandardCharsets.UTF_8));
            }
        } catch (IOException ended) {
            // the sender closed, or we did
        }
    }

    /** Stops listening and drops every connection, as a SIEM going down would. */
    @Override
    public void close() throws IOException {
        server.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }
}
