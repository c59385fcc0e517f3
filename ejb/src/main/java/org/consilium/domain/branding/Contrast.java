package org.consilium.domain.branding;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The contrast ratio of two sRGB colours as WCAG 2.1 defines it (success criterion 1.4.3):
 * (L1 + 0.05) / (L2 + 0.05) of their relative luminances, the lighter first; 1 to 21.
 */
public final class Contrast {

    /** WCAG 2.1 AA for text of normal size. */
    public static final double AA_TEXT = 4.5;

    private Contrast() {
    }

    /** The ratio between two colours given as 0xRRGGBB. */
    public static double ratio(int rgb, int otherRgb) {
        double one = relativeLuminance(rgb);
        double other = relativeLuminance(otherRgb);
        return (Math.max(one, other) + 0.05) / (Math.min(one, other) + 0.05);
    }

    /** WCAG 2.1's relative luminance of 0xRRGGBB: 0 (black) to 1 (white). */
    public static double relativeLuminance(int rgb) {
        return 0.2126 * linear((rgb >> 16) & 0xff) + 0.7152 * linear((rgb >> 8) & 0xff) + 0.0722 * linear(rgb & 0xff);
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /**
     * The ratio as people read it, "4.49:1": cut, not rounded, to two decimals, so a ratio just
     * under 4.5 never reads as 4.50 beside a sentence saying it is too low.
     */
    public static String spoken(double ratio) {
        return BigDecimal.valueOf(ratio).setScale(2, RoundingMode.DOWN).toPlainString() + ":1";
    }
}
