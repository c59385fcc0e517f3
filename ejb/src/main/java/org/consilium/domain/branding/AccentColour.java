package org.consilium.domain.branding;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hospital's accent colour, {@code #rrggbb} in lower case: the background of buttons
 * (with white text on it), the colour of links and outlined buttons (on white, and on the
 * light grey of notices and the page header), and the line under the header. So it must read
 * at WCAG 2.1 AA (4.5:1) against each of them; the grey is the stricter.
 */
public record AccentColour(String hex) {

    private static final Pattern HEX = Pattern.compile("#[0-9a-f]{6}"); // before DEFAULT, which uses it

    /** What the pages use when the hospital set none (consilium.css {@code --accent}). */
    public static final AccentColour DEFAULT = new AccentColour("#0b5cad");

    static final int WHITE = 0xffffff;
    /** consilium.css {@code --panel}: the header's and the notices' background. */
    static final int PANEL = 0xf3f5f8;

    public AccentColour {
        if (hex == null) {
            throw new IllegalArgumentException("Give the colour as # and six hexadecimal digits, such as #0b5cad");
        }
        hex = hex.strip().toLowerCase(Locale.ROOT);
        if (!hex.startsWith("#")) {
            hex = "#" + hex;
        }
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("Give the colour as # and six hexadecimal digits, such as #0b5cad");
        }
        double withWhite = Contrast.ratio(rgb(hex), WHITE);
        if (withWhite < Contrast.AA_TEXT) {
            throw new IllegalArgumentException("White text on " + hex + " has a contrast of " + Contrast.spoken(withWhite)
                    + "; WCAG 2.1 AA asks for at least 4.5:1. Choose a darker colour");
        }
        double onPanel = Contrast.ratio(rgb(hex), PANEL);
        if (onPanel < Contrast.AA_TEXT) {
            throw new IllegalArgumentException("White text on " + hex + " has a contrast of " + Contrast.spoken(withWhite)
                    + ", but as link text on the light grey of the page header and notices (#f3f5f8) it has "
                    + Contrast.spoken(onPanel) + "; WCAG 2.1 AA asks for at least 4.5:1. Choose a slightly darker colour");
        }
    }

    /** 0xRRGGBB. */
    public int rgb() {
        return rgb(hex);
    }

    /** The contrast of white text on this colour. */
    public double contrastWithWhite() {
        return Contrast.ratio(rgb(), WHITE);
    }

    private static int rgb(String hex) {
        return Integer.parseInt(hex.substring(1), 16);
    }

    @Override
    public String toString() {
        return hex;
    }
}
