package org.consilium.application.call;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.consilium.domain.recording.RecordingStopReason;
import org.consilium.domain.room.VisitId;
import org.consilium.videobridge.allocation.ReceiverConstraints;
import org.consilium.videobridge.conference.ConferenceListener;

/**
 * One room's call right now: its members (in the call or in the lobby), the lock, the
 * bridge conference, and the visit it records. Every change runs under this object's
 * lock, and the news goes out to the members it concerns; people in the lobby hear only
 * about themselves.
 *
 * <p>Its life: it begins with the room's first connection, and its visit with the first
 * person who enters (not the lobby). When the last person leaves, the visit stays open for
 * the empty-room timeout and whoever enters in time continues it; after that, at the
 * maximum visit length, or when the room is closed, the visit ends. Once nobody is
 * connected and no visit is open the call is over: it tells the registry, outside its
 * lock, and takes nobody any more.
 */
public final class LiveCall {

    private final CallRoom room;
    private final CallLimits limits;
    private final CallMedia endpoints;
    private final CallNegotiation negotiation;
    private final VisitRecord visit;
    private final CallServices services;
    private final Consumer<LiveCall> whenOver;
    private final ConferenceListener sources = changed -> sourcesChanged();
    private final MediaNews media;
    private final Map<String, CallMember> members = new LinkedHashMap<>();
    private final CallRoster roster;
    private final HeldPlaces held;
    private boolean locked;
    private boolean over;
    private final VisitDeadlines deadlines;
    private final CallRecording recording;

    /**
     * @param reconnectGrace how long the place of someone whose connection dropped is kept ({@link HeldPlaces})
     * @param endpoints      where its members' bridge endpoints are: this node's bridge, or the cluster's ({@link CallMedia})
     */
    LiveCall(CallRoom room, CallLimits limits, Duration reconnectGrace, CallMedia endpoints, VisitRecord visit,
             CallServices services, Consumer<LiveCall> whenOver) {
        this.held = new HeldPlaces(reconnectGrace, services.timers(), () -> services.clock().instant(),
                this::gracePassed);
        this.room = room;
        this.roster = new CallRoster(members, room);
        this.limits = limits;
        this.endpoints = endpoints;
        this.negotiation = new CallNegotiation(endpoints);
        this.visit = visit;
        this.services = services;
        this.whenOver = whenOver;
        this.deadlines = new VisitDeadlines(limits, services.timers(), this, this::emptyTooLong, this::reachedMaxLength,
                this::endIfOver);
        this.media = new MediaNews(services, visit);
        this.recording = new CallRecording(services.recorders(), endpoints, this::recordingStoppedByItself);
        endpoints.listen(sources, media);
        endpoints.whenLost(this::mediaLost);
    }

    public String roomId() {
        return room.id();
    }

    /**
     * A new connection. If the same person is connected already (a second window, or a
     * reconnect before the old connection closed: {@link CallMember#person()}), the new
     * connection takes the old one's place. Otherwise hosts enter, everyone else waits; a
     * locked or full room turns newcomers away.
     *
     * @return false when this call is over: connect to the room's next call instead
     */
    public boolean connect(CallMember member) {
        return connect(member, null, false).isPresent();
    }

    /**
     * A new connection, which may take a held place back ({@link HeldPlaces#claim}: the same
     * person with that place's {@code resumeSecret}); otherwise as {@link #connect(CallMember)}.
     *
     * @param mediaKept the browser kept its peer connection (a signaling drop only): the bridge
     *                  endpoint stays, else the place gets a new one
     * @return who is connected: the held member's successor when a place was taken back, else
     *         {@code member}; empty when this call is over
     */
    public synchronized Optional<CallMember> connect(CallMember member, String resumeSecret, boolean mediaKept) {
        if (over) {
            return Optional.empty();
        }
        Optional<CallMember> place = held.claim(member, resumeSecret);
        if (place.isPresent()) {
            return Optional.of(takeBack(place.get(), member, mediaKept));
        }
        Optional<CallMember> previous = members.values().stream()
                .filter(m -> m.person().equals(member.person())).findFirst();
        if (previous.isPresent()) {
            takeOver(previous.get(), member);
        } else if (locked && !member.role().hosts()) {
            member.turnedAway("The room is locked.", "locked");
        } else {
            place(member);
        }
        return Optional.of(member);
    }

