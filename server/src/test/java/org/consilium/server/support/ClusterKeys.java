package org.consilium.server.support;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * Test-only: the cluster's TLS key material as the product makes it (cluster.p12, written by
 * {@code src/main/scripts/ClusterKey.java} from the cluster secret; 60-cluster.cli): the
 * installation's own, opened with the password the credential store holds, or one derived
 * here from another secret by the same script, run with the server's BouncyCastle jar.
 */
public final class ClusterKeys {

    /** The alias of the key and its certificate in cluster.p12 (ClusterKey.KEY_ALIAS). */
    public static final String KEY_ALIAS = "jgroups-tls";

    private final KeyStore store;
    private final char[] password;

    private ClusterKeys(KeyStore store, char[] password) {
        this.store = store;
        this.password = password;
    }

    /** The installation's cluster.p12 (node 1's, and every node's started from it). */
    public static ClusterKeys installation() throws Exception {
        return open(ServerSecrets.wildflyHome().resolve("standalone/configuration/cluster.p12"),
                ServerSecrets.read("cluster-key"));
    }

    /** Derives the key material of {@code secret} into {@code file} with the product's own ClusterKey.java. */
    public static ClusterKeys derive(String secret, Path file) throws Exception {
        String password = "test-password-of-" + file.getFileName();
        Path bcprov = ServerSecrets.wildflyHome().resolve("modules/system/layers/base/org/bouncycastle/bcprov/main");
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", bcprov + "/*", Path.of("src/main/scripts/ClusterKey.java").toAbsolutePath().toString(),
                file.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = run.getOutputStream()) {
            in.write((secret + "\n" + password + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!run.waitFor(120, TimeUnit.SECONDS) || run.exitValue() != 0) {
            run.destroyForcibly();
            throw new IllegalStateException("ClusterKey.java failed for " + file);
        }
        return open(file, password);
    }

    private static ClusterKeys open(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return new ClusterKeys(store, password.toCharArray());
    }

    public X509Certificate certificate() throws Exception {
        return (X509Certificate) store.getCertificate(KEY_ALIAS);
    }

    /** Key managers that present this key and certificate, as a node does. */
    public KeyManager[] keyManagers() throws Exception {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }
}
