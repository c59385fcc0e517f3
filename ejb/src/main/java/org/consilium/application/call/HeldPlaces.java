package org.consilium.application.call;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Places in a call kept for members whose connection dropped without a {@code leave}
 * (a network change, a closed lid, a page reload): for the reconnect grace period the
 * member stays in the call, marked reconnecting, with their bridge endpoint and their
 * stint in the visit record. Their browser tab takes the place back by reconnecting with
 * the secret it got in {@code joined} ({@link ResumeSecret}); once the period has passed
 * without that, {@code gracePassed} runs and the call lets them leave as any leave, at the
 * moment their connection dropped (the visit record's stint ends then, not a minute later).
 *
 * <p>A claim needs both: the same person (their signed-in identity: a staff member's
 * username, a guest's invitation in their HTTP session) and the secret of that tab. The
 * identity keeps anyone else out, even someone who saw the secret; the secret ties the
 * place, and so the bridge endpoint with its DTLS association, to the one tab that held it.
 *
 * <p>Not thread-safe: the call uses it under its lock. {@code gracePassed} runs on a timer
 * thread without that lock: it takes the lock and asks {@link #release} whether the hold
 * it was started for is still the current one.
 */
final class HeldPlaces {

    private final Duration grace;
    private final CallTimers timers;
    private final Supplier<Instant> clock;
    private final Consumer<CallMember> gracePassed;
    /** By member id: the secret of each member in the call, replaced at every joined. */
    private final Map<String, Issued> secrets = new HashMap<>();
    /** By member id: the places held now. */
    private final Map<String, Hold> held = new HashMap<>();

    private record Issued(CallMember member, ResumeSecret secret) {
    }

    private record Hold(CallMember member, Instant since, CallTimers.Timer timer) {
    }

    /** @param grace how long a place is kept; zero keeps none (a drop is a leave at once) */
    HeldPlaces(Duration grace, CallTimers timers, Supplier<Instant> clock, Consumer<CallMember> gracePassed) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the reconnect grace period cannot be negative");
        }
        this.grace = grace;
        this.timers = timers;
        this.clock = clock;
        this.gracePassed = gracePassed;
    }

    /** A new secret for the member (the old one no longer counts): the text goes to their browser in {@code joined}. */
    String issue(CallMember member) {
        String text = ResumeSecret.newText();
        secrets.put(member.id(), new Issued(member, ResumeSecret.of(text)));
        return text;
    }

    /**
     * The member's connection dropped: their place is kept for the grace period.
     *
     * @return false when no place is kept (no grace period, or a member who never got a
     *         secret, such as one still in the lobby): they leave as before
     */
    boolean hold(CallMember member) {
        Issued issued = secrets.get(member.id());
        if (grace.isZero() || issued == null || issued.member() != member || held.containsKey(member.id())) {
            return false;
        }
        member.reconnecting(true);
        held.put(member.id(), new Hold(member, clock.get(), timers.after(grace, () -> gracePassed.accept(member))));
        return true;
    }

    /**
     * The place {@code newcomer} may take back: a member of the same person whose secret is
     * {@code presented}, held now or still connected (the browser noticed the drop before the
     * server did: its old connection has not closed yet). A hold ends (its timer is
     * cancelled) and the secret is used up; nothing changes when there is no such place.
     */
    Optional<CallMember> claim(CallMember newcomer, String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        for (Issued issued : List.copyOf(secrets.values())) {
            CallMember member = issued.member();
            if (samePerson(member, newcomer) && issued.secret().matches(presented)) {
                end(member.id());
                secrets.remove(member.id());
                return Optional.of(member);
            }
        }
        return Optional.empty();
    }

    /**
     * A place adopted from a node that died ({@link CallMember#sessionless}) no longer knows
     * which browser held it, only whose it is: a guest back with an HTTP session on this node
     * (the node that holds their WebSocket took the call over) takes it by invitation and secret.
     */
    private static boolean samePerson(CallMember held, CallMember newcomer) {
        return held.person().equals(newcomer.person())
                || held.sessionless() && held.principal().equals(newcomer.principal());
    }

    /**
     * A place in a call taken over from a node that died ({@link CallMember#adopted}): held from
     * now for the grace period, for the tab that has the secret whose hash the cluster kept.
     */
    void adopt(CallMember member, ResumeSecret secret) {
        secrets.put(member.id(), new Issued(member, secret));
        hold(member);
    }

    /**
     * The place of a tab that connects without an HTTP session on this node (its session was
     * on a node that died): only places of such tabs ({@link CallMember#sessionless}) can be
     * taken this way, by their secret alone; otherwise as {@link #claim}.
     */
    Optional<CallMember> claimWithoutSession(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        for (Issued issued : List.copyOf(secrets.values())) {
            CallMember member = issued.member();
            if (member.sessionless() && issued.secret().matches(presented)) {
                end(member.id());
                secrets.remove(member.id());
                return Optional.of(member);
            }
        }
        return Optional.empty();
    }

    /** The secret the member's tab holds now, if it was given one (for the cluster's copy of the call). */
    Optional<ResumeSecret> secretOf(CallMember member) {
        Issued issued = secrets.get(member.id());
        return issued != null && issued.member() == member ? Optional.of(issued.secret()) : Optional.empty();
    }

    /**
     * Ends the member's hold if it is the current one, for the grace timer.
     *
     * @return when their connection dropped, if {@code member} was held (then the caller lets them leave)
     */
    Optional<Instant> release(CallMember member) {
        Hold hold = held.get(member.id());
        if (hold == null || hold.member() != member) {
            return Optional.empty();
        }
        end(member.id());
        return Optional.of(hold.since());
    }

    /** The member left for good (left, removed, taken over, the call closed): their hold and secret go. */
    void forget(CallMember member) {
        Hold hold = held.get(member.id());
        if (hold != null && hold.member() == member) {
            end(member.id());
        }
        Issued issued = secrets.get(member.id());
        if (issued != null && issued.member() == member) {
            secrets.remove(member.id());
        }
    }

    /** Everyone goes (the call closes or the server stops): every hold ends, no secret counts any more. */
    void clear() {
        List.copyOf(held.keySet()).forEach(this::end);
        secrets.clear();
    }

    boolean isHeld(CallMember member) {
        Hold hold = held.get(member.id());
        return hold != null && hold.member() == member;
    }

    Duration grace() {
        return grace;
    }

    private void end(String memberId) {
        Hold hold = held.remove(memberId);
        if (hold != null) {
            hold.timer().cancel();
            hold.member().reconnecting(false);
        }
    }
}
