package org.consilium.videobridge.conference;

import java.util.Map;
import org.consilium.videobridge.srtp.SrtpOutcome;
import org.consilium.videobridge.stats.ReasonCounters;

/**
 * What one endpoint dropped, by reason: counted for the endpoint (its statistics) and for
 * the bridge (which keeps the counts after the endpoint has gone). Any thread.
 */
final class EndpointDrops {

    private final ReasonCounters<EndpointDropReason> own = new ReasonCounters<>(EndpointDropReason.class);
    private final ReasonCounters<EndpointDropReason> bridgeWide;

    EndpointDrops(ReasonCounters<EndpointDropReason> bridgeWide) {
        this.bridgeWide = bridgeWide;
    }

    void add(EndpointDropReason reason) {
        add(reason, 1);
    }

    void add(EndpointDropReason reason, int count) {
        own.add(reason, count);
        bridgeWide.add(reason, count);
    }

    /** A packet SRTP refused (any outcome but OK). */
    void add(SrtpOutcome refused) {
        add(switch (refused) {
            case AUTHENTICATION_FAILED -> EndpointDropReason.SRTP_AUTHENTICATION_FAILED;
            case REPLAYED -> EndpointDropReason.SRTP_REPLAYED;
            default -> EndpointDropReason.SRTP_MALFORMED;
        });
    }

    Map<EndpointDropReason, Long> snapshot() {
        return own.snapshot();
    }
}
