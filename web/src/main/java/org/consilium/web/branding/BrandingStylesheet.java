package org.consilium.web.branding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.consilium.domain.branding.AccentColour;

/**
 * The hospital's colours as CSS custom properties, over consilium.css's own: {@code --accent}
 * for the pages of the staff and guest client and for the console's preview of them (not for
 * the console itself, {@code body.console}), and a line of it under their header. The colour is
 * a checked {@code #rrggbb} ({@link AccentColour}), so nothing else can reach the stylesheet.
 */
record BrandingStylesheet(String css) {

    static BrandingStylesheet of(Optional<AccentColour> accent) {
        if (accent.isEmpty()) {
            return new BrandingStylesheet("/* No accent colour is set on the console's Branding page: consilium.css's "
                    + "own applies. */\n");
        }
        String hex = accent.get().hex();
        return new BrandingStylesheet("/* The hospital's accent colour, set on the console's Branding page. */\n"
                + "body:not(.console), .branding-preview { --accent: " + hex + "; }\n"
                + "body:not(.console) > .banner, .branding-preview > .banner { border-bottom: 4px solid var(--accent); }\n");
    }

    /** A quoted strong ETag: what the stylesheet says, digested. */
    String etag() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
