package org.consilium.application.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.audit.AuditOutcome;

/** The audit events of rooms and invitations: identifiers only, never a room's name or a token. */
@ApplicationScoped
public class RoomAudit {

    /** The actor of a refused link whose signature did not check out: nobody we can name. */
    static final String ANONYMOUS = "(anonymous)";

    @Inject
    AuditTrail trail;

    AuditEvent.Builder by(Caller caller, AuditAction action, String target) {
        return AuditEvent.of(action, caller.username(), caller.roleNames()).from(caller.clientAddress()).target(target);
    }

    void record(AuditEvent.Builder event) {
        trail.record(event.build());
    }

    /** Audits a refusal and returns the exception that tells the caller. */
    RoomAccessDenied denied(Caller caller, String attempted, String target, String message) {
        record(by(caller, AuditAction.ACCESS_DENIED, target).outcome(AuditOutcome.DENIED).detail("attempted", attempted));
        return new RoomAccessDenied(message);
    }

    /** A guest (or anyone holding a link), by the invitation's principal when the link is genuine. */
    AuditEvent.Builder byBearer(String principal, String clientAddress, AuditAction action, String target) {
        return AuditEvent.of(action, principal == null ? ANONYMOUS : principal,
                        principal == null ? List.of() : List.of("guest"))
                .from(clientAddress).target(target);
    }
}
