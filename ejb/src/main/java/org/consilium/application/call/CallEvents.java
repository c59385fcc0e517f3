package org.consilium.application.call;

/**
 * What a call reports beyond its members: to the audit trail, and to the cluster's copy of it (the visit record has its
 * own path, {@link VisitRecord}). Called under the call's lock; implementations must not
 * call back into the call.
 */
public interface CallEvents {

    void joined(LiveCall call, CallMember member);

    void left(LiveCall call, CallMember member);

    void admitted(LiveCall call, CallMember host, CallMember member);

    void denied(LiveCall call, CallMember host, CallMember member);

    void removed(LiveCall call, CallMember host, CallMember member);

    void locked(LiveCall call, CallMember host, boolean locked);

    void screenShare(LiveCall call, CallMember member, boolean active);

    /** Who is in the call, how, or the lock changed: the cluster's copy of the call is out of date. */
    default void changed(LiveCall call) {
    }
}
