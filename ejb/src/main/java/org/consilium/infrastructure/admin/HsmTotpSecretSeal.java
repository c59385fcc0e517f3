package org.consilium.infrastructure.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.consilium.domain.Username;
import org.consilium.domain.admin.TotpSecretSeal;
import org.consilium.hsm.envelope.EnvelopeException;
import org.consilium.hsm.envelope.Envelopes;

/**
 * TOTP secrets sealed as HSM envelopes (docs/security.md, "Envelope format"): a fresh data
 * key per secret, wrapped by the current KEK inside the token. The plaintext names its
 * owner ({@code consilium-totp-v1 NUL username NUL secret}), so a sealed secret moved to
 * another person's row is refused. {@link Envelopes} is looked up on use: while the HSM is
 * away, enrolment and verification fail with the reason instead of the deployment.
 */
@ApplicationScoped
public class HsmTotpSecretSeal implements TotpSecretSeal {

    private static final byte[] TAG = "consilium-totp-v1".getBytes(StandardCharsets.US_ASCII);

    @Inject
    Instance<Envelopes> envelopes;

    @Override
    public byte[] seal(Username owner, byte[] secret) {
        byte[] plaintext = bound(owner, secret);
        try {
            return envelopes.get().encrypt(plaintext);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    @Override
    public byte[] open(Username owner, byte[] sealed) {
        byte[] plaintext;
        try {
            plaintext = envelopes.get().decrypt(sealed);
        } catch (EnvelopeException broken) {
            throw new IllegalStateException("the stored second factor of " + owner + " does not open: "
                    + broken.getClass().getSimpleName(), broken);
        }
        try {
            byte[] prefix = bound(owner, new byte[0]);
            if (plaintext.length <= prefix.length
                    || !MessageDigest.isEqual(Arrays.copyOf(plaintext, prefix.length), prefix)) {
                throw new IllegalStateException("the stored second factor does not belong to " + owner);
            }
            return Arrays.copyOfRange(plaintext, prefix.length, plaintext.length);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static byte[] bound(Username owner, byte[] secret) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(TAG);
        out.write(0);
        out.writeBytes(owner.value().getBytes(StandardCharsets.UTF_8));
        out.write(0);
        out.writeBytes(secret);
        return out.toByteArray();
    }
}
