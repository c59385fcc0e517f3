package org.consilium.videobridge.conference;

import java.util.Map;
import org.consilium.videobridge.allocation.Allocation;

/**
 * Told when the set of sources in a conference changes (someone joined, left or changed
 * what they send), so the signaling can ask every other browser to renegotiate; and, for
 * listeners that carry them to the browsers, when what a receiver gets or what a publisher
 * needs to send changes.
 */
@FunctionalInterface
public interface ConferenceListener {

    void sourcesChanged(Conference conference);

    /** What {@code receiverEndpointId} is forwarded changed (any thread; must not block). */
    default void allocationChanged(Conference conference, String receiverEndpointId, Allocation allocation) {
    }

    /**
     * Which simulcast layers (by rid) of {@code publisherEndpointId}'s section {@code mid}
     * some receiver needs: the others may be switched off at the sender (any thread; must not block).
     */
    default void layersNeeded(Conference conference, String publisherEndpointId, String mid, Map<String, Boolean> active) {
    }
}
