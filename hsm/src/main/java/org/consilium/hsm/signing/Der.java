package org.consilium.hsm.signing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The few DER encodings one self-signed certificate needs (the JDK has no public encoder). */
final class Der {

    static final byte[] OID_ECDSA_WITH_SHA256 = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x04, 0x03, 0x02};
    static final byte[] OID_COMMON_NAME = {0x06, 0x03, 0x55, 0x04, 0x03};

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private Der() {
    }

    static byte[] sequence(byte[]... parts) {
        return tagged(0x30, parts);
    }

    static byte[] set(byte[]... parts) {
        return tagged(0x31, parts);
    }

    /** [n] EXPLICIT. */
    static byte[] explicit(int n, byte[] content) {
        return tagged(0xa0 | n, content);
    }

    static byte[] integer(BigInteger value) {
        return tagged(0x02, value.toByteArray());
    }

    static byte[] utf8(String s) {
        return tagged(0x0c, s.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 5280: UTCTime through 2049, GeneralizedTime from 2050. */
    static byte[] time(ZonedDateTime t) {
        ZonedDateTime utc = t.withZoneSameInstant(ZoneOffset.UTC).withNano(0);
        return utc.getYear() < 2050
                ? tagged(0x17, UTC_TIME.format(utc).getBytes(StandardCharsets.US_ASCII))
                : tagged(0x18, GENERALIZED_TIME.format(utc).getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] bitString(byte[] bytes) {
        byte[] content = new byte[bytes.length + 1]; // leading 0: no unused bits
        System.arraycopy(bytes, 0, content, 1, bytes.length);
        return tagged(0x03, content);
    }

    static byte[] tagged(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.size();
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] digits = BigInteger.valueOf(length).toByteArray();
            int skip = digits[0] == 0 ? 1 : 0;
            out.write(0x80 | (digits.length - skip));
            out.write(digits, skip, digits.length - skip);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}
