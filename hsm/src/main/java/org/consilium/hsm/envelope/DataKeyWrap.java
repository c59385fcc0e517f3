package org.consilium.hsm.envelope;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.ProviderException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.consilium.hsm.kek.Kek;
import org.consilium.hsm.token.TokenException;

/**
 * Encrypts and decrypts a 32-byte data key inside the token with AES-256-GCM under a KEK.
 *
 * <p>Why GCM encryption and not C_WrapKey: JDK 17's SunPKCS11 offers no AES key wrap
 * cipher (AES/KW, AES/KWP arrive in later JDKs) and refuses WRAP_MODE for AES/GCM. GCM
 * encryption in the token (CKM_AES_GCM, which SoftHSM2 2.6.1 supports) keeps the KEK in
 * the token just the same, and its tag authenticates the header fields given as AAD. The
 * random 96-bit nonce limits one KEK version to 2^32 wraps (NIST SP 800-38D); rotate long
 * before.
 */
final class DataKeyWrap {

    static final int DATA_KEY_LENGTH = 32;
    private static final int TAG_BITS = 128;

    private final Provider tokenProvider;
    private final SecureRandom random;

    DataKeyWrap(Provider tokenProvider, SecureRandom random) {
        this.tokenProvider = tokenProvider;
        this.random = random;
    }

    /** A header for a new object whose data key is wrapped under {@code kek}. */
    EnvelopeHeader wrap(Kek kek, int chunkSize, byte[] salt, byte[] dataKey) {
        byte[] aad = EnvelopeHeader.wrapAad(chunkSize, salt, kek.version());
        byte[] nonce = new byte[EnvelopeHeader.WRAP_NONCE_LENGTH];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", tokenProvider);
            cipher.init(Cipher.ENCRYPT_MODE, kek.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return EnvelopeHeader.assemble(aad, nonce, cipher.doFinal(dataKey));
        } catch (GeneralSecurityException | ProviderException e) {
            throw new TokenException("the token cannot wrap a data key under " + kek, e);
        }
    }

    /** The data key of {@code header}, which must have been wrapped under {@code kek}. */
    byte[] unwrap(Kek kek, EnvelopeHeader header) throws TamperedDataException {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", tokenProvider);
            cipher.init(Cipher.DECRYPT_MODE, kek.key(), new GCMParameterSpec(TAG_BITS, header.wrapNonce()));
            cipher.updateAAD(header.bytes(), 0, EnvelopeHeader.WRAP_AAD_LENGTH);
            byte[] dataKey = cipher.doFinal(header.wrappedKey());
            if (dataKey.length != DATA_KEY_LENGTH) {
                throw new TamperedDataException("the wrapped data key has the wrong length");
            }
            return dataKey;
        } catch (AEADBadTagException e) {
            // SoftHSM2 reports a bad tag as CKR_GENERAL_ERROR; SunPKCS11 maps it here.
            throw new TamperedDataException("the header does not authenticate under " + kek
                    + ": altered, or the header of another object", e);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new TokenException("the token cannot unwrap a data key under " + kek, e);
        }
    }
}
