package org.consilium.domain.room;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class InvitationTokenTest {

    private static final InvitationId INVITATION = new InvitationId(UUID.fromString("0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"));
    private static final RoomId ROOM = new RoomId(UUID.fromString("3f2a9c1e-7b6d-4e5f-8a9b-0c1d2e3f4a5b"));
    private static final Instant EXPIRY = Instant.parse("2026-11-24T09:00:00Z");
    private static final InvitationToken TOKEN = new InvitationToken(INVITATION, ROOM, EXPIRY);

    /** HMAC-SHA256 under a fixed test key, as the HSM computes it under its own. */
    private static final InvitationSigner SIGNER = signer(new byte[32]);

    @Test
    void thePayloadIsVersionInvitationRoomAndExpiryInFortyOneBytes() {
        assertEquals("01" + "0f1e2d3c4b5a49788695a4b3c2d1e0f9" + "3f2a9c1e7b6d4e5f8a9b0c1d2e3f4a5b" + "000000006b055210",
                HexFormat.of().formatHex(TOKEN.payload()));
        assertEquals(1_795_510_800L, EXPIRY.getEpochSecond());
    }

    @Test
    void aSignedTokenIsUrlSafeCompactAndReadsBackAsItself() {
        String text = TOKEN.sign(SIGNER);

        assertTrue(text.matches("[A-Za-z0-9_-]{55}\\.[A-Za-z0-9_-]{43}"), text);
        assertEquals(99, text.length());
        assertEquals(Optional.of(TOKEN), InvitationToken.verify(text, SIGNER));
    }

    @Test
    void theExpiryIsKeptToTheSecond() {
        InvitationToken token = new InvitationToken(INVITATION, ROOM, EXPIRY.plusMillis(999));

        assertEquals(EXPIRY, token.expiresAt());
        assertFalse(token.isExpiredAt(EXPIRY.minusNanos(1)));
        assertTrue(token.isExpiredAt(EXPIRY));
    }

    @Test
    void changingAnyOneCharacterMakesItForged() {
        String text = TOKEN.sign(SIGNER);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
        for (int i = 0; i < text.length(); i++) {
            for (char replacement : new char[] {alphabet.charAt((alphabet.indexOf(text.charAt(i)) + 1) % alphabet.length()), '=', '+', '/'}) {
                String altered = text.substring(0, i) + replacement + text.substring(i + 1);
                assertEquals(Optional.empty(), InvitationToken.verify(altered, SIGNER), altered);
            }
        }
    }

    @Test
    void aTokenSignedWithAnotherKeyIsForged() {
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;

        assertEquals(Optional.empty(), InvitationToken.verify(TOKEN.sign(signer(otherKey)), SIGNER));
    }

    @Test
    void malformedTextIsRefusedWithoutAnException() {
        String text = TOKEN.sign(SIGNER);
        String payload = text.substring(0, text.indexOf('.'));
        String tag = text.substring(text.indexOf('.') + 1);
        List<String> malformed = new ArrayList<>(List.of("", ".", "abc", payload, payload + ".", "." + tag,
                payload + "." + tag + "." + tag, payload + "=." + tag, payload + "." + tag + "=",
                payload + "." + tag.substring(1), payload.substring(4) + "." + tag, text + "A",
                text.replace('.', ' '), "x".repeat(10_000), "%2e%2e%2f" + text, text + "\n"));
        malformed.add(null);
        for (String attempt : malformed) {
            assertEquals(Optional.empty(), InvitationToken.verify(attempt, SIGNER), String.valueOf(attempt));
        }
    }

    @Test
    void anotherVersionIsNotReadEvenWhenSigned() {
        byte[] payload = TOKEN.payload();
        payload[0] = 2;
        var encoder = java.util.Base64.getUrlEncoder().withoutPadding();
        String text = encoder.encodeToString(payload) + "." + encoder.encodeToString(SIGNER.sign(payload));

        assertEquals(Optional.empty(), InvitationToken.verify(text, SIGNER));
    }

    @Test
    void theTagIsHmacSha256OfThePayload() throws GeneralSecurityException {
        String text = TOKEN.sign(SIGNER);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));

        assertArrayEquals(mac.doFinal(TOKEN.payload()),
                java.util.Base64.getUrlDecoder().decode(text.substring(text.indexOf('.') + 1)));
    }

    private static InvitationSigner signer(byte[] key) {
        return new InvitationSigner() {
            @Override
            public byte[] sign(byte[] payload) {
                try {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(key, "HmacSHA256"));
                    return mac.doFinal(payload);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public boolean verify(byte[] payload, byte[] tag) {
                return MessageDigest.isEqual(sign(payload), tag);
            }
        };
    }
}
