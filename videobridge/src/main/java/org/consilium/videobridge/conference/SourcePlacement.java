package org.consilium.videobridge.conference;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.consilium.videobridge.sdp.NegotiatedSection;

/**
 * Decides which of the other participants' sources go into which of a browser's receive
 * slots. A source keeps its slot across renegotiations (so its track and tile stay put);
 * slots of sources that left are free for newcomers of the same kind.
 */
final class SourcePlacement {

    private SourcePlacement() {
    }

    static Map<String, MediaSource> place(Map<String, MediaSource> previous, List<NegotiatedSection> sections,
                                          List<MediaSource> available) {
        Map<String, MediaSource> placement = new LinkedHashMap<>();
        Set<Integer> availableSsrcs = new HashSet<>();
        available.forEach(s -> availableSsrcs.add(s.ssrc()));
        List<NegotiatedSection> free = new ArrayList<>();
        Set<Integer> placedSsrcs = new HashSet<>();
        for (NegotiatedSection section : sections) {
            if (!section.isReceiveSlot()) {
                continue;
            }
            MediaSource kept = previous.get(section.mid());
            if (kept != null && kept.kind() == section.kind() && availableSsrcs.contains(kept.ssrc())) {
                MediaSource current = available.stream().filter(s -> s.ssrc() == kept.ssrc()).findFirst().orElse(kept);
                placement.put(section.mid(), current);
                placedSsrcs.add(kept.ssrc());
            } else {
                free.add(section);
            }
        }
        for (MediaSource source : available) {
            if (placedSsrcs.contains(source.ssrc())) {
                continue;
            }
            for (NegotiatedSection slot : free) {
                if (slot.kind() == source.kind()) {
                    placement.put(slot.mid(), source);
                    free.remove(slot);
                    break;
                }
            }
        }
        return placement;
    }
}
