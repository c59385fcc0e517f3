package org.consilium.videobridge.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.consilium.videobridge.conference.MediaSource;

/**
 * Reads a section's simulcast offer: {@code a=simulcast:send} (RFC 8853) naming layers
 * declared by {@code a=rid:<id> send} (RFC 8851). Chromium and Firefox list the layers in
 * the order of the sender's encodings; the web client gives them lowest resolution first,
 * so that is the order the bridge takes for lowest to highest. The first alternative of a
 * layer is taken (browsers offer one); a paused layer ({@code ~}) is taken as well, since
 * the sender may resume it.
 */
final class SimulcastOffer {

    /** More would be a sender asking the bridge to track layers nobody can use. */
    static final int MAX_LAYERS = 4;
    /** RFC 8851 allows longer; browsers use one or two characters. */
    private static final Pattern RID = Pattern.compile("[A-Za-z0-9_-]{1,16}");

    private SimulcastOffer() {
    }

    /** The layers' RIDs, lowest first; empty when the section offers no simulcast to send. */
    static List<String> rids(String mid, MediaDescription section, MediaSource.Kind kind) throws InvalidSdpException {
        List<String> simulcast = section.attributes("simulcast");
        if (simulcast.isEmpty()) {
            return List.of();
        }
        if (simulcast.size() > 1) {
            throw new InvalidSdpException("media section " + mid + " has more than one a=simulcast");
        }
        String send = sendList(simulcast.get(0));
        if (send == null) {
            return List.of(); // receive-side simulcast only: the bridge never sends layers
        }
        if (kind != MediaSource.Kind.VIDEO || !section.direction().sends()) {
            throw new InvalidSdpException("media section " + mid + ": only a video section the browser sends on can be simulcast");
        }
        Set<String> declared = declaredSendRids(mid, section);
        List<String> rids = new ArrayList<>();
        for (String layer : send.split(";", -1)) {
            String first = layer.split(",", -1)[0].strip();
            String rid = first.startsWith("~") ? first.substring(1) : first;
            if (!RID.matcher(rid).matches()) {
                throw new InvalidSdpException("media section " + mid + ": simulcast layer '" + layer + "' is not a valid RID");
            }
            if (!declared.contains(rid)) {
                throw new InvalidSdpException("media section " + mid + ": simulcast layer " + rid + " has no a=rid:" + rid + " send");
            }
            if (rids.contains(rid)) {
                throw new InvalidSdpException("media section " + mid + ": simulcast layer " + rid + " appears twice");
            }
            rids.add(rid);
        }
        if (rids.size() > MAX_LAYERS) {
            throw new InvalidSdpException("media section " + mid + " offers " + rids.size()
                    + " simulcast layers; at most " + MAX_LAYERS + " are accepted");
        }
        return List.copyOf(rids);
    }

    /** The list after "send" in {@code send <list> [recv <list>]} (either order), or null. */
    private static String sendList(String value) throws InvalidSdpException {
        String[] parts = value.strip().split(" +");
        if (parts.length != 2 && parts.length != 4) {
            throw new InvalidSdpException("a=simulcast:" + value + " is malformed (RFC 8853 §5.1)");
        }
        for (int i = 0; i < parts.length; i += 2) {
            if (parts[i].equals("send")) {
                return parts[i + 1];
            }
            if (!parts[i].equals("recv")) {
                throw new InvalidSdpException("a=simulcast:" + value + " is malformed (RFC 8853 §5.1)");
            }
        }
        return null;
    }

    private static Set<String> declaredSendRids(String mid, MediaDescription section) throws InvalidSdpException {
        Set<String> rids = new HashSet<>();
        for (String line : section.attributes("rid")) {
            String[] parts = line.strip().split(" +", 3);
            if (parts.length < 2 || !RID.matcher(parts[0]).matches()) {
                throw new InvalidSdpException("media section " + mid + ": a=rid:" + line + " is malformed (RFC 8851 §10)");
            }
            if (parts[1].equals("send") && !rids.add(parts[0])) {
                throw new InvalidSdpException("media section " + mid + ": a=rid:" + parts[0] + " appears twice");
            }
        }
        return rids;
    }
}
