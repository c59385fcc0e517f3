package org.consilium.application.call;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the cluster keeps of a live call so that another node can take it over when the one
 * running it dies (docs/architecture.md, "Cluster"): its visit, the lock, and for each person
 * in the call who they are and the hash of their tab's resume secret. Nothing about the lobby
 * (who waits there reconnects as new), nothing per packet; in memory on the cluster's nodes only.
 *
 * @param owner        the node running the call (its cluster member name)
 * @param visitStarted when the visit began (the maximum visit length counts from it)
 */
public record CallSnapshot(String roomId, String owner, String visitId, Instant visitStarted, boolean locked,
                           List<Member> members) {

    public CallSnapshot {
        Objects.requireNonNull(roomId);
        Objects.requireNonNull(owner);
        Objects.requireNonNull(visitId);
        Objects.requireNonNull(visitStarted);
        members = List.copyOf(members);
    }

    /** The same call, run by {@code node} from now on. */
    public CallSnapshot ownedBy(String node) {
        return new CallSnapshot(roomId, node, visitId, visitStarted, locked, members);
    }

    /**
     * One person in the call.
     *
     * @param staff      a staff member (their person is their username); a guest's person is
     *                   their browser, which another node cannot know: only their secret finds them
     * @param resumeHash the SHA-256 of their tab's resume secret, base64url ({@link ResumeSecret})
     */
    public record Member(String id, String principal, boolean staff, String displayName, CallMember.Role role,
                         List<String> roles, String resumeHash, boolean audioMuted, boolean videoMuted) {

        public Member {
            Objects.requireNonNull(id);
            Objects.requireNonNull(principal);
            Objects.requireNonNull(displayName);
            Objects.requireNonNull(role);
            Objects.requireNonNull(resumeHash);
            roles = List.copyOf(roles);
        }
    }
}
