package org.consilium.domain.admin;

import org.consilium.domain.Username;

/**
 * Seals a TOTP secret for storage (the HSM's envelope encryption) and opens it again.
 * The sealed form is bound to its owner: a sealed secret copied onto another person's row
 * does not open.
 */
public interface TotpSecretSeal {

    byte[] seal(Username owner, byte[] secret);

    /** @throws IllegalStateException if the bytes were altered, or sealed for someone else */
    byte[] open(Username owner, byte[] sealed);
}
