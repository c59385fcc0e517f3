package org.consilium.application.call;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;

/**
 * The calls' news, into the audit trail (target: the room): who joined, left, was let in,
 * denied or removed, the lock, screen sharing, and calls taken over from a node that died.
 * A change of who is in a call also goes to the cluster's copy of it ({@code changed}).
 */
final class AuditedCallEvents implements CallEvents {

    private static final Logger LOG = Logger.getLogger(AuditedCallEvents.class.getName());

    private final AuditTrail audit;
    private final Executor executor;
    private final Consumer<LiveCall> changed;

    AuditedCallEvents(AuditTrail audit, Executor executor, Consumer<LiveCall> changed) {
        this.audit = audit;
        this.executor = executor;
        this.changed = changed;
    }

    @Override
    public void joined(LiveCall call, CallMember member) {
        record(AuditAction.PARTICIPANT_JOINED, member, call, null);
    }

    @Override
    public void left(LiveCall call, CallMember member) {
        record(AuditAction.PARTICIPANT_LEFT, member, call, null);
    }

    @Override
    public void admitted(LiveCall call, CallMember host, CallMember member) {
        record(AuditAction.LOBBY_ADMITTED, host, call, member);
    }

    @Override
    public void denied(LiveCall call, CallMember host, CallMember member) {
        record(AuditAction.LOBBY_DENIED, host, call, member);
    }

    @Override
    public void removed(LiveCall call, CallMember host, CallMember member) {
        record(AuditAction.PARTICIPANT_REMOVED, host, call, member);
    }

    @Override
    public void locked(LiveCall call, CallMember host, boolean locked) {
        record(AuditAction.ROOM_LOCKED, host, call, null);
    }

    @Override
    public void screenShare(LiveCall call, CallMember member, boolean active) {
        record(active ? AuditAction.SCREEN_SHARE_STARTED : AuditAction.SCREEN_SHARE_STOPPED, member, call, null);
    }

    @Override
    public void changed(LiveCall call) {
        changed.accept(call);
    }

    private void record(AuditAction action, CallMember actor, LiveCall call, CallMember subject) {
        try {
            AuditEvent.Builder event = AuditEvent.of(action, actor.principal(), actor.roles()).from(actor.clientAddress())
                    .target("room:" + call.roomId()).detail("role", actor.role().code());
            if (subject != null) {
                event.detail("participant", subject.principal());
            }
            audit.record(event.build());
        } catch (RuntimeException failed) {
            LOG.log(Level.SEVERE, "Could not audit " + action.code() + " in room " + call.roomId(), failed);
        }
    }

    /** A call taken over here (theirs, ours): who ran it, who runs it now, how many places were kept; off the registry's lock. */
    void takenOver(CallSnapshot theirs, CallSnapshot copy) {
        try {
            executor.execute(() -> {
                try {
                    audit.record(AuditEvent.of(AuditAction.CALL_TAKEN_OVER, AuditEvent.SYSTEM, List.of())
                            .target("room:" + copy.roomId()).detail("visit", copy.visitId())
                            .detail("from", theirs.owner()).detail("to", copy.owner())
                            .detail("places", Integer.toString(copy.members().size())).build());
                } catch (RuntimeException failed) {
                    LOG.log(Level.SEVERE, "Could not audit the take-over of the call in room " + copy.roomId(), failed);
                }
            });
        } catch (RejectedExecutionException stopping) {
            LOG.warning(() -> "Could not audit the take-over of the call in room " + copy.roomId() + ": stopping");
        }
    }
}
