package org.consilium.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;

/**
 * Test-only: reads a secret out of the server's credential store the way only someone with
 * the server's files could, so a test can prove that the secret is nowhere else. The store's
 * password is the ${ENC::consilium:…} token in consilium.xml, decrypted with the key in
 * consilium-master.cs by the build's own helper (src/main/scripts/StorePassword.java, run with
 * the server's Elytron jars); the store is a PKCS#12 file whose entries hold each password as
 * a DER OCTET STRING.
 */
public final class ServerSecrets {

    private static final Pattern ENC = Pattern.compile("\\$\\{ENC::consilium:([^}]+)}");

    private ServerSecrets() {
    }

    public static Path wildflyHome() {
        return Path.of(System.getProperty("wildfly.home"));
    }

    /** The clear value of {@code alias} in the credential store consilium-secrets. */
    public static String read(String alias) throws Exception {
        Path config = wildflyHome().resolve("standalone/configuration");
        char[] storePassword = storePassword(config).toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(config.resolve("consilium-secrets.p12"))) {
            store.load(in, storePassword);
        }
        KeyStore.SecretKeyEntry entry = (KeyStore.SecretKeyEntry) store.getEntry(alias + "/passwordcredential/clear/",
                new KeyStore.PasswordProtection(storePassword));
        if (entry == null) {
            throw new IllegalStateException("the credential store has no alias " + alias);
        }
        SecretKey key = entry.getSecretKey();
        byte[] der = key.getEncoded();
        if (der.length < 2 || der[0] != 0x04 || der[1] != der.length - 2) {
            throw new IllegalStateException("unexpected encoding of the credential " + alias);
        }
        return new String(der, 2, der.length - 2, StandardCharsets.UTF_8);
    }

    private static String storePassword(Path config) throws IOException, InterruptedException {
        String key = Files.readAllLines(config.resolve("consilium-master.cs")).stream()
                .filter(line -> line.startsWith("key=")).map(line -> line.substring(4)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no key in consilium-master.cs"));
        Matcher token = ENC.matcher(Files.readString(config.resolve("consilium.xml")));
        if (!token.find()) {
            throw new IllegalStateException("consilium.xml has no encrypted credential-store password");
        }
        Path modules = wildflyHome().resolve("modules/system/layers/base");
        String classpath = modules.resolve("org/wildfly/security/elytron-base/main") + "/*:"
                + modules.resolve("org/wildfly/common/main") + "/*";
        Process helper = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, Path.of("src/main/scripts/StorePassword.java").toAbsolutePath().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = helper.getOutputStream()) {
            in.write((key + "\n" + token.group(1) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String password = new String(helper.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!helper.waitFor(60, TimeUnit.SECONDS) || helper.exitValue() != 0 || password.isEmpty()) {
            throw new IllegalStateException("StorePassword.java could not decrypt the store password");
        }
        return password;
    }
}
