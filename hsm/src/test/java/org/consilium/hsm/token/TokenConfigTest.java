package org.consilium.hsm.token;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The SunPKCS11 configuration says which library and slot, and seals generated keys; it cannot be made to say more. */
class TokenConfigTest {

    @Test
    void textNamesTheLibraryAndTheSlot() {
        String text = new TokenConfig("consilium", Path.of("/opt/vendor/lib/libpkcs11.so"), TokenSlot.id(42)).sunPkcs11Text();
        assertTrue(text.startsWith("name = consilium\nlibrary = /opt/vendor/lib/libpkcs11.so\nslot = 42\n"), text);

        String byIndex = new TokenConfig("consilium", TokenConfig.SOFTHSM2_LIBRARY, TokenSlot.listIndex(0)).sunPkcs11Text();
        assertTrue(byIndex.contains("\nslotListIndex = 0\n"), byIndex);
    }

    @Test
    void everyKeyTypeWeGenerateIsSensitiveAndUnextractable() {
        String text = new TokenConfig("consilium", TokenConfig.SOFTHSM2_LIBRARY, TokenSlot.id(1)).sunPkcs11Text();
        for (String type : new String[] {"CKO_SECRET_KEY, CKK_AES", "CKO_SECRET_KEY, CKK_GENERIC_SECRET", "CKO_PRIVATE_KEY, CKK_EC"}) {
            int at = text.indexOf("attributes(generate, " + type + ") = {");
            assertTrue(at >= 0, type);
            String block = text.substring(at, text.indexOf('}', at));
            assertTrue(block.contains("CKA_SENSITIVE = true") && block.contains("CKA_EXTRACTABLE = false"), block);
        }
        assertTrue(text.contains("CKA_WRAP = false") && text.contains("CKA_UNWRAP = false"), "the KEK wraps nothing in the token");
    }

    @Test
    void nothingCanAddLinesToTheConfiguration() {
        assertThrows(IllegalArgumentException.class,
                () -> new TokenConfig("x\nlibrary = /tmp/evil.so", TokenConfig.SOFTHSM2_LIBRARY, TokenSlot.id(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new TokenConfig("consilium", Path.of("/usr/lib/x.so\nslot = 7"), TokenSlot.id(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new TokenConfig("consilium", Path.of("relative/libsofthsm2.so"), TokenSlot.id(1)));
        assertThrows(IllegalArgumentException.class, () -> TokenSlot.id(-1));
        assertThrows(IllegalArgumentException.class, () -> TokenSlot.listIndex(-1));
    }
}
