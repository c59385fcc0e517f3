package org.consilium.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UsernameTest {

    @Test
    void directoryNamesAreCaseInsensitiveSoTheyAreKeptInLowerCase() {
        assertEquals(new Username("aortiz"), new Username("  AOrtiz "));
    }

    @Test
    void blankOrOverlongNamesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Username(" "));
        assertThrows(IllegalArgumentException.class, () -> new Username(null));
        assertThrows(IllegalArgumentException.class, () -> new Username("x".repeat(Username.MAX_LENGTH + 1)));
    }
}
