import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

/**
 * Prints the clear value of one alias of the credential store (a PKCS12 file of Elytron's
 * KeyStoreCredentialStore, whose entries hold each password as a DER OCTET STRING) for
 * prepare-secrets.sh, which derives the cluster's key material again from the stored cluster
 * secret when an installation still has an older cluster.p12 (an upgrade). Reads the store's
 * password from standard input; the store and the alias are the arguments; the value goes to
 * standard output. Only the JDK: {@code java StoredSecret.java STORE ALIAS}.
 */
public class StoredSecret {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: StoredSecret STORE ALIAS (the store's password on standard input)");
            System.exit(2);
        }
        String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (password == null || password.isEmpty()) {
            System.err.println("StoredSecret: expected the store's password on standard input");
            System.exit(1);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            store.load(in, password.toCharArray());
        }
        KeyStore.Entry entry = store.getEntry(args[1] + "/passwordcredential/clear/",
                new KeyStore.PasswordProtection(password.toCharArray()));
        if (!(entry instanceof KeyStore.SecretKeyEntry secret)) {
            System.err.println("StoredSecret: the store has no password under " + args[1]);
            System.exit(1);
            return;
        }
        byte[] der = secret.getSecretKey().getEncoded();
        // OCTET STRING: tag 04, then the length in one byte, or 81/82 and one or two bytes
        int start = der.length > 1 && (der[1] & 0xff) < 0x80 ? 2 : der.length > 1 ? 2 + (der[1] & 0x7f) : der.length;
        int length = -1;
        if (der.length > 1 && der[0] == 0x04 && start <= 4 && start <= der.length) {
            length = start == 2 ? der[1] : 0;
            for (int i = 2; i < start; i++) {
                length = length << 8 | der[i] & 0xff;
            }
        }
        if (length != der.length - start) {
            System.err.println("StoredSecret: unexpected encoding of " + args[1]);
            System.exit(1);
        }
        System.out.print(new String(der, start, length, StandardCharsets.UTF_8));
    }
}