    /**
     * A tab whose HTTP session was on a node that died takes its place back by its secret
     * alone ({@link HeldPlaces#claimWithoutSession}), with a new bridge endpoint here.
     *
     * @return who is connected now; empty when no place is held for that secret (or the call is over)
     */
    public synchronized Optional<CallMember> resumeWithoutSession(String resumeSecret, CallConnection connection) {
        if (over) {
            return Optional.empty();
        }
        return held.claimWithoutSession(resumeSecret).map(place -> takeBack(place, place.through(connection), false));
    }

    /**
     * Takes over the call {@code shared} describes, which another node ran until it died: its
     * visit goes on (the same stints), everyone in it keeps their place for the grace period
     * without a lobby, and the maximum visit length still counts from the visit's start.
     */
    synchronized void adopt(CallSnapshot shared) {
        CallCopies.takeOver(shared, visit, held).forEach(member -> members.put(member.id(), member));
        locked = shared.locked();
        deadlines.visitGoesOn(limits.maxVisitLength().minus(
                Duration.between(shared.visitStarted(), services.clock().instant())));
        if (members.isEmpty()) {
            deadlines.roomEmptied();
        }
    }

    /**
     * What the cluster keeps of this call ({@link CallSnapshot}), run by {@code node}: empty
     * when there is nothing to take over (no visit, no places kept after a drop, or over).
     */
    synchronized Optional<CallSnapshot> snapshot(String node) {
        return over ? Optional.empty() : CallCopies.of(room.id(), node, visit, locked, present(), held);
    }

    public synchronized void admit(CallMember host, String memberId) {
        CallMember waiting = roster.waiting(host, memberId);
        if (roster.full()) {
            throw new CallRefused("full", "the call is full: at most " + room.places() + " people at once");
        }
        events().admitted(this, host, waiting);
        enter(waiting);
        roster.tellHostsTheQueue();
    }

    public synchronized void deny(CallMember host, String memberId) {
        CallMember waiting = roster.waiting(host, memberId);
        members.remove(memberId);
        events().denied(this, host, waiting);
        waiting.connection().send(CallMessages.denied("A host did not let you in."));
        waiting.connection().close("denied");
        roster.tellHostsTheQueue();
    }

    /** The browser's offer; returns the bridge's answer. */
    public synchronized String offer(CallMember member, String sdp) {
        roster.inCall(member);
        return negotiation.answer(member, sdp);
    }

    /** What the member's page shows, for the bridge to forward no more than that. */
    public synchronized void receiverConstraints(CallMember member, ReceiverConstraints constraints) {
        roster.inCall(member);
        endpoints.constrain(member.id(), constraints);
    }

    /** The cluster's members now: members whose endpoint was on another node's bridge that left connect again. */
    synchronized void keepBridgesOf(java.util.Collection<String> nodes) {
        endpoints.keepBridgesOf(nodes);
    }

    /** What another node's bridge decided for one of this call's members there (a cascade). Never takes the lock. */
    void relayedNews(RelayedNews news) {
        media.relayed(news);
    }

    public synchronized void mute(CallMember member, boolean audio, boolean video) {
        roster.inCall(member);
        member.muted(audio, video);
        tellEveryoneWhoIsHere();
    }

    /** @param source the SSRC of the screen's section in the sender's offer, when it says (null otherwise) */
    public synchronized void screenShare(CallMember member, boolean active, Long source) {
        roster.inCall(member);
        CallMember.ScreenChange change = member.screenShared(active, source);
        if (change == CallMember.ScreenChange.NONE) {
            return;
        }
        if (change == CallMember.ScreenChange.STARTED_OR_STOPPED) {
            events().screenShare(this, member, active);
        }
        recording.screenChanged(member);
        tellEveryoneWhoIsHere();
    }

    /** A host starts or stops recording the visit (docs/recording.md): everyone present is asked to consent. */
    public synchronized void record(CallMember host, boolean active) {
        roster.inCall(host);
        roster.requireHost(host);
        recording.switchedBy(host, active, visit.current(), room, present());
        tellEveryoneWhoIsHere();
    }

