package org.consilium.application.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import org.consilium.application.FreshValue;
import org.consilium.domain.room.RoomPolicy;
import org.consilium.domain.room.RoomPolicyRepository;

/**
 * The room policy in force, for the use cases that apply it (room creation, invitations,
 * a call's limits). Read from the database at most every {@link #FRESH} per node; a change
 * made on this node applies here as soon as it is committed ({@link Changed}), on the
 * other nodes of a cluster within {@link #FRESH}.
 */
@ApplicationScoped
public class RoomPolicies {

    static final Duration FRESH = Duration.ofSeconds(5);

    private final FreshValue<RoomPolicy> policy;

    @Inject
    public RoomPolicies(RoomPolicyRepository repository) {
        this.policy = new FreshValue<>(FRESH, repository::current);
    }

    protected RoomPolicies() {
        this.policy = null; // for the CDI proxy
    }

    public RoomPolicy current() {
        return policy.get();
    }

    /** Fired by the change once it is stored; observed after its commit. */
    public record Changed(RoomPolicy policy) {
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Changed changed) {
        policy.forget();
    }
}
