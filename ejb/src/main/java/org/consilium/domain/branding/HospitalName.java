package org.consilium.domain.branding;

/**
 * The hospital's name as pages show it in their header: plain text (the pages escape it, it is
 * never markup), one line, at most {@value #MAX_LENGTH} characters so that it fits a phone's
 * header. Runs of white space become one space.
 */
public record HospitalName(String value) {

    public static final int MAX_LENGTH = 80;

    public HospitalName {
        if (value == null) {
            throw new IllegalArgumentException("Give the hospital's name");
        }
        value = value.strip().replaceAll("\\s+", " ");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("Give the hospital's name");
        }
        if (value.codePoints().anyMatch(HospitalName::invisible)) {
            throw new IllegalArgumentException("The name may not contain control or formatting characters");
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new IllegalArgumentException("The name is " + value.codePointCount(0, value.length())
                    + " characters long; at most " + MAX_LENGTH + " fit in a page's header");
        }
    }

    /** Control characters and the invisible formatting ones (bidirectional overrides among them), which could disguise a name. */
    private static boolean invisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    @Override
    public String toString() {
        return value;
    }
}