    /** A member's answer to the recording's consent notice of {@code version}. */
    public synchronized void recordingConsent(CallMember member, boolean consent, int version) {
        roster.inCall(member);
        recording.answer(member, consent, version);
        tellEveryoneWhoIsHere();
    }

    public synchronized void chat(CallMember member, String text) {
        roster.inCall(member);
        String checked = new ChatText(text).value();
        java.time.Instant at = services.clock().instant();
        var message = CallMessages.chat(member, checked, at);
        present().forEach(other -> other.connection().send(message));
        recording.chat(member, checked, at);
    }

    /** Raises or lowers a hand, as {@link CallRoster#handOf} allows. */
    public synchronized void hand(CallMember member, boolean raised, String memberId) {
        if (roster.handOf(member, memberId, raised).hand(raised, services.clock().instant())) {
            tellEveryoneWhoIsHere();
        }
    }

    /** The owner makes a staff member here co-host or no longer: the room's record changes (a transaction, outside the lock). */
    public void nameHost(CallMember owner, String memberId, boolean host) {
        services.hosts().name(room.id(), owner, colleagueOf(owner, memberId).principal(), host);
    }

    private synchronized CallMember colleagueOf(CallMember owner, String memberId) {
        return roster.colleagueOf(owner, memberId);
    }

    /** The room's record says {@code username} is a host now (one waiting comes in), or no longer is. */
    public synchronized void hostsChanged(String username, boolean host) {
        List<CallMember> changed = roster.hostsNow(username, host);
        changed.stream().filter(m -> !m.admitted() && host && !roster.full()).toList().forEach(this::enter);
        if (!changed.isEmpty()) {
            roster.tellHostsTheQueue();
            tellEveryoneWhoIsHere();
        }
    }

    /** A host confirms a guest's identity (REQUIREMENTS D5): {@link IdentityConfirmation}. */
    public synchronized void confirmIdentity(CallMember host, String memberId, String method) {
        IdentityConfirmation.of(roster.present(host, memberId), method).by(host, visit, services.clock().instant());
        tellEveryoneWhoIsHere();
    }

    public synchronized void askToMute(CallMember host, String memberId) {
        CallMember other = roster.present(host, memberId);
        other.connection().send(CallMessages.muteRequested(host.displayName()));
    }

    public synchronized void remove(CallMember host, String memberId) {
        CallMember other = roster.present(host, memberId);
        events().removed(this, host, other);
        other.connection().send(CallMessages.ended("removed", "A host took you out of the call."));
        other.connection().close("removed");
        left(other);
    }

    public synchronized void lock(CallMember host, boolean lock) {
        roster.requireHost(host);
        locked = lock;
        events().locked(this, host, lock);
        tellEveryoneWhoIsHere();
    }

    /**
     * The member's connection dropped without a leave (lost network, closed lid, reload,
     * too slow): someone in the call keeps their place for the reconnect grace period
     * ({@link HeldPlaces}), marked reconnecting; anyone else is gone at once.
     */
    public void dropped(CallMember member) {
        synchronized (this) {
            if (members.get(member.id()) == member && member.admitted() && held.hold(member)) {
                tellEveryoneWhoIsHere();
                return;
            }
        }
        disconnected(member);
    }

    /** The member's connection ended (leave, removed, signed out): gone at once. */
    public void disconnected(CallMember member) {
        synchronized (this) {
            if (members.get(member.id()) == member) {
                left(member);
            }
        }
        endIfOver();
    }

    /** The call ends for this member only, for a reason of the server's (they signed out): told, closed, gone. */
    public void endFor(CallMember member, String reason) {
        synchronized (this) {
            if (members.get(member.id()) == member) {
                member.connection().send(CallMessages.ended("removed", reason));
                member.connection().close("ended");
                left(member);
            }
        }
        endIfOver();
    }

    /** Everyone, in the call and in the lobby, gets {@code room-closed} and is disconnected; the visit ends. */
    public void closeForEveryone(String reason, VisitEnd why) {
        synchronized (this) {
            closeAll(reason, why);
        }
        endIfOver();
    }

