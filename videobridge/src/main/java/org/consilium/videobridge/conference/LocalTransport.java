package org.consilium.videobridge.conference;

import java.util.List;
import org.consilium.videobridge.dtls.Fingerprint;
import org.consilium.videobridge.ice.HostCandidate;

/** What the browser needs to reach an endpoint's bridge side (Colibri2 "transport"). */
public record LocalTransport(String iceUfrag, String icePassword, boolean iceLite,
                             List<HostCandidate> candidates, Fingerprint fingerprint) {

    @Override
    public String toString() {
        return "LocalTransport[ufrag=" + iceUfrag + ", candidates=" + candidates + ", fingerprint=" + fingerprint + "]";
    }
}
