package org.consilium.domain.branding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HospitalNameTest {

    @Test
    void theNameIsOneLineWithoutSurroundingSpace() {
        assertEquals("St. Example's Hospital", new HospitalName("  St. Example's\n  Hospital ").value());
    }

    @Test
    void markupIsKeptAsTheTextItIs() {
        assertEquals("<b>Mercy</b> & Co", new HospitalName("<b>Mercy</b> & Co").value());
    }

    @Test
    void eightyCharactersFitEightyOneDoNot() {
        assertEquals(80, new HospitalName("H".repeat(80)).value().length());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new HospitalName("H".repeat(81)));
        assertEquals("The name is 81 characters long; at most 80 fit in a page's header", refused.getMessage());
        assertEquals(80, new HospitalName("é".repeat(40) + "\uD83C\uDFE5".repeat(40)).value().codePointCount(0, 120),
                "characters, not UTF-16 units, are counted");
    }

    @Test
    void blankAndInvisibleCharactersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HospitalName("   "));
        assertThrows(IllegalArgumentException.class, () -> new HospitalName(null));
        assertThrows(IllegalArgumentException.class, () -> new HospitalName("Mercy\u0000"));
        assertEquals("The name may not contain control or formatting characters",
                assertThrows(IllegalArgumentException.class, () -> new HospitalName("Mercy \u202Elatipsoh")).getMessage());
    }
}
