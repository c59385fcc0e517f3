package org.consilium.hsm.token;

import java.security.Key;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What SunPKCS11 lets us observe of a token key's CKA_SENSITIVE and CKA_EXTRACTABLE.
 * It has no public accessor for them; its keys describe both in toString()
 * ("…token object, sensitive, unextractable)"), and getEncoded() is null when the value
 * cannot be read. Used as a guard: a key we generated must be sealed in the token.
 */
public final class KeyAttributes {

    private static final Pattern DESCRIPTION =
            Pattern.compile(".*, (sensitive|not sensitive), (extractable|unextractable)\\)$");

    private KeyAttributes() {
    }

    /** True if the key is a token key that is sensitive and unextractable. */
    public static boolean isSealed(Key key) {
        Matcher m = DESCRIPTION.matcher(String.valueOf(key));
        return key.getEncoded() == null
                && m.matches()
                && m.group(1).equals("sensitive")
                && m.group(2).equals("unextractable");
    }

    /**
     * Refuses a generated key that could leave the token, which happens when the provider
     * was configured without {@link TokenConfig#sunPkcs11Text()}'s templates.
     */
    public static void requireSealed(Key key, String label) {
        if (!isSealed(key)) {
            throw new TokenException("the token generated " + label + " as a readable key; configure the "
                    + "PKCS#11 provider with TokenConfig.sunPkcs11Text() (its attribute templates)");
        }
    }
}
