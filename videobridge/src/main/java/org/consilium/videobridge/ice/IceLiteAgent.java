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

/**
 * One endpoint's ICE-lite responder. A check is answered only if it is addressed to this
 * endpoint (USERNAME "local:remote"), carries a valid FINGERPRINT and MESSAGE-INTEGRITY
 * under the endpoint's password; only then does its source address count as validated.
 * So a forged or replayed-from-elsewhere packet can never move an endpoint's media.
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
    private final Map<InetSocketAddress, Long> lastCheckNanos = new ConcurrentHashMap<>();
    private volatile String remoteUfrag;
    private volatile InetSocketAddress selected;

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

    /** @param nominated the check carried USE-CANDIDATE and selected {@code from} */
    public record Answer(byte[] response, boolean nominated) implements Outcome {
    }

    public record Refusal(DropReason reason) implements Outcome {
    }

    public Outcome onBindingRequest(StunMessage request, InetSocketAddress from) {
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
                .xorMappedAddress(from)
                .build(current.password(), true);
        return new Answer(response, nominated);
    }

    /** The remote address media goes to: the last nominated pair (or the first validated one). */
    public InetSocketAddress selectedAddress() {
        return selected;
    }

    /** True when {@code address} passed a check within the consent period. */
    public boolean isValidated(InetSocketAddress address) {
        Long at = lastCheckNanos.get(address);
        return at != null && nanoClock.getAsLong() - at < CONSENT_TIMEOUT_NANOS;
    }

    /** RFC 7675: may we still send to the selected address? */
    public boolean hasConsent() {
        InetSocketAddress current = selected;
        return current != null && isValidated(current);
    }
}
