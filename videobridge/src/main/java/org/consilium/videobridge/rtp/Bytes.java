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

    public static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    public static int u32(byte[] b, int at) {
        return (u16(b, at) << 16) | u16(b, at + 2);
    }
}
