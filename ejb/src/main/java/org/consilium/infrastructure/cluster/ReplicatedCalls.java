package org.consilium.infrastructure.cluster;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import org.consilium.application.call.CallSnapshot;
import org.consilium.application.call.SharedCalls;
import org.consilium.domain.cluster.ClusterView;

/**
 * The cluster's copy of the live calls in the replicated cache {@code calls} (60-cluster.cli),
 * by room id. Replicated: every node reads it locally, and a copy outlives the node that wrote
 * it. Changes that must not cross another node's are conditional (a take-over replaces only
 * the copy it read, so two nodes cannot both take a call over).
 */
@ApplicationScoped
public class ReplicatedCalls implements SharedCalls {

    @Resource(lookup = "java:jboss/infinispan/cache/consilium/calls")
    ConcurrentMap<String, String> copies;

    @Inject
    ClusterMembership membership;

    @Override
    public String localNode() {
        return membership.view().localMember();
    }

    @Override
    public boolean othersInCluster() {
        return membership.view().members().size() > 1;
    }

    @Override
    public Optional<Shared> find(String roomId, Duration within) {
        String text = copies.get(roomId);
        return CallSnapshotCodec.decode(text).map(copy -> new Shared(copy, ownerOf(copy, within)));
    }

    @Override
    public void publish(CallSnapshot snapshot) {
        copies.put(snapshot.roomId(), CallSnapshotCodec.encode(snapshot));
    }

    @Override
    public void withdraw(String roomId) {
        String text = copies.get(roomId);
        if (text != null && CallSnapshotCodec.decode(text).map(copy -> copy.owner().equals(localNode())).orElse(true)) {
            copies.remove(roomId, text);
        }
    }

    @Override
    public boolean takeOver(CallSnapshot theirs, CallSnapshot ours) {
        String text = copies.get(theirs.roomId());
        return stillIs(text, theirs) && copies.replace(theirs.roomId(), text, CallSnapshotCodec.encode(ours));
    }

    @Override
    public void discard(CallSnapshot stale) {
        String text = copies.get(stale.roomId());
        if (stillIs(text, stale)) {
            copies.remove(stale.roomId(), text);
        }
    }

    /** The copy in the cache is still the one read (the conditional change then compares the text). */
    private static boolean stillIs(String text, CallSnapshot read) {
        return CallSnapshotCodec.decode(text).filter(read::equals).isPresent();
    }

    private OwnerState ownerOf(CallSnapshot copy, Duration within) {
        ClusterView view = membership.view();
        if (copy.owner().equals(view.localMember())) {
            return OwnerState.GONE_LONG_AGO;
        }
        if (view.members().contains(copy.owner())) {
            return OwnerState.LIVE;
        }
        Optional<Instant> left = membership.departedAt(copy.owner());
        return left.isPresent() && !left.get().plus(within).isBefore(Instant.now())
                ? OwnerState.GONE : OwnerState.GONE_LONG_AGO;
    }
}
