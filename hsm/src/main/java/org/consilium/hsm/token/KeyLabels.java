package org.consilium.hsm.token;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The labels (CKA_LABEL) of Consilium's objects on the token, all under one prefix:
 * {@code <prefix>-kek-v1}, {@code -v2}… for key-encryption keys,
 * {@code <prefix>-audit-signing} and {@code <prefix>-invitations}. The prefix lets two
 * installations (or tests) share one token without touching each other's keys.
 */
public record KeyLabels(String prefix) {

    // Before CONSILIUM: the constructor needs it.
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    public static final KeyLabels CONSILIUM = new KeyLabels("consilium");

    public KeyLabels {
        Objects.requireNonNull(prefix, "prefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("label prefix must be 1-32 of a-z, 0-9 and '-'");
        }
    }

    public String kek(int version) {
        if (version < 1) {
            throw new IllegalArgumentException("KEK versions start at 1");
        }
        return prefix + "-kek-v" + version;
    }

    /** The KEK version a label names, or empty if it is not one of this prefix's KEKs. */
    public OptionalInt kekVersion(String label) {
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "-kek-v([1-9][0-9]{0,8})").matcher(label);
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    public String auditSigning() {
        return prefix + "-audit-signing";
    }

    public String invitations() {
        return prefix + "-invitations";
    }
}
