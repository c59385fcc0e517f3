package org.consilium.videobridge.rtp;

/** Big-endian writes into byte arrays (network order). */
public final class Bytes {

    private Bytes() {
    }

    public static void putU16(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }

    public static void putU32(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 24);
        b[at + 1] = (byte) (value >>> 16);
        b[at + 2] = (byte) (value >>> 8);
        b[at + 3] = (byte) value;
    }
}
