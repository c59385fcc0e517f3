package org.consilium.videobridge.ice;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.consilium.videobridge.stun.StunAttribute;
import org.consilium.videobridge.stun.StunMessage;
import org.consilium.videobridge.stun.StunMessageBuilder;
import org.consilium.videobridge.transport.MediaPath;

/**
 * The controlling side of ICE towards another bridge's ICE-lite endpoint, for a relay this
 * bridge initiates: a nominating check on the one path (the other bridge's media address,
 * from a port of this relay's own) every {@value #RETRY_MILLIS} ms until one is answered,
 * then one every {@value #REFRESH_MILLIS} ms to keep consent on both sides (RFC 7675). An
 * answer counts only if it answers one of our last checks, verifies under the other side's
 * password and carries a valid FINGERPRINT; it then validates and selects the path in the
 * endpoint's agent. Receive thread only.
 */
public final class ControllingChecks {

    static final long RETRY_MILLIS = 200;
    static final long REFRESH_MILLIS = 5_000;
    /** Checks whose answers still count (one lost, late answer must not cost a whole refresh period). */
    private static final int REMEMBERED = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IceLiteAgent agent;
    private final IceCredentials remote;
    private final byte[] remotePassword;
    private final MediaPath path;
    private final long tieBreaker = RANDOM.nextLong();
    private final byte[][] pending = new byte[REMEMBERED][];
    private int nextPending;
    private long nextCheckNanos;
    private boolean answered;

    /** @param remote the other bridge's endpoint's ICE credentials */
    public ControllingChecks(IceLiteAgent agent, IceCredentials remote, MediaPath path) {
        this.agent = agent;
        this.remote = remote;
        this.remotePassword = remote.passwordBytes();
        this.path = path;
    }

    /** Sends the check that is due at {@code now}, if any. */
    public void tick(long now) {
        if (nextCheckNanos != 0 && now - nextCheckNanos < 0) {
            return;
        }
        nextCheckNanos = now + TimeUnit.MILLISECONDS.toNanos(agent.hasConsent() ? REFRESH_MILLIS : RETRY_MILLIS);
        byte[] transaction = new byte[12];
        RANDOM.nextBytes(transaction);
        pending[nextPending] = transaction;
        nextPending = (nextPending + 1) % REMEMBERED;
        byte[] check = new StunMessageBuilder(StunMessage.BINDING_REQUEST, transaction)
                .text(StunAttribute.USERNAME, remote.ufrag() + ":" + agent.localCredentials().ufrag())
                .uint32(StunAttribute.PRIORITY, 1853824767L)
                .uint64(StunAttribute.ICE_CONTROLLING, tieBreaker)
                .flag(StunAttribute.USE_CANDIDATE)
                .build(remotePassword, true);
        path.send(check, 0, check.length);
    }

    /**
     * A STUN message that came back on the path.
     *
     * @return true when it is the first answer: the path is now selected (start DTLS)
     */
    public boolean onResponse(StunMessage message) {
        if (message.type() != StunMessage.BINDING_SUCCESS || !isOurs(message.transactionId())
                || !message.hasValidFingerprint() || !message.hasValidIntegrity(remotePassword)) {
            return false;
        }
        agent.confirmed(path);
        boolean first = !answered;
        answered = true;
        return first;
    }

    /** Whether a check of ours was answered (the path carried a verified answer at least once). */
    public boolean answered() {
        return answered;
    }

    private boolean isOurs(byte[] transactionId) {
        for (byte[] sent : pending) {
            if (sent != null && Arrays.equals(sent, transactionId)) {
                return true;
            }
        }
        return false;
    }
}
