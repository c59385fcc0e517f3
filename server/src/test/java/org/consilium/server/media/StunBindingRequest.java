package org.consilium.server.media;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An ICE connectivity check as a browser sends it (RFC 5389 Binding request with the ICE
 * attributes of RFC 8445: USERNAME, PRIORITY, ICE-CONTROLLING, MESSAGE-INTEGRITY,
 * FINGERPRINT), written by hand: the test sees the server only from outside.
 */
final class StunBindingRequest {

    private static final int MAGIC_COOKIE = 0x2112A442;
    private static final int FINGERPRINT_XOR = 0x5354554E;
    private static final int BINDING_REQUEST = 0x0001;
    private static final int USERNAME = 0x0006;
    private static final int MESSAGE_INTEGRITY = 0x0008;
    private static final int PRIORITY = 0x0024;
    private static final int ICE_CONTROLLING = 0x802A;
    private static final int FINGERPRINT = 0x8028;
    private static final SecureRandom RANDOM = new SecureRandom();

    private StunBindingRequest() {
    }

    /** A check from {@code remoteUfrag} to the bridge's {@code localUfrag}, signed with {@code password}. */
    static byte[] check(String localUfrag, String remoteUfrag, String password) {
        ByteBuffer message = ByteBuffer.allocate(256);
        message.putShort((short) BINDING_REQUEST).putShort((short) 0).putInt(MAGIC_COOKIE);
        message.put(random(12)); // transaction id
        attribute(message, USERNAME, (localUfrag + ":" + remoteUfrag).getBytes(StandardCharsets.UTF_8));
        attribute(message, PRIORITY, ByteBuffer.allocate(4).putInt(1_853_824_767).array());
        attribute(message, ICE_CONTROLLING, random(8));
        // MESSAGE-INTEGRITY covers the message up to itself, with a length that already counts it.
        message.putShort(2, (short) (message.position() - 20 + 24));
        attribute(message, MESSAGE_INTEGRITY, hmacSha1(password.getBytes(StandardCharsets.UTF_8), message.array(),
                message.position()));
        message.putShort(2, (short) (message.position() - 20 + 8));
        CRC32 crc = new CRC32();
        crc.update(message.array(), 0, message.position());
        attribute(message, FINGERPRINT, ByteBuffer.allocate(4).putInt((int) crc.getValue() ^ FINGERPRINT_XOR).array());
        return Arrays.copyOf(message.array(), message.position());
    }

    private static void attribute(ByteBuffer message, int type, byte[] value) {
        message.putShort((short) type).putShort((short) value.length).put(value);
        while (message.position() % 4 != 0) {
            message.put((byte) 0);
        }
    }

    private static byte[] hmacSha1(byte[] key, byte[] bytes, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            mac.update(bytes, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException(missing);
        }
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