    /**
     * The server stops: everyone gets {@code room-closed} and is disconnected, and the call
     * takes nobody more. Its visit is left open: the stopping server's audit trail takes no
     * more events, so the room's next visit ends it at its last recorded moment
     * ({@link VisitEnd#INTERRUPTED}), as after a crash.
     */
    public synchronized void serverStopping() {
        recording.stop(RecordingStopReason.SERVER_STOPPED, null, present(), null);
        disconnectEveryone("The server is shutting down.");
        stopped();
    }

    /**
     * The server stops while other appliances of the cluster run (a rolling upgrade): everyone's
     * connection closes as a drop (no {@code room-closed}, no leave in the visit record), so
     * their pages reconnect at the cluster's address and the appliance that answers takes the
     * call over from the cluster's copy, which stays ({@link CallFailover}).
     */
    public synchronized void handOver() {
        recording.stop(RecordingStopReason.SERVER_STOPPED, null, present(), null);
        members.values().forEach(member -> member.connection().close("server-stopping"));
        members.clear();
        held.clear();
        stopped();
    }

    private void stopped() {
        over = true;
        deadlines.cancel();
        endpoints.stopListening();
    }

    public synchronized List<CallMember> present() {
        return roster.present();
    }

    /** Nobody connected and no visit open: the registry has forgotten this call. */
    synchronized boolean isOver() {
        return over;
    }

    /** The visit going on, if any (any thread: for the check of which node runs it). */
    Optional<VisitId> visitId() {
        return visit.current();
    }

    synchronized boolean visitOpen() {
        return visit.isOpen();
    }

    // --- coming and going --------------------------------------------------------------

    /**
     * Who may enter does ({@link Admission}) unless the call is full; a host then is turned
     * away, anyone else waits in the lobby, as do all who may not enter by themselves.
     */
    private void place(CallMember member) {
        if (Admission.entersDirectly(member.role(), room.lobbyEnabled()) && !roster.full()) {
            members.put(member.id(), member);
            enter(member);
        } else if (member.role().hosts()) {
            member.turnedAway("The room is full: at most " + room.places() + " people at once.", "full");
        } else {
            members.put(member.id(), member);
            member.connection().send(CallMessages.lobby(room.nameFor(member)));
            roster.tellHostsTheQueue();
        }
    }

    /**
     * The same person again: the old connection is told why and closed, the new one takes
     * its place. In the call it is the same stint of the visit (neither a leave nor a
     * join), with a new bridge endpoint; in the lobby it waits on.
     */
    private void takeOver(CallMember previous, CallMember member) {
        previous.connection().send(CallMessages.ended("removed", "You joined this call from another window."));
        previous.connection().close("replaced");
        held.forget(previous);
        if (!previous.admitted()) {
            members.remove(previous.id());
            place(member);
            if (member.admitted()) {
                roster.tellHostsTheQueue(); // the old connection left the queue; place tells hosts only of people who wait
            }
            return;
        }
        recording.left(previous);
        endpoints.expire(previous.id()); // the others renegotiate if it sent anything
        roster.replace(previous, member);
        member.admit();
        endpoints.allocate(member.id());
        welcome(member, false);
    }

    /**
     * A place taken back: the same member id (so the others' tiles and the visit's stint go
     * on), no lobby; the old connection, if the server has not seen it close yet, is closed.
     * The bridge endpoint stays when the browser kept its peer connection (it restarts ICE on
     * it), else the place gets a new one, as a takeover does.
     */
    private CallMember takeBack(CallMember previous, CallMember member, boolean mediaKept) {
        previous.connection().close("resumed"); // its close, when it comes, finds the place taken: a no-op
        CallMember successor = member.takingBack(previous);
        roster.replace(previous, successor);
        media.newConnection(successor.id());
        boolean endpointKept = mediaKept && endpoints.has(successor.id());
        if (!endpointKept) {
            endpoints.allocate(successor.id());
        }
        welcome(successor, endpointKept);
        return successor;
    }

    /** The grace period of a held place passed: they leave, as at a drop without it, when they dropped. */
    private void gracePassed(CallMember member) {
        synchronized (this) {
            Optional<Instant> dropped = held.release(member);
            if (dropped.isEmpty() || members.get(member.id()) != member) {
                return;
            }
            left(member, dropped.get());
        }
        endIfOver();
    }

