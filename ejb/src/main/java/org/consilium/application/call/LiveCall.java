package org.consilium.application.call;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consilium.videobridge.conference.Conference;
import org.consilium.videobridge.conference.Endpoint;
import org.consilium.videobridge.sdp.InvalidSdpException;

/**
 * One room's call right now: its members (in the call or in the lobby), the lock, and the
 * bridge conference. Every change runs under this object's lock, and the news goes out to
 * the members it concerns; people in the lobby hear only about themselves.
 */
public final class LiveCall {

    static final int MAX_CHAT = 2000;

    private final String roomId;
    private final String roomName;
    private final Conference conference;
    private final Clock clock;
    private final CallEvents events;
    private final Map<String, CallMember> members = new LinkedHashMap<>();
    private boolean locked;

    LiveCall(String roomId, String roomName, Conference conference, Clock clock, CallEvents events) {
        this.roomId = roomId;
        this.roomName = roomName;
        this.conference = conference;
        this.clock = clock;
        this.events = events;
        conference.addListener(changed -> sourcesChanged());
    }

    public String roomId() {
        return roomId;
    }

    /** A new connection: hosts enter, everyone else waits; a locked room turns newcomers away. */
    public synchronized void connect(CallMember member) {
        if (locked && !member.role().hosts()) {
            member.connection().send(CallMessages.denied("The room is locked."));
            member.connection().close("locked");
            return;
        }
        members.put(member.id(), member);
        if (member.role().hosts()) {
            enter(member);
        } else {
            member.connection().send(CallMessages.lobby(roomName));
            tellHostsTheQueue();
        }
    }

    public synchronized void admit(CallMember host, String memberId) {
        CallMember waiting = waiting(host, memberId);
        events.admitted(this, host, waiting);
        enter(waiting);
        tellHostsTheQueue();
    }

    public synchronized void deny(CallMember host, String memberId) {
        CallMember waiting = waiting(host, memberId);
        members.remove(memberId);
        events.denied(this, host, waiting);
        waiting.connection().send(CallMessages.denied("A host did not let you in."));
        waiting.connection().close("denied");
        tellHostsTheQueue();
    }

    /** The browser's offer; returns the bridge's answer. */
    public synchronized String offer(CallMember member, String sdp) {
        inCall(member);
        Endpoint endpoint = conference.endpoint(member.id())
                .orElseThrow(() -> new CallRefused("out-of-order", "you are not in the call"));
        try {
            return endpoint.negotiate(sdp);
        } catch (InvalidSdpException refused) {
            throw new CallRefused("sdp", refused.getMessage());
        }
    }

    public synchronized void mute(CallMember member, boolean audio, boolean video) {
        inCall(member);
        member.muted(audio, video);
        tellEveryoneWhoIsHere();
    }

    public synchronized void screenShare(CallMember member, boolean active) {
        inCall(member);
        if (member.screenSharing() != active) {
            member.screenSharing(active);
            events.screenShare(this, member, active);
            tellEveryoneWhoIsHere();
        }
    }

    public synchronized void chat(CallMember member, String text) {
        inCall(member);
        if (text == null || text.isBlank() || text.length() > MAX_CHAT) {
            throw new CallRefused("invalid", "a chat message has 1 to " + MAX_CHAT + " characters");
        }
        var message = CallMessages.chat(member, text, clock.instant());
        present().forEach(other -> other.connection().send(message));
    }

    public synchronized void askToMute(CallMember host, String memberId) {
        CallMember other = present(host, memberId);
        other.connection().send(CallMessages.muteRequested(host.displayName()));
    }

    public synchronized void remove(CallMember host, String memberId) {
        CallMember other = present(host, memberId);
        events.removed(this, host, other);
        other.connection().send(CallMessages.ended("removed", "A host took you out of the call."));
        other.connection().close("removed");
        left(other);
    }

    public synchronized void lock(CallMember host, boolean lock) {
        requireHost(host);
        locked = lock;
        events.locked(this, host, lock);
        tellEveryoneWhoIsHere();
    }

    /** The member's connection ended (leave, closed tab, lost network): gone at once. */
    public synchronized void disconnected(CallMember member) {
        if (members.containsKey(member.id())) {
            left(member);
        }
    }

    public synchronized boolean isEmpty() {
        return members.isEmpty();
    }

    public synchronized List<CallMember> present() {
        return members.values().stream().filter(CallMember::admitted).toList();
    }

    synchronized void closeForEveryone(String reason) {
        for (CallMember member : new ArrayList<>(members.values())) {
            member.connection().send(CallMessages.ended("room-closed", reason));
            member.connection().close("room-closed");
            left(member);
        }
    }

    private void enter(CallMember member) {
        member.admit();
        conference.allocateEndpoint(member.id());
        events.joined(this, member);
        member.connection().send(CallMessages.joined(member, present(), roomName, locked));
        tellEveryoneWhoIsHere();
    }

    private void left(CallMember member) {
        members.remove(member.id());
        if (member.admitted()) {
            conference.expireEndpoint(member.id()); // the others hear sourcesChanged if it sent anything
            events.left(this, member);
            tellEveryoneWhoIsHere();
        } else {
            tellHostsTheQueue();
        }
    }

    /** Sources changed: every browser in the call offers again with enough receive slots. */
    private synchronized void sourcesChanged() {
        for (CallMember member : present()) {
            conference.endpoint(member.id()).ifPresent(endpoint ->
                    member.connection().send(CallMessages.renegotiate(endpoint.receiveSlotsNeeded())));
        }
    }

    private void tellEveryoneWhoIsHere() {
        var message = CallMessages.participants(present());
        present().forEach(member -> member.connection().send(message));
    }

    private void tellHostsTheQueue() {
        List<CallMember> waiting = members.values().stream().filter(m -> !m.admitted()).toList();
        var message = CallMessages.lobbyQueue(waiting);
        present().stream().filter(m -> m.role().hosts()).forEach(host -> host.connection().send(message));
    }

    private CallMember waiting(CallMember host, String memberId) {
        requireHost(host);
        CallMember waiting = members.get(memberId);
        if (waiting == null || waiting.admitted()) {
            throw new CallRefused("invalid", "nobody with that id is waiting in the lobby");
        }
        return waiting;
    }

    private CallMember present(CallMember host, String memberId) {
        requireHost(host);
        return Optional.ofNullable(members.get(memberId)).filter(CallMember::admitted)
                .orElseThrow(() -> new CallRefused("invalid", "nobody with that id is in the call"));
    }

    private void requireHost(CallMember member) {
        inCall(member);
        if (!member.role().hosts()) {
            throw new CallRefused("forbidden", "only the room's owner and hosts may do that");
        }
    }

    private void inCall(CallMember member) {
        if (!member.admitted() || !members.containsKey(member.id())) {
            throw new CallRefused(member.admitted() ? "out-of-order" : "forbidden",
                    member.admitted() ? "you have left the call" : "wait until a host lets you in");
        }
    }
}
