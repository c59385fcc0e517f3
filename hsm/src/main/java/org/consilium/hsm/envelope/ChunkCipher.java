package org.consilium.hsm.envelope;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM of one object's chunks under its data key, in the JVM (the data key is
 * already outside the token, and bulk GCM in a token would be far slower). A chunk's
 * nonce comes from its index and the header's salt; its AAD binds the header's object
 * part, the index and whether it is the last chunk, so chunks cannot be moved, dropped,
 * or added after the last one.
 */
final class ChunkCipher {

    static final int TAG_LENGTH = 16;

    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] headerBytes;
    private final byte[] salt;
    private final byte[] nonce = new byte[EnvelopeHeader.SALT_LENGTH];
    private final byte[] position = new byte[9];

    /**
     * Copies the data key; the caller wipes its array. JDK 17's SecretKeySpec cannot be
     * destroyed, so its copy lives until collected, like any key in SunJCE.
     */
    ChunkCipher(byte[] dataKey, EnvelopeHeader header) {
        this.key = new SecretKeySpec(dataKey, "AES");
        this.headerBytes = header.bytes();
        this.salt = header.salt();
        try {
            // The default provider (SunJCE), not the token's: see above.
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no AES/GCM", e);
        }
    }

    /** Seals {@code length} bytes of {@code plain} into {@code out}; returns length + tag. */
    int seal(long index, boolean last, byte[] plain, int length, byte[] out) {
        try {
            init(Cipher.ENCRYPT_MODE, index, last);
            return cipher.doFinal(plain, 0, length, out, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to encrypt a chunk", e);
        }
    }

    /** Opens {@code length} sealed bytes into {@code out}; returns the plaintext length. */
    int open(long index, boolean last, byte[] sealed, int length, byte[] out) throws TamperedDataException {
        try {
            init(Cipher.DECRYPT_MODE, index, last);
            return cipher.doFinal(sealed, 0, length, out, 0);
        } catch (AEADBadTagException e) {
            throw new TamperedDataException("chunk " + index + " fails authentication: "
                    + "altered, out of order, cut short, or followed by data that should not be there", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed to decrypt a chunk", e);
        }
    }

    private void init(int mode, long index, boolean last) throws GeneralSecurityException {
        System.arraycopy(salt, 0, nonce, 0, nonce.length);
        for (int i = 0; i < 8; i++) {
            byte b = (byte) (index >>> (56 - 8 * i));
            nonce[4 + i] ^= b;
            position[i] = b;
        }
        position[8] = (byte) (last ? 1 : 0);
        cipher.init(mode, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
        cipher.updateAAD(headerBytes, 0, EnvelopeHeader.OBJECT_PART_LENGTH);
        cipher.updateAAD(position);
    }
}
