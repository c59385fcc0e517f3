package org.consilium.videobridge.conference;

import java.util.Map;
import org.consilium.videobridge.allocation.Allocation;

/**
 * Told when the set of sources in a conference changes (someone joined, left or changed
 * what they send), so the signaling can ask every other browser to renegotiate.
 */
@FunctionalInterface
public interface ConferenceListener {

    void sourcesChanged(Conference conference);

    /** What a receiver gets changed: tell its page (coalesced, at most every 500 ms). */
    default void allocationChanged(Conference conference, String receiverEndpointId, Allocation allocation) {
    }

    /** A publisher is to send only the active layers (by rid) of the source in its media section {@code mid}. */
    default void layersNeeded(Conference conference, String publisherEndpointId, String mid,
                              Map<String, Boolean> active) {
    }
}
