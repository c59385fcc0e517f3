package org.consilium.web.branding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.consilium.domain.branding.AccentColour;
import org.junit.jupiter.api.Test;

class BrandingStylesheetTest {

    @Test
    void withoutAColourTheStylesheetChangesNothing() {
        String css = BrandingStylesheet.of(Optional.empty()).css();
        assertFalse(css.contains("{"), css);
    }

    @Test
    void theColourIsSetForThePagesAndThePreviewButNotTheConsole() {
        String css = BrandingStylesheet.of(Optional.of(new AccentColour("#7A1F5C"))).css();
        assertTrue(css.contains("body:not(.console), .branding-preview { --accent: #7a1f5c; }"), css);
    }

    @Test
    void theEtagChangesWithTheColour() {
        String one = BrandingStylesheet.of(Optional.of(new AccentColour("#7a1f5c"))).etag();
        assertEquals(one, BrandingStylesheet.of(Optional.of(new AccentColour("#7a1f5c"))).etag());
        assertNotEquals(one, BrandingStylesheet.of(Optional.of(new AccentColour("#7a1f5d"))).etag());
        assertNotEquals(one, BrandingStylesheet.of(Optional.empty()).etag());
        assertTrue(one.matches("\"[0-9a-f]{32}\""), one);
    }
}
