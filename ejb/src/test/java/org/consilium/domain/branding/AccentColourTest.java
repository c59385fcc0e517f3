package org.consilium.domain.branding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AccentColourTest {

    @Test
    void theContrastRatioIsWcags() {
        assertEquals(21.0, Contrast.ratio(0x000000, 0xffffff), 1e-9);
        assertEquals(1.0, Contrast.ratio(0x777777, 0x777777), 1e-9);
        // Published values: #767676 on white is the lightest grey at 4.54:1; #777777 is 4.47:1.
        assertEquals("4.54:1", Contrast.spoken(Contrast.ratio(0x767676, 0xffffff)));
        assertEquals("4.47:1", Contrast.spoken(Contrast.ratio(0x777777, 0xffffff)));
        assertEquals(Contrast.ratio(0x0b5cad, 0xffffff), Contrast.ratio(0xffffff, 0x0b5cad), 1e-12, "symmetric");
    }

    @Test
    void aRatioJustUnderTheLimitNeverReadsAsTheLimit() {
        assertEquals("4.49:1", Contrast.spoken(4.4999));
    }

    @Test
    void consiliumsOwnAccentPasses() {
        assertEquals("6.66:1", Contrast.spoken(AccentColour.DEFAULT.contrastWithWhite()));
    }

    @Test
    void theColourIsKeptAsHashAndSixLowerCaseDigits() {
        assertEquals("#7a1f5c", new AccentColour(" #7A1F5C ").hex());
        assertEquals("#7a1f5c", new AccentColour("7a1f5c").hex(), "the # may be left out");
        assertEquals(0x7a1f5c, new AccentColour("#7a1f5c").rgb());
    }

    @Test
    void somethingElseThanAColourIsRefused() {
        for (String typed : new String[] {"", "#fff", "red", "#12345g", "#1234567", "rgb(0,0,0)", "#0b5cad;}"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new AccentColour(typed),
                    typed);
            assertTrue(refused.getMessage().contains("six hexadecimal digits"), refused.getMessage());
        }
    }

    @Test
    void aColourWhiteTextCannotBeReadOnIsRefusedWithItsRatio() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new AccentColour("#ffcc00"));
        assertEquals("White text on #ffcc00 has a contrast of 1.51:1; WCAG 2.1 AA asks for at least 4.5:1. "
                + "Choose a darker colour", refused.getMessage());
        IllegalArgumentException grey = assertThrows(IllegalArgumentException.class, () -> new AccentColour("#777777"));
        assertTrue(grey.getMessage().startsWith("White text on #777777 has a contrast of 4.47:1;"), grey.getMessage());
    }

    @Test
    void aColourThatPassesOnWhiteButNotOnTheHeadersGreyIsRefusedToo() {
        // #767676: 4.54:1 with white, 4.15:1 on #f3f5f8.
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new AccentColour("#767676"));
        assertEquals("White text on #767676 has a contrast of 4.54:1, but as link text on the light grey of the page "
                + "header and notices (#f3f5f8) it has 4.15:1; WCAG 2.1 AA asks for at least 4.5:1. Choose a slightly "
                + "darker colour", refused.getMessage());
        assertEquals("#6b6b6b", new AccentColour("#6b6b6b").hex());
    }
}
