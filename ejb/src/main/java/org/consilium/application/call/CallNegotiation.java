package org.consilium.application.call;

import java.util.List;
import java.util.Map;
import org.consilium.videobridge.conference.MediaSource;
import org.consilium.videobridge.sdp.InvalidSdpException;

/**
 * The browsers' offers and their receive slots, for one call: each offer answered by the
 * member's bridge endpoint, and every browser asked to offer again with enough receive slots
 * when anyone's sources change. Under the call's lock (its caller's).
 */
final class CallNegotiation {

    private final CallMedia endpoints;

    CallNegotiation(CallMedia endpoints) {
        this.endpoints = endpoints;
    }

    /** The bridge's answer to the member's offer. @throws CallRefused {@code out-of-order} or {@code sdp} */
    String answer(CallMember member, String sdp) {
        CallMedia.Negotiated negotiated;
        try {
            negotiated = endpoints.negotiate(member.id(), sdp)
                    .orElseThrow(() -> new CallRefused("out-of-order", "you are not in the call"));
        } catch (InvalidSdpException refused) {
            throw new CallRefused("sdp", refused.getMessage());
        }
        if (!negotiated.receivesEverySource() && !negotiated.slotsNeeded().equals(member.slotsAsked())) {
            // A newcomer's first offer has no receive slots for those already here. Asked once per
            // need, so a browser that cannot take a source is not asked in a loop.
            askForReceiveSlots(member, negotiated.slotsNeeded());
        }
        return negotiated.answer();
    }

    /** Sources changed: every browser in the call offers again with enough receive slots (asked of the bridges at once). */
    void sourcesChanged(List<CallMember> present) {
        var slots = endpoints.slotsNeeded(present.stream().map(CallMember::id).toList());
        for (CallMember member : present) {
            var needed = slots.get(member.id());
            if (needed != null) {
                askForReceiveSlots(member, needed);
            }
        }
    }

    private static void askForReceiveSlots(CallMember member, Map<MediaSource.Kind, Integer> needed) {
        member.slotsAsked(needed);
        member.connection().send(CallMessages.renegotiate(needed));
    }
}
