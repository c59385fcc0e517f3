package org.consilium.videobridge.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A STUN message read in place from a packet buffer. {@link #parse} checks the framing
 * (header, magic cookie, length, attribute boundaries, MESSAGE-INTEGRITY and FINGERPRINT
 * placement); integrity and fingerprint values are checked on request, since only the
 * receiver knows which password applies.
 */
public final class StunMessage {

    public static final int HEADER_LENGTH = 20;
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int BINDING_REQUEST = 0x0001;
    public static final int BINDING_INDICATION = 0x0011;
    public static final int BINDING_SUCCESS = 0x0101;
    public static final int BINDING_ERROR = 0x0111;
    static final int FINGERPRINT_XOR = 0x5354554E;
    static final int HMAC_SHA1_LENGTH = 20;
    private static final int MAX_ATTRIBUTES = 32;

    private final byte[] buffer;
    private final int offset;
    private final int length;
    private final int type;
    private final int[] attributeTypes;
    private final int[] valueOffsets;
    private final int[] valueLengths;
    private final int attributeCount;

    private StunMessage(byte[] buffer, int offset, int length, int type,
                        int[] types, int[] offsets, int[] lengths, int count) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.type = type;
        this.attributeTypes = types;
        this.valueOffsets = offsets;
        this.valueLengths = lengths;
        this.attributeCount = count;
    }

    /** Reads {@code length} bytes at {@code offset}; the buffer must not change while the message is used. */
    public static StunMessage parse(byte[] buffer, int offset, int length) throws MalformedStunException {
        if (length < HEADER_LENGTH) {
            throw new MalformedStunException("shorter than a STUN header");
        }
        int type = u16(buffer, offset);
        if ((type & 0xC000) != 0) {
            throw new MalformedStunException("first two bits not zero");
        }
        if (u32(buffer, offset + 4) != MAGIC_COOKIE) {
            throw new MalformedStunException("no magic cookie");
        }
        int bodyLength = u16(buffer, offset + 2);
        if (bodyLength != length - HEADER_LENGTH || (bodyLength & 3) != 0) {
            throw new MalformedStunException("length field does not match the packet");
        }
        int[] types = new int[MAX_ATTRIBUTES];
        int[] offsets = new int[MAX_ATTRIBUTES];
        int[] lengths = new int[MAX_ATTRIBUTES];
        int count = 0;
        int position = offset + HEADER_LENGTH;
        int end = offset + length;
        boolean integritySeen = false;
        boolean fingerprintSeen = false;
        while (position < end) {
            if (end - position < 4) {
                throw new MalformedStunException("truncated attribute header");
            }
            if (count == MAX_ATTRIBUTES) {
                throw new MalformedStunException("too many attributes");
            }
            if (fingerprintSeen) {
                throw new MalformedStunException("attribute after FINGERPRINT");
            }
            int attributeType = u16(buffer, position);
            int valueLength = u16(buffer, position + 2);
            int padded = (valueLength + 3) & ~3;
            if (padded > end - position - 4) {
                throw new MalformedStunException("attribute runs past the end");
            }
            if (integritySeen && attributeType != StunAttribute.FINGERPRINT) {
                throw new MalformedStunException("attribute after MESSAGE-INTEGRITY");
            }
            if (attributeType == StunAttribute.MESSAGE_INTEGRITY) {
                if (valueLength != HMAC_SHA1_LENGTH) {
                    throw new MalformedStunException("MESSAGE-INTEGRITY of wrong length");
                }
                integritySeen = true;
            } else if (attributeType == StunAttribute.FINGERPRINT) {
                if (valueLength != 4) {
                    throw new MalformedStunException("FINGERPRINT of wrong length");
                }
                fingerprintSeen = true;
            }
            types[count] = attributeType;
            offsets[count] = position + 4;
            lengths[count] = valueLength;
            count++;
            position += 4 + padded;
        }
        return new StunMessage(buffer, offset, length, type, types, offsets, lengths, count);
    }

    /** True when the bytes could be STUN at all (RFC 7983 first byte, cookie): cheap pre-check. */
    public static boolean looksLikeStun(byte[] buffer, int offset, int length) {
        return length >= HEADER_LENGTH && (buffer[offset] & 0xC0) == 0 && u32(buffer, offset + 4) == MAGIC_COOKIE;
    }

    public int type() {
        return type;
    }

    public byte[] transactionId() {
        return Arrays.copyOfRange(buffer, offset + 8, offset + HEADER_LENGTH);
    }

    public boolean has(int attributeType) {
        return indexOf(attributeType) >= 0;
    }

    /** The UTF-8 value of a text attribute (USERNAME, SOFTWARE), or null if absent. */
    public String text(int attributeType) {
        int i = indexOf(attributeType);
        return i < 0 ? null : new String(buffer, valueOffsets[i], valueLengths[i], StandardCharsets.UTF_8);
    }

    /** A 32-bit attribute (PRIORITY) as an unsigned value, or -1 if absent or not 4 bytes long. */
    public long uint32(int attributeType) {
        int i = indexOf(attributeType);
        return i < 0 || valueLengths[i] != 4 ? -1 : u32(buffer, valueOffsets[i]) & 0xFFFFFFFFL;
    }

    /** A 64-bit attribute (ICE-CONTROLLING tie-breaker), or null if absent or not 8 bytes long. */
    public Long uint64(int attributeType) {
        int i = indexOf(attributeType);
        if (i < 0 || valueLengths[i] != 8) {
            return null;
        }
        return ((long) u32(buffer, valueOffsets[i]) << 32) | (u32(buffer, valueOffsets[i] + 4) & 0xFFFFFFFFL);
    }

    /** The XOR-MAPPED-ADDRESS, or null if absent or malformed. */
    public InetSocketAddress xorMappedAddress() {
        int i = indexOf(StunAttribute.XOR_MAPPED_ADDRESS);
        if (i < 0 || valueLengths[i] < 8) {
            return null;
        }
        int at = valueOffsets[i];
        int family = buffer[at + 1] & 0xFF;
        int port = u16(buffer, at + 2) ^ (MAGIC_COOKIE >>> 16);
        int addressLength = family == 1 ? 4 : family == 2 ? 16 : -1;
        if (addressLength < 0 || valueLengths[i] != 4 + addressLength) {
            return null;
        }
        byte[] address = new byte[addressLength];
        for (int k = 0; k < addressLength; k++) {
            // XOR with the magic cookie, then (IPv6) the transaction id: header bytes 4..19.
            address[k] = (byte) (buffer[at + 4 + k] ^ buffer[offset + 4 + k]);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException impossible) {
            return null;
        }
    }

    /**
     * Checks MESSAGE-INTEGRITY with a short-term credential (the key is the password's
     * UTF-8 bytes, RFC 5389 §15.4). False when the attribute is absent.
     */
    public boolean hasValidIntegrity(byte[] key) {
        int i = indexOf(StunAttribute.MESSAGE_INTEGRITY);
        if (i < 0) {
            return false;
        }
        int attributeStart = valueOffsets[i] - 4;
        byte[] expected = hmacSha1(key, buffer, offset, attributeStart - offset,
                attributeStart + 4 + HMAC_SHA1_LENGTH - offset - HEADER_LENGTH);
        return MessageDigest.isEqual(expected, Arrays.copyOfRange(buffer, valueOffsets[i], valueOffsets[i] + HMAC_SHA1_LENGTH));
    }

    /** Checks FINGERPRINT (RFC 5389 §15.5). False when the attribute is absent. */
    public boolean hasValidFingerprint() {
        int i = indexOf(StunAttribute.FINGERPRINT);
        if (i < 0) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(buffer, offset, valueOffsets[i] - 4 - offset);
        return ((int) crc.getValue() ^ FINGERPRINT_XOR) == u32(buffer, valueOffsets[i]);
    }

    /**
     * HMAC-SHA1 over {@code length} bytes at {@code start}, with the header's length field
     * taken as {@code lengthField} (it must count the MESSAGE-INTEGRITY attribute itself).
     */
    static byte[] hmacSha1(byte[] key, byte[] buffer, int start, int length, int lengthField) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            mac.update(buffer, start, 2);
            mac.update((byte) (lengthField >>> 8));
            mac.update((byte) lengthField);
            mac.update(buffer, start + 4, length - 4);
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException unavailable) {
            throw new IllegalStateException("HmacSHA1 unavailable", unavailable);
        }
    }

    private int indexOf(int attributeType) {
        for (int i = 0; i < attributeCount; i++) {
            if (attributeTypes[i] == attributeType) {
                return i;
            }
        }
        return -1;
    }

    public int length() {
        return length;
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static int u32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
