package org.consilium.application.audit;

/** Signs checkpoints with the HSM's audit key (ECDSA P-256, SHA-256; DER signatures). */
public interface CheckpointSigner {

    /** Names the key, so a verifier knows which public key to use. */
    String keyId();

    byte[] sign(byte[] data);

    /** The public key, PEM (X.509 SubjectPublicKeyInfo), for the offline verifier. */
    String publicKeyPem();

    /** The key's self-signed certificate, PEM, for a recording's export bundle (which pins the key, not this). */
    String certificatePem();
}
