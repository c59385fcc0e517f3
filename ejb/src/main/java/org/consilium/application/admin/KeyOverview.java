package org.consilium.application.admin;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The HSM and Consilium's keys as the console's Keys page shows them: where the token is,
 * whether it is logged in, the KEK versions on it, the audit signing key's id and
 * fingerprint, whether the invitation key is there. Labels, versions, booleans and public
 * fingerprints only.
 *
 * @param token              the token's slot and library ({@code consilium.hsm.slot}, {@code consilium.hsm.library})
 * @param kekVersions        every KEK version on the token: the current one wraps new data keys, older ones still unwrap
 * @param auditKeyId         {@code audit-p256-…}, the id checkpoints name
 * @param auditKeyFingerprint SHA-256 of the audit public key's DER encoding, in hex (what the offline verifier prints)
 * @param problems           why the HSM is not ready; empty when it is
 */
public record KeyOverview(String token, boolean tokenPresent, boolean loggedIn, SortedSet<Integer> kekVersions,
                          int currentKekVersion, Optional<String> auditKeyId, Optional<String> auditKeyFingerprint,
                          boolean auditKeyPresent, boolean invitationKeyPresent, List<String> problems) {

    public KeyOverview {
        kekVersions = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(kekVersions));
        problems = List.copyOf(problems);
    }

    public boolean ready() {
        return problems.isEmpty();
    }

    /** The versions before the current one that are still on the token (they still unwrap what they wrapped). */
    public List<Integer> olderKekVersions() {
        return kekVersions.stream().filter(v -> v != currentKekVersion).toList();
    }
}
