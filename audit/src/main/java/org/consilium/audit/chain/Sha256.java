package org.consilium.audit.chain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, which every Java runtime has. */
final class Sha256 {

    static final int LENGTH = 32;

    private Sha256() {
    }

    static byte[] of(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    static byte[] requireHash(byte[] value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        if (value.length != LENGTH) {
            throw new IllegalArgumentException(field + " must be " + LENGTH + " bytes, was " + value.length);
        }
        return value.clone();
    }
}
