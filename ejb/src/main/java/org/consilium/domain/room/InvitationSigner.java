package org.consilium.domain.room;

/**
 * The key that signs invitation tokens (in production, an HMAC-SHA256 key that never
 * leaves the HSM). The domain only asks for a tag and a check; the check must take the
 * same time wherever a forged tag differs.
 */
public interface InvitationSigner {

    /** The tag of {@code payload}. */
    byte[] sign(byte[] payload);

    /** Whether {@code tag} is the tag of {@code payload}, compared in constant time. */
    boolean verify(byte[] payload, byte[] tag);
}
