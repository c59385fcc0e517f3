package org.consilium.videobridge.sdp;

import org.consilium.videobridge.dtls.Fingerprint;

/** The browser's side of the transport, from its offer. */
public record RemoteTransport(String iceUfrag, String icePassword, Fingerprint fingerprint) {
}
