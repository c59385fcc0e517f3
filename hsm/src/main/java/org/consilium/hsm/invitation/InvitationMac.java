package org.consilium.hsm.invitation;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.ProviderException;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import org.consilium.hsm.token.KeyAttributes;
import org.consilium.hsm.token.KeyLabels;
import org.consilium.hsm.token.Token;
import org.consilium.hsm.token.TokenException;

/** HMAC-SHA256 tags of guest invitations under the token's key ({@code consilium-invitations}). Thread-safe. */
public final class InvitationMac {

    public static final int TAG_LENGTH = 32;

    private static final System.Logger LOG = System.getLogger(InvitationMac.class.getName());

    private final Token token;
    private final Key key;

    private InvitationMac(Token token, Key key) {
        this.token = token;
        this.key = key;
    }

    /** The invitation key on the token; generated there if it has none. */
    public static InvitationMac openOrCreate(Token token, KeyLabels labels) {
        String label = labels.invitations();
        Key key = token.key(label).orElseGet(() -> create(token, label));
        return new InvitationMac(token, key);
    }

    private static Key create(Token token, String label) {
        SecretKey sessionKey;
        try {
            KeyGenerator generator = KeyGenerator.getInstance("HmacSHA256", token.provider());
            generator.init(256);
            sessionKey = generator.generateKey();
        } catch (GeneralSecurityException | ProviderException e) {
            throw new TokenException("the token cannot generate an HMAC-SHA256 key", e);
        }
        KeyAttributes.requireSealed(sessionKey, label);
        Key stored = token.storeSecretKey(label, sessionKey);
        LOG.log(System.Logger.Level.INFO, "created the HMAC-SHA256 key {0} in the token", label);
        return stored;
    }

    /** The 32-byte HMAC-SHA256 tag of {@code data}, computed in the token. */
    public byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256", token.provider());
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new TokenException("the token cannot compute an HMAC with the invitation key", e);
        }
    }

    /** Whether {@code tag} is the tag of {@code data}; compared in constant time. */
    public boolean verify(byte[] data, byte[] tag) {
        // MessageDigest.isEqual's time does not depend on where the arrays differ.
        return MessageDigest.isEqual(mac(data), tag);
    }
}
