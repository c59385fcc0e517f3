package org.consilium.infrastructure.hsm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.consilium.domain.room.InvitationSigner;
import org.consilium.hsm.invitation.InvitationMac;

/**
 * Invitation tokens signed and checked with the HMAC-SHA256 key in the HSM
 * ({@code consilium-invitations}); the key never leaves the token and the check compares
 * in constant time. Created on first use, so a server whose HSM is late still deploys;
 * until the HSM answers, creating or checking an invitation fails with the reason.
 */
@ApplicationScoped
public class HsmInvitationSigner implements InvitationSigner {

    @Inject
    InvitationMac mac;

    @Override
    public byte[] sign(byte[] payload) {
        return mac.mac(payload);
    }

    @Override
    public boolean verify(byte[] payload, byte[] tag) {
        return mac.verify(payload, tag);
    }
}
