package org.consilium.audit.recording;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;

/**
 * A manifest's canonical bytes and the signature over exactly those bytes. They are kept
 * and exported as two files ({@code manifest.json}, {@code manifest.sig}), so the signed
 * bytes are the file as it is, with nothing to strip or re-encode before checking, and
 * {@code openssl dgst -sha256 -verify key.pem -signature manifest.sig manifest.json}
 * checks it too. The manifest begins with its own type name, so its signed bytes can never
 * be mistaken for an audit checkpoint's (which begin with a length, a zero byte).
 */
public final class SignedManifest {

    public static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    /** Far above a P-256 DER signature (at most 72 bytes). */
    public static final int MAX_SIGNATURE_LENGTH = 1024;

    private final byte[] json;
    private final byte[] signature;

    public SignedManifest(byte[] json, byte[] signature) {
        Fields.required(json, "json");
        Fields.required(signature, "signature");
        if (signature.length == 0 || signature.length > MAX_SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("signature must be 1 to " + MAX_SIGNATURE_LENGTH + " bytes");
        }
        this.json = json.clone();
        this.signature = signature.clone();
    }

    /**
     * Encodes {@code manifest} and has {@code signer} sign it. The manifest must name the
     * signer's key ({@link RecordingManifest#signingKeyId()} equal to {@link ManifestSigner#keyId()}).
     */
    public static SignedManifest sign(RecordingManifest manifest, ManifestSigner signer) {
        if (!manifest.signingKeyId().equals(signer.keyId())) {
            throw new IllegalArgumentException("the manifest names key " + manifest.signingKeyId()
                    + " but the signer is " + signer.keyId());
        }
        byte[] json = ManifestJson.encode(manifest);
        return new SignedManifest(json, signer.sign(json.clone()));
    }

    /** The bytes of {@code manifest.json}. */
    public byte[] json() {
        return json.clone();
    }

    /** The bytes of {@code manifest.sig}: the DER signature, raw. */
    public byte[] signature() {
        return signature.clone();
    }

    /** Decodes the manifest (strictly; see {@link ManifestJson#decode}). Says nothing about the signature. */
    public RecordingManifest manifest() throws ManifestFormatException {
        return ManifestJson.decode(json);
    }

    /**
     * Whether the signature is valid for {@code key} over the JSON bytes. A malformed
     * signature is simply not valid.
     *
     * @throws IllegalArgumentException if {@code key} is not an EC key
     */
    public boolean verify(PublicKey key) {
        Fields.required(key, "key");
        try {
            Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
            verifier.initVerify(key);
            verifier.update(json);
            return verifier.verify(signature);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("the public key is not usable with " + SIGNATURE_ALGORITHM, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no " + SIGNATURE_ALGORITHM, e);
        } catch (GeneralSecurityException | ProviderException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedManifest that && Arrays.equals(json, that.json)
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(json) + Arrays.hashCode(signature);
    }
}
