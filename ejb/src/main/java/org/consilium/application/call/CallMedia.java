package org.consilium.application.call;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consilium.videobridge.allocation.ReceiverConstraints;
import org.consilium.videobridge.conference.ConferenceListener;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.sdp.InvalidSdpException;

/**
 * Where a call's media runs: one bridge endpoint per member in the call, on this node's
 * bridge ({@link LocalCallMedia}) or, for a conference spread over the cluster, on another
 * node's bridge joined to this one by a relay ({@link CascadedCallMedia}). The call asks by
 * member id and never holds an endpoint, so it need not know which.
 */
interface CallMedia {

    /** What a member's offer came to. @param slotsNeeded receive slots its browser needs, by kind */
    record Negotiated(String answer, boolean receivesEverySource, Map<MediaSource.Kind, Integer> slotsNeeded) {
    }

    /** A new endpoint for the member (its old one, if any, is expired first). */
    void allocate(String memberId);

    /** The member's endpoint goes, if it has one (the others renegotiate if it sent anything). */
    void expire(String memberId);

    boolean has(String memberId);

    /** The member's endpoint when it is on this node's bridge (a recording taps it there), else empty. */
    Optional<org.consilium.videobridge.conference.Endpoint> localEndpoint(String memberId);

    /**
     * Answers the member's browser.
     *
     * @return empty when the member has no endpoint
     * @throws InvalidSdpException when the offer cannot be answered
     */
    Optional<Negotiated> negotiate(String memberId, String offer) throws InvalidSdpException;

    /** What the member's page shows; nothing when it has no endpoint. */
    void constrain(String memberId, ReceiverConstraints constraints);

    /**
     * Receive slots each member's browser needs now, by kind (members without an endpoint are
     * left out): asked for everyone at once when sources change, so another node's bridge is
     * asked once for all of its members.
     */
    Map<String, Map<MediaSource.Kind, Integer>> slotsNeeded(List<String> memberIds);

    /**
     * From now on {@code lost} hears of members whose endpoint is gone with its bridge (another
     * node's, which stopped answering): their browsers must connect again to get a new one.
     */
    void whenLost(java.util.function.Consumer<String> lost);

    /**
     * From now on {@code sources} hears when anyone's sources change and {@code news} the
     * bridge's decisions for the members (allocations, layers needed).
     */
    void listen(ConferenceListener sources, ConferenceListener news);

    /**
     * The cluster's members now: the bridges of nodes not among them are gone with their
     * members' endpoints (those members hear of it through {@link #whenLost}).
     */
    void keepBridgesOf(java.util.Collection<String> members);

    /** The call is over or handed over: no more news. */
    void stopListening();
}
