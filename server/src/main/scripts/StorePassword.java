import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.wildfly.security.encryption.CipherUtil;
import org.wildfly.security.encryption.SecretKeyUtil;

/**
 * Recovers the credential store's password for prepare-secrets.sh, which needs it to add an
 * alias to a store it made earlier. The password exists only as the ${ENC::consilium:…}
 * token in credential-store.cli, encrypted under the key in consilium-master.cs, and
 * elytron-tool can encrypt but not decrypt. Reads the encoded key, then the token, from
 * standard input; prints the password on standard output. Nothing on a command line.
 *
 * <p>Run as a single-file program with Elytron's jars from the server's modules:
 * {@code java -cp "<elytron-base>/*:<wildfly-common>/*" StorePassword.java}.
 */
public class StorePassword {

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String key = in.readLine();
        String token = in.readLine();
        if (key == null || key.isBlank() || token == null || token.isBlank()) {
            System.err.println("StorePassword: expected the encoded master key and the ENC token on standard input");
            System.exit(1);
        }
        System.out.print(CipherUtil.decrypt(token.strip(), SecretKeyUtil.importSecretKey(key.strip())));
    }
}
