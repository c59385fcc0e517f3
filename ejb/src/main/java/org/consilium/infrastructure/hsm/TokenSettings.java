package org.consilium.infrastructure.hsm;

import java.nio.file.Path;
import java.util.Locale;
import org.consilium.hsm.token.TokenConfig;
import org.consilium.hsm.token.TokenSlot;
import org.eclipse.microprofile.config.Config;

/**
 * Where the token is, from the same system properties (with the same defaults) as the
 * server's Elytron provider-loader in 25-hsm.cli, so the two always name the same token:
 * {@value #LIBRARY} (default: Debian's SoftHSM2) and {@value #SLOT}, a slot id in decimal
 * or 0x-hex, or -1 (default) for the first slot the library lists.
 */
final class TokenSettings {

    static final String LIBRARY = "consilium.hsm.library";
    static final String SLOT = "consilium.hsm.slot";
    /** The application's provider is SunPKCS11-consilium-keys (Elytron's is SunPKCS11-consilium). */
    static final String PROVIDER_NAME = "consilium-keys";

    private TokenSettings() {
    }

    static TokenConfig from(Config config) {
        String library = config.getOptionalValue(LIBRARY, String.class)
                .orElse(TokenConfig.SOFTHSM2_LIBRARY.toString());
        String slot = config.getOptionalValue(SLOT, String.class).orElse("-1");
        return of(library, slot);
    }

    static TokenConfig of(String library, String slot) {
        return new TokenConfig(PROVIDER_NAME, Path.of(library.strip()), slot(slot));
    }

    /** A slot as SunPKCS11's "slot" setting reads it: -1 means the first slot listed. */
    static TokenSlot slot(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        try {
            long id = value.startsWith("0x") ? Long.parseLong(value.substring(2), 16) : Long.parseLong(value);
            if (id == -1) {
                return TokenSlot.listIndex(0);
            }
            if (id < 0 || id > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(SLOT + " must be -1 or a slot id from 0 to "
                        + Integer.MAX_VALUE + " (SunPKCS11 reads it as an int): " + text);
            }
            return TokenSlot.id(id);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException(SLOT + " must be a slot id (decimal or 0x-hex) or -1: " + text,
                    notANumber);
        }
    }

    /** For operators: "slot 5 of /opt/vendor/lib/libpkcs11.so". */
    static String describe(TokenConfig config) {
        return config.slot() + " of " + config.library();
    }
}
