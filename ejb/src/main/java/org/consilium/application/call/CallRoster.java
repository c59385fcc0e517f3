package org.consilium.application.call;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is in a call and who waits, and the rules of acting on them: who is present, who is
 * in the lobby, whether the room is full, and who may act (admitted, still the connection in
 * that place, a host for acting on others); the hosts hear the queue from here. Not
 * thread-safe: the call uses it under its lock.
 */
final class CallRoster {

    private final Map<String, CallMember> members;
    private final CallRoom room;

    /** @param members the call's members by id, in the order they came (the call's own map; {@link #replace} writes it) */
    CallRoster(Map<String, CallMember> members, CallRoom room) {
        this.members = members;
        this.room = room;
    }

    List<CallMember> present() {
        return members.values().stream().filter(CallMember::admitted).toList();
    }

    List<CallMember> waiting() {
        return members.values().stream().filter(m -> !m.admitted()).toList();
    }

    /** {@code member} takes {@code previous}'s place in the order of arrival (the order everyone's participant list shows). */
    void replace(CallMember previous, CallMember member) {
        Map<String, CallMember> before = new LinkedHashMap<>(members);
        members.clear();
        before.forEach((id, other) -> members.put(other == previous ? member.id() : id, other == previous ? member : other));
    }

    /** The hosts in the call get the lobby's queue as it is now. */
    void tellHostsTheQueue() {
        var message = CallMessages.lobbyQueue(waiting());
        present().stream().filter(m -> m.role().hosts()).forEach(host -> host.connection().send(message));
    }

    /** A host who just came in hears who waits, if anyone does. */
    void tellTheQueueTo(CallMember member) {
        List<CallMember> waiting = waiting();
        if (member.role().hosts() && !waiting.isEmpty()) {
            member.connection().send(CallMessages.lobbyQueue(waiting));
        }
    }

    boolean full() {
        return present().size() >= room.places();
    }

    /** The person {@code host} acts on in the lobby. */
    CallMember waiting(CallMember host, String memberId) {
        requireHost(host);
        CallMember waiting = members.get(memberId);
        if (waiting == null || waiting.admitted()) {
            throw new CallRefused("invalid", "nobody with that id is waiting in the lobby");
        }
        return waiting;
    }

    /** The person {@code host} acts on in the call. */
    CallMember present(CallMember host, String memberId) {
        requireHost(host);
        return Optional.ofNullable(members.get(memberId)).filter(CallMember::admitted)
                .orElseThrow(() -> new CallRefused("invalid", "nobody with that id is in the call"));
    }

    /**
     * Whose hand {@code member} raises or lowers: their own ({@code memberId} null or theirs),
     * or, a host lowering it once they had their turn, someone else's; nobody raises another's.
     */
    CallMember handOf(CallMember member, String memberId, boolean raised) {
        inCall(member);
        if (memberId == null || memberId.equals(member.id())) {
            return member;
        }
        if (raised) {
            throw new CallRefused("forbidden", "only they can raise their own hand");
        }
        return present(member, memberId);
    }

    /**
     * The staff member the room's owner makes co-host, or no longer ({@code memberId}, in the
     * call or its lobby): only the owner names hosts (as outside the call), and hosts are staff.
     */
    CallMember colleagueOf(CallMember owner, String memberId) {
        requireHost(owner);
        if (owner.role() != CallMember.Role.OWNER) {
            throw new CallRefused("forbidden", "only the room's owner names its hosts");
        }
        CallMember other = members.get(memberId);
        if (other == null) {
            throw new CallRefused("invalid", "nobody with that id is in the call or its lobby");
        }
        if (other.role() == CallMember.Role.OWNER || other.role() == CallMember.Role.GUEST) {
            throw new CallRefused("invalid", other.role() == CallMember.Role.GUEST
                    ? "a guest cannot be a host: hosts are staff of the hospital's directory"
                    : "the owner runs the room already");
        }
        return other;
    }

    /** The members who are {@code username} (a staff member in one or more windows), now a host or no longer one. */
    List<CallMember> hostsNow(String username, boolean host) {
        return members.values().stream().filter(m -> m.principal().equals(username))
                .filter(m -> m.hosts(host)).toList();
    }

    void requireHost(CallMember member) {
        inCall(member);
        if (!member.role().hosts()) {
            throw new CallRefused("forbidden", "only the room's owner and hosts may do that");
        }
    }

    void inCall(CallMember member) {
        // By identity: a place taken back has the same id, and the connection it replaced is out.
        if (!member.admitted() || members.get(member.id()) != member) {
            throw new CallRefused(member.admitted() ? "out-of-order" : "forbidden",
                    member.admitted() ? "you have left the call" : "wait until a host lets you in");
        }
    }
}
