package org.consilium.videobridge.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.stream.Stream;
import org.consilium.videobridge.dtls.SrtpKeys;
import org.consilium.videobridge.dtls.SrtpProfile;
import org.consilium.videobridge.packet.MediaPacket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For each AES implementation jitsi-srtp can pick, and each profile the bridge negotiates:
 * a forged packet spoils neither the genuine packet with its sequence number nor the replay
 * window, and a sequence number encrypted twice (a NACK answered without RTX) is never
 * passed as protected while in clear text. Each case runs {@value #ROUNDS} times with fresh keys.
 */
class ForgedAndRepeatedSrtpTest {

    private static final int ROUNDS = 50;
    private static final int SSRC = 0xA1;
    private static final int PAYLOAD = 100;

    static Stream<Arguments> implementationsAndProfiles() {
        return Arrays.stream(AesImplementation.values())
                .flatMap(aes -> Arrays.stream(SrtpProfile.values()).map(profile -> Arguments.of(aes, profile)));
    }

    @AfterAll
    static void backToTheBridgesChoice() {
        PinnedAes.use(AesImplementation.forThisHost());
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("implementationsAndProfiles")
    void aForgedPacketDoesNotSpoilTheGenuinePacketWithItsSequenceNumber(AesImplementation aes, SrtpProfile profile) {
        PinnedAes.use(aes);
        for (int round = 0; round < ROUNDS; round++) {
            SrtpKeys keys = SrtpTransformerTest.randomKeys(profile);
            SrtpTransformer browser = SrtpTransformer.forBrowser(keys);
            SrtpTransformer bridge = SrtpTransformer.forBridge(keys);
            assertEquals(SrtpOutcome.OK, bridge.decryptRtp(encrypted(browser, 1)));
            MediaPacket genuine = encrypted(browser, 2);

            assertEquals(SrtpOutcome.AUTHENTICATION_FAILED, bridge.decryptRtp(flipped(genuine, genuine.getLength() - 1)),
                    "wrong tag, round " + round);
            assertEquals(SrtpOutcome.AUTHENTICATION_FAILED, bridge.decryptRtp(flipped(genuine, 20)),
                    "changed payload, round " + round);
            assertEquals(SrtpOutcome.OK, bridge.decryptRtp(genuine), "the genuine packet after the forged ones, round " + round);
            assertArrayEquals(SrtpTransformerTest.rtp(SSRC, 2, PAYLOAD), genuine.toArray());
            assertEquals(SrtpOutcome.OK, bridge.decryptRtp(encrypted(browser, 3)), "the one after, round " + round);
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("implementationsAndProfiles")
    void aForgedPacketWithAFutureSequenceNumberDoesNotMoveTheReplayWindow(AesImplementation aes, SrtpProfile profile) {
        PinnedAes.use(aes);
        for (int round = 0; round < ROUNDS; round++) {
            SrtpKeys keys = SrtpTransformerTest.randomKeys(profile);
            SrtpTransformer browser = SrtpTransformer.forBrowser(keys);
            SrtpTransformer bridge = SrtpTransformer.forBridge(keys);
            MediaPacket late = encrypted(browser, 99);
            MediaPacket first = encrypted(browser, 100);
            MediaPacket next = encrypted(browser, 101);
            MediaPacket replay = first.copy();
            assertEquals(SrtpOutcome.OK, bridge.decryptRtp(first));

            // 64 is the replay window: had a forgery moved it, 101 and 99 would be refused as old.
            for (int ahead : new int[] {1, 63, 64, 1000, 30000}) {
                assertEquals(SrtpOutcome.AUTHENTICATION_FAILED, bridge.decryptRtp(withSequenceNumber(late, 100 + ahead)),
                        "forged " + ahead + " ahead, round " + round);
            }
            assertEquals(SrtpOutcome.OK, bridge.decryptRtp(next), "the next genuine packet, round " + round);
            assertEquals(SrtpOutcome.OK, bridge.decryptRtp(late), "a late genuine packet inside the window, round " + round);
            assertEquals(SrtpOutcome.REPLAYED, bridge.decryptRtp(replay), "a replay, round " + round);
        }
    }

    /**
     * SunJCE and BouncyCastle refuse AES-GCM with the nonce they used last; jitsi-srtp says OK
     * anyway and leaves the packet in clear text, so the transformer must say NOT_PROTECTED.
     * OpenSSL (the bridge's choice) encrypts again, giving the same SRTP packet as the first time.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("implementationsAndProfiles")
    void aSequenceNumberEncryptedTwiceIsTheSamePacketOrNotSentButNeverInClearText(AesImplementation aes,
                                                                                  SrtpProfile profile) {
        PinnedAes.use(aes);
        boolean refusesNonceReuse = profile == SrtpProfile.AEAD_AES_128_GCM && aes != AesImplementation.OPENSSL;
        byte[] plain = SrtpTransformerTest.rtp(SSRC, 5, PAYLOAD);
        for (int round = 0; round < ROUNDS; round++) {
            SrtpKeys keys = SrtpTransformerTest.randomKeys(profile);
            SrtpTransformer bridge = SrtpTransformer.forBridge(keys);
            MediaPacket sent = MediaPacket.copyOf(plain, 0, plain.length);
            assertEquals(SrtpOutcome.OK, bridge.encryptRtp(sent));
            assertFalse(Arrays.equals(plain, Arrays.copyOf(sent.toArray(), plain.length)), "encrypted");

            MediaPacket resent = MediaPacket.copyOf(plain, 0, plain.length);
            SrtpOutcome outcome = bridge.encryptRtp(resent);

            if (refusesNonceReuse) {
                assertEquals(SrtpOutcome.NOT_PROTECTED, outcome, "round " + round);
            } else {
                assertEquals(SrtpOutcome.OK, outcome, "round " + round);
                assertArrayEquals(sent.toArray(), resent.toArray(), "the same SRTP packet, round " + round);
            }
            MediaPacket received = sent.copy();
            assertEquals(SrtpOutcome.OK, SrtpTransformer.forBrowser(keys).decryptRtp(received));
            assertArrayEquals(plain, received.toArray());
        }
    }

    private static MediaPacket encrypted(SrtpTransformer sender, int sequence) {
        byte[] plain = SrtpTransformerTest.rtp(SSRC, sequence, PAYLOAD);
        MediaPacket packet = MediaPacket.copyOf(plain, 0, plain.length);
        assertEquals(SrtpOutcome.OK, sender.encryptRtp(packet));
        return packet;
    }

    /** What an attacker can make without the keys: a copy of a genuine packet with one bit changed. */
    private static MediaPacket flipped(MediaPacket genuine, int at) {
        MediaPacket forged = genuine.copy();
        forged.getBuffer()[forged.getOffset() + at] ^= 1;
        return forged;
    }

    private static MediaPacket withSequenceNumber(MediaPacket genuine, int sequence) {
        MediaPacket forged = genuine.copy();
        forged.getBuffer()[forged.getOffset() + 2] = (byte) (sequence >>> 8);
        forged.getBuffer()[forged.getOffset() + 3] = (byte) sequence;
        return forged;
    }
}
