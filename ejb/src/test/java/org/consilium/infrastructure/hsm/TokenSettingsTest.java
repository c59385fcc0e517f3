package org.consilium.infrastructure.hsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.consilium.hsm.token.TokenConfig;
import org.consilium.hsm.token.TokenSlot;
import org.junit.jupiter.api.Test;

class TokenSettingsTest {

    @Test
    void minusOneIsTheFirstSlotListed() {
        assertEquals(TokenSlot.listIndex(0), TokenSettings.slot("-1"));
    }

    @Test
    void slotIdsAreDecimalOrHex() {
        assertEquals(TokenSlot.id(5), TokenSettings.slot("5"));
        assertEquals(TokenSlot.id(0x6986f18cL), TokenSettings.slot(" 0x6986F18C "));
        assertEquals(TokenSlot.id(Integer.MAX_VALUE), TokenSettings.slot(Integer.toString(Integer.MAX_VALUE)));
    }

    @Test
    void whatSunPkcs11CannotReadIsRefusedWithTheProperty() {
        for (String bad : new String[] {"-2", "3000000000", "slot-1", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenSettings.slot(bad));
            assertTrue(e.getMessage().contains(TokenSettings.SLOT), e.getMessage());
        }
    }

    @Test
    void theDescriptionNamesSlotAndLibrary() {
        TokenConfig config = TokenSettings.of("/opt/vendor/lib/libpkcs11.so", "0x10");
        assertEquals(Path.of("/opt/vendor/lib/libpkcs11.so"), config.library());
        assertEquals("slot 16 of /opt/vendor/lib/libpkcs11.so", TokenSettings.describe(config));
        assertEquals("slot list index 0 of " + TokenConfig.SOFTHSM2_LIBRARY,
                TokenSettings.describe(TokenSettings.of(TokenConfig.SOFTHSM2_LIBRARY.toString(), "-1")));
    }
}
