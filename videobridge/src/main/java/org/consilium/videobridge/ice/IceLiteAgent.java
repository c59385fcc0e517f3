package org.consilium.videobridge.ice;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.consilium.videobridge.stats.DropReason;
import org.consilium.videobridge.stun.StunAttribute;
import org.consilium.videobridge.stun.StunMessage;
import org.consilium.videobridge.stun.StunMessageBuilder;
import org.consilium.videobridge.transport.MediaPath;

/**
 * One endpoint's ICE-lite responder. A check is answered only if it is addressed to this
 * endpoint (USERNAME "local:remote"), carries a valid FINGERPRINT and MESSAGE-INTEGRITY
 * under the endpoint's password; only then does the path it came by (a UDP address, or a
 * TCP connection) count as validated. So a forged or replayed-from-elsewhere packet can
 * never move an endpoint's media.
 *
 * <p>An ICE restart ({@link #restart}, RFC 8445 §9) replaces both sides' credentials at
 * once: from then on only checks under the new pair are answered, so nobody holding the
 * old password can validate an address. Media goes on to the previously selected address
 * (within its consent) until a check under the new credentials selects one.
 */
public final class IceLiteAgent {

    /** RFC 7675: consent expires 30 s after the last successful check. */
    public static final long CONSENT_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** The local credentials with their password's bytes, replaced together by a restart. */
    private record Local(IceCredentials credentials, byte[] password) {
        Local(IceCredentials credentials) {
            this(credentials, credentials.passwordBytes());
        }
    }

    private final LongSupplier nanoClock;
    private volatile Local local;
    private final Map<MediaPath, Long> lastCheckNanos = new ConcurrentHashMap<>();
    private volatile String remoteUfrag;
    private volatile MediaPath selected;

    public IceLiteAgent(IceCredentials local, LongSupplier nanoClock) {
        this.local = new Local(local);
        this.nanoClock = nanoClock;
    }

    public IceLiteAgent(IceCredentials local) {
        this(local, System::nanoTime);
    }

    public IceCredentials localCredentials() {
        return local.credentials();
    }

    /**
     * An ICE restart: the browser offered a new ufrag, the answer carries {@code fresh}.
     * Checks under the old local ufrag or the old remote ufrag are refused from now on;
     * addresses already validated keep their consent until it lapses, and the selected one
     * stays selected until a new check selects another.
     *
     * @return the local ufrag that was replaced (the demultiplexer forgets it)
     */
    public synchronized String restart(IceCredentials fresh, String newRemoteUfrag) {
        String previous = local.credentials().ufrag();
        if (fresh.ufrag().equals(previous)) {
            throw new IllegalArgumentException("an ICE restart needs a new local ufrag");
        }
        local = new Local(fresh); // first: in between, only a check under the new password could pass
        remoteUfrag = newRemoteUfrag;
        return previous;
    }

    /** The remote ufrag from the browser's SDP; until set, any remote part is accepted. */
    public void setRemoteUfrag(String ufrag) {
        this.remoteUfrag = ufrag;
    }

    /** The browser's ufrag from its SDP, or null before the signaling gave it. */
    public String remoteUfrag() {
        return remoteUfrag;
    }

    /** What to do with a Binding request: send this answer, or drop it for this reason. */
    public sealed interface Outcome permits Answer, Refusal {
    }

    /** @param nominated the check carried USE-CANDIDATE and selected the path it came by */
    public record Answer(byte[] response, boolean nominated) implements Outcome {
    }

    public record Refusal(DropReason reason) implements Outcome {
    }

    public Outcome onBindingRequest(StunMessage request, MediaPath from) {
        if (!request.hasValidFingerprint()) {
            return new Refusal(DropReason.BAD_FINGERPRINT);
        }
        String username = request.text(StunAttribute.USERNAME);
        Local current = local;
        String expectedRemote = remoteUfrag;
        String localUfrag = current.credentials().ufrag();
        if (username == null || !username.startsWith(localUfrag + ":")
                || (expectedRemote != null && !username.equals(localUfrag + ":" + expectedRemote))) {
            return new Refusal(DropReason.UNKNOWN_ICE_UFRAG);
        }
        if (!request.hasValidIntegrity(current.password())) {
            return new Refusal(DropReason.BAD_MESSAGE_INTEGRITY);
        }
        lastCheckNanos.put(from, nanoClock.getAsLong());
        boolean nominated = request.has(StunAttribute.USE_CANDIDATE);
        if (nominated || selected == null) {
            selected = from;
        }
        byte[] response = new StunMessageBuilder(StunMessage.BINDING_SUCCESS, request.transactionId())
                .xorMappedAddress(from.remoteAddress())
                .build(current.password(), true);
        return new Answer(response, nominated);
    }

    /**
     * Our own nominating check on {@code path} was answered (this side initiates a relay to
     * another bridge, see {@link ControllingChecks}): the path is validated and selected,
     * and its consent renewed, as an answered check from the other side would do here.
     */
    public void confirmed(MediaPath path) {
        lastCheckNanos.put(path, nanoClock.getAsLong());
        selected = path;
    }

    /** The path media goes by: the last nominated pair's (or the first validated one), or null. */
    public MediaPath selectedPath() {
        return selected;
    }

    /** The browser's address on the selected path, or null. */
    public InetSocketAddress selectedAddress() {
        MediaPath current = selected;
        return current == null ? null : current.remoteAddress();
    }

    /** True when {@code path} passed a check within the consent period and is still open. */
    public boolean isValidated(MediaPath path) {
        Long at = lastCheckNanos.get(path);
        return at != null && nanoClock.getAsLong() - at < CONSENT_TIMEOUT_NANOS && path.isOpen();
    }

    /** RFC 7675: may we still send on the selected path? */
    public boolean hasConsent() {
        MediaPath current = selected;
        return current != null && isValidated(current);
    }

    /**
     * The path is gone (its connection closed): it is no longer validated, and no longer
     * selected; the next answered check selects again.
     */
    public void forget(MediaPath path) {
        lastCheckNanos.remove(path);
        if (selected == path) {
            selected = null;
        }
    }
}
