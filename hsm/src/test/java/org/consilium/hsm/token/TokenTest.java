package org.consilium.hsm.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.Provider;
import org.consilium.hsm.HsmStatus;
import org.consilium.hsm.KeyService;
import org.consilium.hsm.testing.SoftHsm;
import org.junit.jupiter.api.Test;

/** Logging in to SoftHSM2 through SunPKCS11 from plain JCA (no --add-exports). */
class TokenTest {

    @Test
    void aWrongPinIsRefusedWithoutEchoingIt() {
        TokenConfig config = SoftHsm.config();
        SoftHsm.login().close(); // PKCS#11 login state is per process: be logged out first

        TokenException refused = assertThrows(TokenException.class, () -> Token.login(config, "not-the-pin"::toCharArray));
        assertTrue(refused.getMessage().contains("refused the login"), refused.getMessage());
        assertFalse(refused.getMessage().contains("not-the-pin"));
    }

    @Test
    void thePinArrayIsWipedAfterLogin() {
        char[] pin = SoftHsm.PIN.toCharArray();
        try (Token token = Token.login(SoftHsm.config(), () -> pin)) {
            assertTrue(new String(pin).chars().allMatch(c -> c == 0));
        }
    }

    @Test
    void aMissingLibraryIsNamed() {
        SoftHsm.config(); // the test token exists before any provider is loaded
        TokenConfig missing = new TokenConfig("missing", Path.of("/nonexistent/libpkcs11.so"), TokenSlot.id(0));
        TokenException e = assertThrows(TokenException.class, () -> Token.login(missing, SoftHsm.PIN::toCharArray));
        assertTrue(e.getMessage().contains("/nonexistent/libpkcs11.so"), e.getMessage());
    }

    @Test
    void aMissingSlotIsNamed() {
        TokenConfig config = SoftHsm.config();
        TokenConfig wrongSlot = new TokenConfig("wrong-slot", config.library(), TokenSlot.id(4_000_000_000L));
        TokenException e = assertThrows(TokenException.class, () -> Token.login(wrongSlot, SoftHsm.PIN::toCharArray));
        assertTrue(e.getMessage().contains("slot 4000000000"), e.getMessage());
    }

    @Test
    void anotherProviderWorksThroughTheLoginInEffectWithoutThePin() {
        TokenConfig config = SoftHsm.config();
        KeyLabels labels = SoftHsm.freshLabels();
        Provider withoutPin = Token.configure(config);
        try (Token owner = SoftHsm.login()) { // the holder of the PIN (in WildFly: Elytron's key store)
            Token attached = Token.attachLoggedIn(withoutPin);
            // Keys it generates get the templates of its own configuration: sealed, or refused.
            KeyService keys = KeyService.open(attached, labels);
            HsmStatus status = keys.status();
            assertTrue(status.ready(), status.problems().toString());
            assertEquals(1, status.currentKekVersion());
            attached.close(); // never logs out
            owner.refresh();
            assertTrue(owner.labels().contains(labels.kek(1)));
        }
    }

    @Test
    void attachingWithoutALoginInEffectIsNotLoggedIn() {
        TokenConfig config = SoftHsm.config();
        SoftHsm.login().close(); // PKCS#11 login state is per process: be logged out first
        assertThrows(NotLoggedInException.class, () -> Token.attachLoggedIn(Token.configure(config)));
    }
}
