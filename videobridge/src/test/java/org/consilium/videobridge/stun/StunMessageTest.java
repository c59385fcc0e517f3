package org.consilium.videobridge.stun;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StunMessageTest {

    /** RFC 5769 §2.1 sample request. */
    static final byte[] SAMPLE_REQUEST = HexFormat.of().parseHex(
            "000100582112a442b7e7a701bc34d686fa87dfae"
            + "80220010" + "5354554e2074657374" + "20636c69656e74"
            + "00240004" + "6e0001ff"
            + "80290008" + "932ff9b151263b36"
            + "00060009" + "6576746a3a68367659202020"
            + "00080014" + "9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2"
            + "80280004" + "e57a3bcf");

    /** RFC 5769 §2.2 sample IPv4 response. */
    static final byte[] SAMPLE_IPV4_RESPONSE = HexFormat.of().parseHex(
            "0101003c2112a442b7e7a701bc34d686fa87dfae"
            + "8022000b" + "7465737420766563746f7220"
            + "00200008" + "0001a147e112a643"
            + "00080014" + "2b91f599fd9e90c38c7489f92af9ba53f06be7d7"
            + "80280004" + "c07d4c96");

    static final byte[] PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt".getBytes(UTF_8);
    static final byte[] TRANSACTION = HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae");

    @Test
    void readsTheRfc5769SampleRequest() throws Exception {
        StunMessage request = StunMessage.parse(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length);

        assertEquals(StunMessage.BINDING_REQUEST, request.type());
        assertArrayEquals(TRANSACTION, request.transactionId());
        assertEquals("evtj:h6vY", request.text(StunAttribute.USERNAME));
        assertEquals("STUN test client", request.text(StunAttribute.SOFTWARE));
        assertEquals(0x6e0001ffL, request.uint32(StunAttribute.PRIORITY));
        assertEquals(0x932ff9b151263b36L, request.uint64(StunAttribute.ICE_CONTROLLED));
        assertTrue(request.hasValidIntegrity(PASSWORD));
        assertTrue(request.hasValidFingerprint());
        assertFalse(request.has(StunAttribute.USE_CANDIDATE));
    }

    @Test
    void readsTheRfc5769SampleIpv4Response() throws Exception {
        StunMessage response = StunMessage.parse(SAMPLE_IPV4_RESPONSE, 0, SAMPLE_IPV4_RESPONSE.length);

        assertEquals(StunMessage.BINDING_SUCCESS, response.type());
        assertEquals(new InetSocketAddress("192.0.2.1", 32853), response.xorMappedAddress());
        assertTrue(response.hasValidIntegrity(PASSWORD));
        assertTrue(response.hasValidFingerprint());
    }

    @Test
    void aMessageInsideALargerBufferIsReadInPlace() throws Exception {
        byte[] buffer = new byte[SAMPLE_REQUEST.length + 37];
        System.arraycopy(SAMPLE_REQUEST, 0, buffer, 17, SAMPLE_REQUEST.length);

        StunMessage request = StunMessage.parse(buffer, 17, SAMPLE_REQUEST.length);

        assertTrue(request.hasValidIntegrity(PASSWORD));
        assertTrue(request.hasValidFingerprint());
    }

    @Test
    void theWrongPasswordOrAnyFlippedBitFailsTheChecks() throws Exception {
        assertFalse(StunMessage.parse(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length).hasValidIntegrity("wrong".getBytes(UTF_8)));
        for (int bit = 8 * 20; bit < 8 * (SAMPLE_REQUEST.length - 8); bit++) {
            byte[] tampered = SAMPLE_REQUEST.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            StunMessage message;
            try {
                message = StunMessage.parse(tampered, 0, tampered.length);
            } catch (MalformedStunException alsoFine) {
                continue; // the flip broke the framing: rejected before any check
            }
            assertFalse(message.hasValidIntegrity(PASSWORD) && message.hasValidFingerprint(), "bit " + bit);
        }
    }

    @Test
    void builtMessagesVerify() throws Exception {
        InetSocketAddress mapped = new InetSocketAddress("192.0.2.1", 32853);
        byte[] built = new StunMessageBuilder(StunMessage.BINDING_SUCCESS, TRANSACTION)
                .text(StunAttribute.SOFTWARE, "test vector")
                .xorMappedAddress(mapped)
                .build(PASSWORD, true);

        StunMessage parsed = StunMessage.parse(built, 0, built.length);

        assertEquals(mapped, parsed.xorMappedAddress());
        assertEquals("test vector", parsed.text(StunAttribute.SOFTWARE));
        assertTrue(parsed.hasValidIntegrity(PASSWORD));
        assertTrue(parsed.hasValidFingerprint());
        // Same attributes as the RFC's response, which pads SOFTWARE with spaces instead of zeros.
        assertEquals(SAMPLE_IPV4_RESPONSE.length, built.length);
    }

    @Test
    void ipv6XorMappedAddressRoundTrips() throws Exception {
        InetSocketAddress mapped = new InetSocketAddress("2001:db8:1234:5678:11:2233:4455:6677", 32853);
        byte[] built = new StunMessageBuilder(StunMessage.BINDING_SUCCESS, TRANSACTION).xorMappedAddress(mapped).build(null, true);

        assertEquals(mapped, StunMessage.parse(built, 0, built.length).xorMappedAddress());
    }

    @Test
    void inconsistentFramingIsMalformed() {
        assertThrows(MalformedStunException.class, () -> StunMessage.parse(SAMPLE_REQUEST, 0, 19));
        assertThrows(MalformedStunException.class, () -> StunMessage.parse(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length - 4));
        byte[] noCookie = SAMPLE_REQUEST.clone();
        noCookie[4] = 0;
        assertThrows(MalformedStunException.class, () -> StunMessage.parse(noCookie, 0, noCookie.length));
        byte[] longAttribute = SAMPLE_REQUEST.clone();
        longAttribute[23] = (byte) 0xF0; // SOFTWARE claims 240 bytes
        assertThrows(MalformedStunException.class, () -> StunMessage.parse(longAttribute, 0, longAttribute.length));
        byte[] afterFingerprint = Arrays.copyOf(SAMPLE_REQUEST, SAMPLE_REQUEST.length + 8);
        afterFingerprint[3] = (byte) (afterFingerprint[3] + 8);
        afterFingerprint[SAMPLE_REQUEST.length + 1] = 0x24; // PRIORITY after FINGERPRINT
        afterFingerprint[SAMPLE_REQUEST.length + 3] = 4;
        assertThrows(MalformedStunException.class, () -> StunMessage.parse(afterFingerprint, 0, afterFingerprint.length));
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButMalformed() {
        Random random = new Random(5769);
        for (int i = 0; i < 20_000; i++) {
            byte[] noise = new byte[random.nextInt(120)];
            random.nextBytes(noise);
            if (noise.length >= 8 && random.nextBoolean()) { // make many of them look like STUN
                noise[0] &= 0x3F;
                System.arraycopy(SAMPLE_REQUEST, 4, noise, 4, 4);
                int body = Math.max(0, noise.length - 20) & ~3;
                noise[2] = (byte) (body >>> 8);
                noise[3] = (byte) body;
            }
            try {
                StunMessage message = StunMessage.parse(noise, 0, noise.length);
                message.hasValidIntegrity(PASSWORD);
                message.hasValidFingerprint();
                message.text(StunAttribute.USERNAME);
                message.xorMappedAddress();
            } catch (MalformedStunException expected) {
                // fine
            }
        }
    }

    @Test
    void absentAttributesReadAsAbsent() throws Exception {
        byte[] bare = new StunMessageBuilder(StunMessage.BINDING_REQUEST, TRANSACTION).build(null, false);
        StunMessage message = StunMessage.parse(bare, 0, bare.length);

        assertNull(message.text(StunAttribute.USERNAME));
        assertEquals(-1, message.uint32(StunAttribute.PRIORITY));
        assertNull(message.xorMappedAddress());
        assertFalse(message.hasValidIntegrity(PASSWORD));
        assertFalse(message.hasValidFingerprint());
    }
}
