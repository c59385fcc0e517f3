package org.consilium.infrastructure.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.consilium.application.audit.CheckpointSigner;
import org.consilium.hsm.signing.AuditSigner;

/**
 * Checkpoints signed by the audit key in the HSM. The key id ({@link AuditSigner#keyId}) is
 * the start of the SHA-256 of the public key, so an auditor holding several keys knows which.
 */
@ApplicationScoped
public class HsmCheckpointSigner implements CheckpointSigner {

    /** Looked up per use: the HSM may come after the deployment (readiness says so meanwhile). */
    private final Instance<AuditSigner> keys;

    @Inject
    public HsmCheckpointSigner(Instance<AuditSigner> keys) {
        this.keys = keys;
    }

    protected HsmCheckpointSigner() {
        this.keys = null; // for the CDI proxy
    }

    private AuditSigner key() {
        if (!keys.isResolvable()) {
            throw new IllegalStateException("the HSM's audit signing key is not available");
        }
        return keys.get();
    }

    @Override
    public String keyId() {
        return key().keyId();
    }

    @Override
    public byte[] sign(byte[] data) {
        return key().sign(data);
    }

    @Override
    public String publicKeyPem() {
        return key().publicKeyPem();
    }

    @Override
    public String certificatePem() {
        return key().certificatePem();
    }
}
