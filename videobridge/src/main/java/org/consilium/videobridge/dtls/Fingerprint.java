package org.consilium.videobridge.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** A certificate fingerprint as SDP writes it: {@code a=fingerprint:sha-256 AB:CD:...} (RFC 8122). */
public record Fingerprint(String algorithm, byte[] digest) {

    public static Fingerprint sha256(byte[] derCertificate) {
        return new Fingerprint("sha-256", digest("SHA-256", derCertificate));
    }

    /** Parses the value of an SDP fingerprint attribute, e.g. {@code sha-256 AB:CD:...}. */
    public static Fingerprint parse(String sdpValue) {
        String[] parts = sdpValue == null ? new String[0] : sdpValue.strip().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("fingerprint must be '<hash> <hex:hex:...>'");
        }
        String algorithm = parts[0].toLowerCase(Locale.ROOT);
        javaName(algorithm); // rejects unsupported hashes
        try {
            return new Fingerprint(algorithm, HexFormat.ofDelimiter(":").parseHex(parts[1]));
        } catch (IllegalArgumentException notHex) {
            throw new IllegalArgumentException("fingerprint is not colon-separated hex");
        }
    }

    /** Whether a DER certificate hashes to this fingerprint. */
    public boolean matches(byte[] derCertificate) {
        return MessageDigest.isEqual(digest, digest(javaName(algorithm), derCertificate));
    }

    public String toSdpValue() {
        return algorithm + " " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    @Override
    public String toString() {
        return toSdpValue();
    }

    private static String javaName(String sdpName) {
        return switch (sdpName) {
            case "sha-256" -> "SHA-256";
            case "sha-384" -> "SHA-384";
            case "sha-512" -> "SHA-512";
            default -> throw new IllegalArgumentException("unsupported fingerprint hash " + sdpName);
        };
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint that && algorithm.equals(that.algorithm)
                && MessageDigest.isEqual(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode() * 31 + java.util.Arrays.hashCode(digest);
    }
}
