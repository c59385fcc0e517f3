package org.consilium.hsm.kek;

import java.security.Key;

/** One version of the key-encryption key: a handle to a token object, never its value. */
public record Kek(int version, String label, Key key) {

    @Override
    public String toString() {
        return "KEK v" + version + " (" + label + ")";
    }
}
