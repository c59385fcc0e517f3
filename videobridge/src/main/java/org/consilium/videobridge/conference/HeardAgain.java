package org.consilium.videobridge.conference;

import java.util.concurrent.TimeUnit;

/**
 * Notices when an endpoint is heard again after a silence: its network dropped and came back
 * (a Wi-Fi out of reach, a link down, a move to another network with an ICE restart). Every
 * picture it sends and receives lost packets then, so each needs a keyframe; asking at once
 * saves the seconds a browser waits before it asks by itself. Audio, or RTCP at least, flows
 * from a browser in a call all the time, so a silence this long is the network's. The
 * requests go once more half a second later: the first packets after a move to a new address
 * can come before the browser nominates that address, when a request to it would still go to
 * the old one. Receive thread only.
 */
final class HeardAgain {

    static final long SILENCE_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);
    static final long FOLLOW_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private long lastHeardNanos;
    private boolean heardBefore;
    private long followUpAt;
    private boolean followUpDue;

    /** Whether the endpoint, heard before, has sent nothing for {@link #SILENCE_NANOS}. */
    boolean silent(long nowNanos) {
        return heardBefore && nowNanos - lastHeardNanos >= SILENCE_NANOS;
    }

    /**
     * A packet from the endpoint now; true when it ends a silence (never for the first one)
     * and once more at the first packet half a second after that.
     */
    boolean heard(long nowNanos) {
        boolean afterSilence = heardBefore && nowNanos - lastHeardNanos >= SILENCE_NANOS;
        heardBefore = true;
        lastHeardNanos = nowNanos;
        if (afterSilence) {
            followUpDue = true;
            followUpAt = nowNanos + FOLLOW_UP_NANOS;
            return true;
        }
        if (followUpDue && nowNanos - followUpAt >= 0) {
            followUpDue = false;
            return true;
        }
        return false;
    }
}
