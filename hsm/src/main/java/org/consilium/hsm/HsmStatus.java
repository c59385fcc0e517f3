package org.consilium.hsm;

import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the token looks like now, for a readiness check. Holds labels and versions,
 * never key material.
 *
 * @param tokenPresent            the token answered
 * @param loggedIn                its private objects are visible (a login is in effect)
 * @param kekVersions             KEK versions on the token
 * @param currentKekVersion       the version new data keys are wrapped with (0 if none)
 * @param auditSigningKeyPresent  the ECDSA signing key is there
 * @param invitationKeyPresent    the HMAC invitation key is there
 * @param problems                why it is not ready; empty when it is
 */
public record HsmStatus(boolean tokenPresent, boolean loggedIn, SortedSet<Integer> kekVersions,
        int currentKekVersion, boolean auditSigningKeyPresent, boolean invitationKeyPresent,
        List<String> problems) {

    public HsmStatus {
        kekVersions = Collections.unmodifiableSortedSet(new TreeSet<>(kekVersions));
        problems = List.copyOf(problems);
    }

    static HsmStatus unreachable(String problem) {
        return new HsmStatus(false, false, new TreeSet<>(), 0, false, false, List.of(problem));
    }

    static HsmStatus loggedOut() {
        return new HsmStatus(true, false, new TreeSet<>(), 0, false, false,
                List.of("not logged in to the token (its keys are not visible)"));
    }

    public boolean ready() {
        return problems.isEmpty();
    }
}
