package org.consilium.videobridge.ice;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** An ICE username fragment and password (RFC 8445 §5.3: at least 4 and 22 ice-chars). */
public record IceCredentials(String ufrag, String password) {

    private static final char[] ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public IceCredentials {
        if (ufrag == null || ufrag.length() < 4 || ufrag.contains(":")) {
            throw new IllegalArgumentException("ICE ufrag must be at least 4 ice-chars");
        }
        if (password == null || password.length() < 22) {
            throw new IllegalArgumentException("ICE password must be at least 22 ice-chars");
        }
    }

    /** Fresh random credentials: 8-char ufrag (48 bits), 24-char password (144 bits). */
    public static IceCredentials random() {
        return new IceCredentials(randomIceChars(8), randomIceChars(24));
    }

    public byte[] passwordBytes() {
        return password.getBytes(StandardCharsets.UTF_8);
    }

    private static String randomIceChars(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ICE_CHARS[RANDOM.nextInt(ICE_CHARS.length)];
        }
        return new String(chars);
    }

    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + ", password=<hidden>]";
    }
}
