package org.consilium.videobridge.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.security.SecureRandom;
import java.util.Arrays;
import org.consilium.videobridge.dtls.SrtpKeys;
import org.consilium.videobridge.dtls.SrtpProfile;
import org.consilium.videobridge.packet.MediaPacket;
import org.jitsi.srtp.crypto.Aes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The bridge decrypts what a browser encrypted with the same DTLS-derived keys, and vice versa. */
class SrtpTransformerTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpRoundTripsInBothDirections(SrtpProfile profile) {
        SrtpKeys keys = randomKeys(profile);
        SrtpTransformer browser = SrtpTransformer.forBrowser(keys);
        SrtpTransformer bridge = SrtpTransformer.forBridge(keys);
        byte[] plain = rtp(0x1234, 1000, 160);

        MediaPacket packet = MediaPacket.copyOf(plain, 0, plain.length);
        assertEquals(SrtpOutcome.OK, browser.encryptRtp(packet));
        assertFalse(Arrays.equals(plain, packet.toArray()), "payload is encrypted");
        assertEquals(SrtpOutcome.OK, bridge.decryptRtp(packet));
        assertArrayEquals(plain, packet.toArray());

        MediaPacket back = MediaPacket.copyOf(plain, 0, plain.length);
        assertEquals(SrtpOutcome.OK, bridge.encryptRtp(back));
        assertEquals(SrtpOutcome.OK, browser.decryptRtp(back));
        assertArrayEquals(plain, back.toArray());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtcpRoundTrips(SrtpProfile profile) {
        SrtpKeys keys = randomKeys(profile);
        byte[] pli = {(byte) 0x81, (byte) 206, 0, 2, 0, 0, 0x12, 0x34, 0, 0, 0x56, 0x78};

        MediaPacket packet = MediaPacket.copyOf(pli, 0, pli.length);
        assertEquals(SrtpOutcome.OK, SrtpTransformer.forBrowser(keys).encryptRtcp(packet));
        assertEquals(SrtpOutcome.OK, SrtpTransformer.forBridge(keys).decryptRtcp(packet));
        assertArrayEquals(pli, packet.toArray());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aTamperedPacketFailsAuthentication(SrtpProfile profile) {
        SrtpKeys keys = randomKeys(profile);
        SrtpTransformer bridge = SrtpTransformer.forBridge(keys);
        MediaPacket packet = encrypted(SrtpTransformer.forBrowser(keys), 7);
        packet.getBuffer()[packet.getOffset() + 20] ^= 1;

        assertEquals(SrtpOutcome.AUTHENTICATION_FAILED, bridge.decryptRtp(packet));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aReplayedPacketIsRefused(SrtpProfile profile) {
        SrtpKeys keys = randomKeys(profile);
        SrtpTransformer bridge = SrtpTransformer.forBridge(keys);
        MediaPacket original = encrypted(SrtpTransformer.forBrowser(keys), 9);
        MediaPacket replay = original.copy();

        assertEquals(SrtpOutcome.OK, bridge.decryptRtp(original));
        assertEquals(SrtpOutcome.REPLAYED, bridge.decryptRtp(replay));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void keysOfAnotherSessionFail(SrtpProfile profile) {
        MediaPacket packet = encrypted(SrtpTransformer.forBrowser(randomKeys(profile)), 3);

        assertEquals(SrtpOutcome.AUTHENTICATION_FAILED, SrtpTransformer.forBridge(randomKeys(profile)).decryptRtp(packet));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void truncatedAndRandomPacketsAreRefusedWithoutThrowing(SrtpProfile profile) {
        SrtpTransformer bridge = SrtpTransformer.forBridge(randomKeys(profile));
        assertEquals(SrtpOutcome.MALFORMED, bridge.decryptRtp(new MediaPacket(new byte[5], 0, 5)));
        for (int i = 0; i < 2000; i++) {
            byte[] noise = new byte[12 + RANDOM.nextInt(200)];
            RANDOM.nextBytes(noise);
            noise[0] = (byte) 0x80;
            SrtpOutcome outcome = bridge.decryptRtp(MediaPacket.copyOf(noise, 0, noise.length));
            assertFalse(outcome == SrtpOutcome.OK, "random bytes authenticated");
        }
    }

    /** Not jitsi-srtp's start-up race between implementations: they differ in behaviour (AesImplementation). */
    @Test
    void everyAesModeUsesTheImplementationPinnedForThisHost() {
        SrtpTransformer.forBridge(randomKeys(SrtpProfile.AEAD_AES_128_GCM)).close();
        String expected = PinnedAes.providerName(AesImplementation.forThisHost());
        for (String mode : new String[] {"AES/GCM/NoPadding", "AES/CTR/NoPadding", "AES/ECB/NoPadding"}) {
            assertEquals(expected, Aes.createCipher(mode).getProvider().getName(), mode);
        }
    }

    static SrtpKeys randomKeys(SrtpProfile profile) {
        byte[] material = new byte[2 * (profile.keyLength() + profile.saltLength())];
        RANDOM.nextBytes(material);
        return new SrtpKeys(profile, material);
    }

    static byte[] rtp(int ssrc, int sequence, int payloadLength) {
        byte[] packet = new byte[12 + payloadLength];
        packet[0] = (byte) 0x80;
        packet[1] = 111;
        packet[2] = (byte) (sequence >>> 8);
        packet[3] = (byte) sequence;
        packet[8] = (byte) (ssrc >>> 24);
        packet[9] = (byte) (ssrc >>> 16);
        packet[10] = (byte) (ssrc >>> 8);
        packet[11] = (byte) ssrc;
        for (int i = 12; i < packet.length; i++) {
            packet[i] = (byte) i;
        }
        return packet;
    }

    private static MediaPacket encrypted(SrtpTransformer sender, int sequence) {
        byte[] plain = rtp(0xCAFE, sequence, 100);
        MediaPacket packet = MediaPacket.copyOf(plain, 0, plain.length);
        assertEquals(SrtpOutcome.OK, sender.encryptRtp(packet));
        return packet;
    }
}
