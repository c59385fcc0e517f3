package org.consilium.videobridge.stun;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Writes a STUN message; MESSAGE-INTEGRITY and FINGERPRINT, when asked for, come last. */
public final class StunMessageBuilder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

    public StunMessageBuilder(int type, byte[] transactionId) {
        if (transactionId.length != 12) {
            throw new IllegalArgumentException("transaction id must be 12 bytes");
        }
        u16(type);
        u16(0); // length, patched in build()
        u32(StunMessage.MAGIC_COOKIE);
        out.writeBytes(transactionId);
    }

    public StunMessageBuilder text(int attributeType, String value) {
        return attribute(attributeType, value.getBytes(StandardCharsets.UTF_8));
    }

    public StunMessageBuilder uint32(int attributeType, long value) {
        return attribute(attributeType, new byte[] {
            (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    public StunMessageBuilder uint64(int attributeType, long value) {
        byte[] bytes = new byte[8];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (value >>> (56 - 8 * i));
        }
        return attribute(attributeType, bytes);
    }

    public StunMessageBuilder flag(int attributeType) {
        return attribute(attributeType, new byte[0]);
    }

    public StunMessageBuilder errorCode(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[4 + text.length];
        value[2] = (byte) (code / 100);
        value[3] = (byte) (code % 100);
        System.arraycopy(text, 0, value, 4, text.length);
        return attribute(StunAttribute.ERROR_CODE, value);
    }

    public StunMessageBuilder xorMappedAddress(InetSocketAddress address) {
        byte[] ip = address.getAddress().getAddress();
        byte[] header = out.toByteArray(); // bytes 4..19: magic cookie and transaction id
        byte[] value = new byte[4 + ip.length];
        value[1] = (byte) (ip.length == 4 ? 1 : 2);
        int port = address.getPort() ^ (StunMessage.MAGIC_COOKIE >>> 16);
        value[2] = (byte) (port >>> 8);
        value[3] = (byte) port;
        for (int i = 0; i < ip.length; i++) {
            value[4 + i] = (byte) (ip[i] ^ header[4 + i]);
        }
        return attribute(StunAttribute.XOR_MAPPED_ADDRESS, value);
    }

    /**
     * @param integrityKey short-term password bytes for MESSAGE-INTEGRITY, or null for none
     * @param fingerprint  whether to end with FINGERPRINT
     */
    public byte[] build(byte[] integrityKey, boolean fingerprint) {
        if (integrityKey != null) {
            byte[] soFar = out.toByteArray();
            int lengthField = soFar.length + 4 + StunMessage.HMAC_SHA1_LENGTH - StunMessage.HEADER_LENGTH;
            attribute(StunAttribute.MESSAGE_INTEGRITY,
                    StunMessage.hmacSha1(integrityKey, soFar, 0, soFar.length, lengthField));
        }
        if (fingerprint) {
            byte[] soFar = withLength(out.toByteArray(), out.size() + 8 - StunMessage.HEADER_LENGTH);
            CRC32 crc = new CRC32();
            crc.update(soFar);
            int value = (int) crc.getValue() ^ StunMessage.FINGERPRINT_XOR;
            uint32(StunAttribute.FINGERPRINT, value & 0xFFFFFFFFL);
        }
        byte[] message = out.toByteArray();
        return withLength(message, message.length - StunMessage.HEADER_LENGTH);
    }

    private StunMessageBuilder attribute(int attributeType, byte[] value) {
        u16(attributeType);
        u16(value.length);
        out.writeBytes(value);
        for (int pad = value.length; (pad & 3) != 0; pad++) {
            out.write(0);
        }
        return this;
    }

    private static byte[] withLength(byte[] message, int length) {
        message[2] = (byte) (length >>> 8);
        message[3] = (byte) length;
        return message;
    }

    private void u16(int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    private void u32(int value) {
        u16(value >>> 16);
        u16(value & 0xFFFF);
    }
}
