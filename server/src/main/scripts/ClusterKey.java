import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Writes the cluster's message key for JGroups SYM_ENCRYPT (60-cluster.cli): a PKCS12 file
 * holding one AES-256 secret key, alias {@code jgroups}, derived from the cluster secret with
 * HKDF-SHA256. Every appliance given the same secret derives the same key, so no key ever
 * travels between appliances; the secret itself authenticates joins (JGroups AUTH).
 *
 * <p>Reads the cluster secret, then the PKCS12 password, from standard input (never from the
 * command line); the file is the only argument. Run as a single-file program with the
 * BouncyCastle provider jar from the server's modules:
 * {@code java -cp "<bouncycastle>/bcprov/main/*" ClusterKey.java cluster.p12}.
 */
public class ClusterKey {

    private static final byte[] SALT = "consilium cluster".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INFO = "jgroups SYM_ENCRYPT AES-256 v1".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ClusterKey FILE (cluster secret, then the file's password, on standard input)");
            System.exit(2);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String secret = in.readLine();
        String password = in.readLine();
        if (secret == null || secret.isBlank() || password == null || password.isBlank()) {
            System.err.println("ClusterKey: expected the cluster secret and the file's password on standard input");
            System.exit(1);
        }
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(secret.strip().getBytes(StandardCharsets.UTF_8), SALT, INFO));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, key.length);

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(password.toCharArray());
        store.setEntry("jgroups", new KeyStore.SecretKeyEntry(new SecretKeySpec(key, "AES")), protection);
        Path file = Path.of(args[0]);
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.TRUNCATE_EXISTING)) {
            store.store(out, password.toCharArray());
        }
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