    private void enter(CallMember member) {
        member.admit();
        endpoints.allocate(member.id());
        Instant now = services.clock().instant();
        if (!visit.isOpen()) {
            visit.start(member, now);
            deadlines.visitStarted();
        }
        deadlines.someoneEntered();
        visit.join(member, now);
        events().joined(this, member);
        welcome(member, false);
    }

    /** @param mediaKept the member's bridge endpoint is the one before: their browser keeps its peer connection */
    private void welcome(CallMember member, boolean mediaKept) {
        member.connection().send(CallMessages.joined(member, present(), room.nameFor(member), locked,
                visit.openSince(), held.issue(member), held.grace(), mediaKept,
                recording.allowedFor(member), recording::stateOf));
        recording.entered(member, mediaKept);
        tellEveryoneWhoIsHere();
        roster.tellTheQueueTo(member);
    }

    private void left(CallMember member) {
        left(member, services.clock().instant());
    }

    private void left(CallMember member, Instant at) {
        members.remove(member.id());
        held.forget(member);
        if (member.admitted()) {
            stintEnds(member, at);
            tellEveryoneWhoIsHere();
            if (present().isEmpty() && visit.isOpen()) {
                deadlines.roomEmptied();
            }
        } else {
            roster.tellHostsTheQueue();
        }
    }

    private void closeAll(String reason, VisitEnd why) {
        disconnectEveryone(reason);
        if (visit.isOpen()) {
            endVisit(why);
        }
    }

    private void disconnectEveryone(String reason) {
        List<CallMember> everyone = new ArrayList<>(members.values());
        members.clear();
        held.clear();
        Instant now = services.clock().instant();
        for (CallMember member : everyone) {
            member.connection().send(CallMessages.ended("room-closed", reason));
            member.connection().close("room-closed");
            if (member.admitted()) {
                stintEnds(member, now);
            }
        }
    }

    /** An admitted member's stint is over: not recorded, their bridge endpoint gone, the visit record told. */
    private void stintEnds(CallMember member, Instant at) {
        recording.left(member);
        endpoints.expire(member.id()); // the others hear sourcesChanged if it sent anything
        visit.leave(member, at);
        events().left(this, member);
    }

    // --- the visit's deadlines ({@link VisitDeadlines}: run under the lock, when still current) --------

    private void emptyTooLong() {
        if (visit.isOpen() && present().isEmpty()) {
            endVisit(VisitEnd.EMPTY);
        }
    }

    private void reachedMaxLength() {
        if (visit.isOpen()) {
            closeAll("This visit reached its maximum length of " + CallLimits.spoken(limits.maxVisitLength()) + ".",
                    VisitEnd.MAX_LENGTH);
        }
    }

    private void endVisit(VisitEnd why) {
        recording.visitEnded(present());
        visit.end(services.clock().instant(), why);
        deadlines.cancel();
    }

    /** Called outside the lock by whatever may have left the call with nobody and no visit. */
    private void endIfOver() {
        synchronized (this) {
            if (over || !members.isEmpty() || visit.isOpen()) {
                return;
            }
            stopped();
        }
        whenOver.accept(this);
    }

    // --- news -----------------------------------------------------------------------------

    /** Sources changed: every browser in the call offers again with enough receive slots. */
    private synchronized void sourcesChanged() {
        negotiation.sourcesChanged(present());
    }

    /**
     * The member's endpoint went with another node's bridge: their page connects again (as
     * after any drop: their place is held) and gets a new endpoint.
     */
    private synchronized void mediaLost(String memberId) {
        CallMember member = members.get(memberId);
        if (member != null && member.admitted()) {
            member.connection().closeToReconnect("moved");
        }
    }

    /** The recorder stopped by itself (a full disk, a write failure): everyone is told why ({@link CallRecording}). */
    private void recordingStoppedByItself(RecordingStopReason reason) {
        synchronized (this) {
            recording.stoppedByItself(reason, present());
            tellEveryoneWhoIsHere();
        }
    }

    private void tellEveryoneWhoIsHere() {
        var message = CallMessages.participants(present(), locked, recording::stateOf);
        media.present(present());
        present().forEach(member -> member.connection().send(message));
        events().changed(this); // every change of who is here, how, and of the lock passes here
    }

    private CallEvents events() {
        return services.events();
    }
}
