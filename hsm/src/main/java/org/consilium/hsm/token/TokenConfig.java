package org.consilium.hsm.token;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the token is: a vendor's PKCS#11 library and a slot, nothing else. The PIN is not
 * part of it (it comes from the secret store at login).
 *
 * <p>{@link #sunPkcs11Text()} is the whole SunPKCS11 configuration, including the
 * attribute templates that make every key this service generates sensitive and
 * unextractable. In WildFly the same text must configure the Elytron provider, or
 * {@link KeyAttributes#requireSealed} refuses the keys it would generate.
 *
 * @param name     provider name suffix (SunPKCS11-{name}); letters, digits, '-' and '_'
 * @param library  absolute path of the vendor's PKCS#11 library
 * @param slot     the slot holding the token
 */
public record TokenConfig(String name, Path library, TokenSlot slot) {

    /** Debian's SoftHSM2 on amd64: the development and test token. */
    public static final Path SOFTHSM2_LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    // Both go into a line-oriented configuration file: anything else could add lines to it.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern LIBRARY = Pattern.compile("/[A-Za-z0-9/._+-]*");

    /**
     * The templates SunPKCS11 applies when it generates keys: the KEK (AES) may only
     * encrypt and decrypt data keys, not wrap or unwrap other token keys; no key may leave
     * the token in any form.
     */
    private static final String TEMPLATES = """
            attributes(generate, CKO_SECRET_KEY, CKK_AES) = {
              CKA_SENSITIVE = true
              CKA_EXTRACTABLE = false
              CKA_ENCRYPT = true
              CKA_DECRYPT = true
              CKA_WRAP = false
              CKA_UNWRAP = false
            }
            attributes(generate, CKO_SECRET_KEY, CKK_GENERIC_SECRET) = {
              CKA_SENSITIVE = true
              CKA_EXTRACTABLE = false
            }
            attributes(generate, CKO_PRIVATE_KEY, CKK_EC) = {
              CKA_SENSITIVE = true
              CKA_EXTRACTABLE = false
            }
            """;

    public TokenConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(slot, "slot");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("provider name must be 1-64 letters, digits, '-' or '_'");
        }
        if (!library.isAbsolute() || !LIBRARY.matcher(library.toString()).matches()) {
            throw new IllegalArgumentException(
                    "library must be an absolute path of letters, digits and / . _ + -: " + library);
        }
    }

    /** SunPKCS11 configuration text; load it with {@code provider.configure("--" + text)}. */
    public String sunPkcs11Text() {
        return "name = " + name + "\n"
                + "library = " + library + "\n"
                + slot.configLine() + "\n"
                + TEMPLATES;
    }
}
