package org.consilium.audit.recording;

import java.util.function.UnaryOperator;

/**
 * Signs a manifest's canonical bytes: on the appliance the HSM's audit signing key, the
 * one that signs audit checkpoints (ECDSA P-256, SHA256withECDSA, ASN.1 DER signature).
 * The audit module cannot see the hsm module, so the server adapts its signer:
 * {@code ManifestSigner.of(auditSigner.keyId(), auditSigner::sign)}.
 */
public interface ManifestSigner {

    /** The key's id as the manifest names it ({@code AuditSigner.keyId()}: {@code audit-p256-} and 8 bytes of hex). */
    String keyId();

    /** A SHA256withECDSA signature (DER) over {@code data}. */
    byte[] sign(byte[] data);

    static ManifestSigner of(String keyId, UnaryOperator<byte[]> sign) {
        Fields.text(keyId, "keyId");
        Fields.required(sign, "sign");
        return new ManifestSigner() {
            @Override
            public String keyId() {
                return keyId;
            }

            @Override
            public byte[] sign(byte[] data) {
                return sign.apply(data);
            }
        };
    }
}
