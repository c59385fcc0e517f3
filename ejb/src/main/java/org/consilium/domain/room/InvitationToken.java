package org.consilium.domain.room;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What an invitation link carries after {@code /join/}: which invitation, for which room,
 * valid until when, signed with the invitation key (docs/security.md, "Guest invitations").
 *
 * <pre>
 * payload = version (1 byte, 0x01) ‖ invitation id (16 bytes) ‖ room id (16 bytes)
 *           ‖ expiry (8 bytes, seconds since 1970-01-01T00:00:00Z, big-endian)
 * tag     = HMAC-SHA256(invitation key, payload)               32 bytes
 * token   = base64url(payload) "." base64url(tag)               no padding, 99 characters
 * </pre>
 *
 * The token is a bearer credential, but not the whole truth: the database's record of the
 * invitation decides revocation, single use and (together with the token's own expiry)
 * expiry. Checking a token here proves only that this system issued it.
 */
public record InvitationToken(InvitationId invitation, RoomId room, Instant expiresAt) {

    public static final byte VERSION = 1;
    static final int PAYLOAD_LENGTH = 1 + 16 + 16 + 8;
    static final int TAG_LENGTH = 32;
    /** Anything longer is not a token; it is refused before any work is done on it. */
    public static final int MAX_TEXT_LENGTH = 128;

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    public InvitationToken {
        Objects.requireNonNull(invitation, "invitation");
        Objects.requireNonNull(room, "room");
        expiresAt = Objects.requireNonNull(expiresAt, "expiresAt").truncatedTo(ChronoUnit.SECONDS);
    }

    /** The signed bytes. */
    public byte[] payload() {
        return ByteBuffer.allocate(PAYLOAD_LENGTH)
                .put(VERSION)
                .putLong(invitation.value().getMostSignificantBits())
                .putLong(invitation.value().getLeastSignificantBits())
                .putLong(room.value().getMostSignificantBits())
                .putLong(room.value().getLeastSignificantBits())
                .putLong(expiresAt.getEpochSecond())
                .array();
    }

    /** The token's text, URL-safe as it is. */
    public String sign(InvitationSigner signer) {
        byte[] payload = payload();
        byte[] tag = signer.sign(payload);
        if (tag == null || tag.length != TAG_LENGTH) {
            throw new IllegalStateException("the invitation key gave a tag of the wrong length");
        }
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(tag);
    }

    /** Whether the token's own expiry has passed at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /**
     * Reads a token and checks its tag (in constant time, by the signer).
     *
     * @return the token when this system signed it; empty when the text is not a token of
     *         this format or its tag is wrong (forged, altered, truncated), without saying which
     */
    public static Optional<InvitationToken> verify(String text, InvitationSigner signer) {
        if (text == null || text.length() > MAX_TEXT_LENGTH) {
            return Optional.empty();
        }
        int dot = text.indexOf('.');
        if (dot < 0 || dot != text.lastIndexOf('.')) {
            return Optional.empty();
        }
        byte[] payload = decode(text.substring(0, dot));
        byte[] tag = decode(text.substring(dot + 1));
        if (payload == null || tag == null || payload.length != PAYLOAD_LENGTH || tag.length != TAG_LENGTH
                || payload[0] != VERSION) {
            return Optional.empty();
        }
        if (!signer.verify(payload, tag)) {
            return Optional.empty();
        }
        ByteBuffer fields = ByteBuffer.wrap(payload, 1, PAYLOAD_LENGTH - 1);
        InvitationId invitation = new InvitationId(new UUID(fields.getLong(), fields.getLong()));
        RoomId room = new RoomId(new UUID(fields.getLong(), fields.getLong()));
        long expiry = fields.getLong();
        if (expiry < 0 || expiry > Instant.MAX.getEpochSecond()) {
            return Optional.empty(); // signed by us, yet impossible: refuse rather than throw
        }
        return Optional.of(new InvitationToken(invitation, room, Instant.ofEpochSecond(expiry)));
    }

    /** Strict base64url without padding: one text for one byte string. */
    private static byte[] decode(String part) {
        if (part.isEmpty() || !BASE64URL.matcher(part).matches()) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        return ENCODER.encodeToString(bytes).equals(part) ? bytes : null;
    }
}
