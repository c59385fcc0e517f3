package org.consilium.videobridge.sdp;

import java.util.List;
import org.consilium.videobridge.conference.MediaSource;

/**
 * One offered media section and what the bridge accepts of it. A section the browser
 * sends on carries its sources; one it only receives on is a slot for another
 * participant's source. {@code rids}: the simulcast layers the bridge accepts, lowest first
 * (empty: one stream).
 */
public record NegotiatedSection(String mid, MediaDescription offered, MediaSource.Kind kind,
                                List<PayloadFormat> formats, List<HeaderExtension> extensions, List<String> rids) {

    public NegotiatedSection(String mid, MediaDescription offered, MediaSource.Kind kind,
                             List<PayloadFormat> formats, List<HeaderExtension> extensions) {
        this(mid, offered, kind, formats, extensions, List.of());
    }

    /** Rejected sections (port 0, or nothing the bridge can use) are answered with port 0. */
    public boolean isRejected() {
        return kind == null || formats.isEmpty();
    }

    public boolean browserSends() {
        return !isRejected() && offered.direction().sends();
    }

    /** A receive slot: the browser receives here and sends nothing of its own. */
    public boolean isReceiveSlot() {
        return !isRejected() && offered.direction() == Direction.RECVONLY;
    }

    public boolean hasRtx() {
        return formats.stream().anyMatch(PayloadFormat::isRtx);
    }
}
