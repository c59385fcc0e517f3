package org.consilium.videobridge.conference;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.consilium.videobridge.testing.SyntheticBrowser;

/** Captured browser offers, carrying a synthetic browser's ICE credentials and certificate. Test helper. */
final class BrowserOffers {

    private BrowserOffers() {
    }

    /** Chromium 156's offer (audio and video, RTX, transport-cc) as the synthetic browser would make it now. */
    static String chromiumOfferFrom(SyntheticBrowser browser) throws IOException {
        try (InputStream in = BrowserOffers.class.getResourceAsStream("/sdp/chromium-156-offer.sdp")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll("a=ice-ufrag:[^\r\n]*", "a=ice-ufrag:" + browser.iceUfrag())
                    .replaceAll("a=ice-pwd:[^\r\n]*", "a=ice-pwd:" + browser.icePassword())
                    .replaceAll("a=fingerprint:[^\r\n]*", "a=fingerprint:" + browser.fingerprint().toSdpValue());
        }
    }
}
