package org.consilium.application.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.room.IdentityCheck;
import org.consilium.domain.room.IdentityMethod;
import org.consilium.domain.room.Modality;
import org.consilium.domain.room.Room;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.RoomRepository;
import org.consilium.domain.room.RoomRuleViolation;
import org.consilium.domain.room.Visit;
import org.consilium.domain.room.VisitId;
import org.consilium.domain.room.VisitRepository;

/**
 * Writes live calls' visits, each write in a transaction of its own, audited when a visit
 * starts or ends (visit-started, visit-ended with the reason). A CDI bean, not an EJB: it
 * runs on the executor's threads, and an EJB call from there would wait for every startup
 * bean (see AuditForwarding). A write that is refused throws, rolls back, and the caller
 * ({@link VisitRecord}) logs it.
 */
@ApplicationScoped
public class VisitRecorder implements VisitStore {

    private final RoomRepository rooms;
    private final VisitRepository visits;
    private final AuditTrail audit;

    @Inject
    public VisitRecorder(RoomRepository rooms, VisitRepository visits, AuditTrail audit) {
        this.rooms = rooms;
        this.visits = visits;
        this.audit = audit;
    }

    protected VisitRecorder() {
        this(null, null, null); // for the CDI proxy
    }

    /** Calls live in memory: a visit still open when its room's next one starts was cut short by a stop. */
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void endInterrupted(RoomId room) {
        visits.current(room).ifPresent(visit -> {
            visit.end(visit.lastRecordedMoment());
            record(ended(visit, VisitEnd.INTERRUPTED));
        });
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void start(VisitId id, RoomId roomId, Instant at, CallMember first) {
        Room room = rooms.find(roomId).orElseThrow(() -> new RoomRuleViolation("There is no such room."));
        Visit visit = room.startVisit(id, at);
        visits.add(visit);
        record(about(visit, AuditEvent.of(AuditAction.VISIT_STARTED, first.principal(), first.roles())
                .from(first.clientAddress())));
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void join(VisitId id, CallMember member, Instant at) {
        going(id).ifPresent(visit -> {
            var stint = visit.join(member.principal(), member.displayName(), member.role().visitRole(), at);
            member.notice().ifPresent(stint::acknowledged); // a guest's privacy notice, recorded with the visit
            member.consent().ifPresent(stint::consented); // and their consent to treat (REQUIREMENTS D5)
        });
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void leave(VisitId id, CallMember member, Instant at) {
        going(id).ifPresent(visit -> visit.leave(member.principal(), at));
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void modality(VisitId id, CallMember member, Modality modality, Instant at) {
        going(id).ifPresent(visit -> visit.modalityChanged(member.principal(), modality, at));
    }

    /** Audited as {@code identity-confirmed} by the host, target the visit, naming the guest and the method. */
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void identityConfirmed(VisitId id, CallMember host, CallMember guest, IdentityMethod method, Instant at) {
        going(id).ifPresent(visit -> {
            visit.identityConfirmed(guest.principal(), new IdentityCheck(method, host.principal(), at));
            record(about(visit, AuditEvent.of(AuditAction.IDENTITY_CONFIRMED, host.principal(), host.roles())
                    .from(host.clientAddress()))
                    .detail("guest", guest.principal())
                    .detail("method", method.code()));
        });
    }

    /** Once: a visit that has ended already (a closed room ended it and audited that) stays as it is. */
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void end(VisitId id, Instant at, VisitEnd reason) {
        going(id).ifPresent(visit -> {
            visit.end(at);
            record(ended(visit, reason));
        });
    }

    /** The visit, unless it has ended (writes after the end change nothing). */
    private Optional<Visit> going(VisitId id) {
        return visits.find(id).filter(visit -> !visit.isEnded());
    }

    /** The server ends visits by itself (timeouts, stops): the actor is the system. */
    private static AuditEvent.Builder ended(Visit visit, VisitEnd reason) {
        return about(visit, AuditEvent.of(AuditAction.VISIT_ENDED, AuditEvent.SYSTEM, List.of()))
                .detail("reason", reason.code());
    }

    private static AuditEvent.Builder about(Visit visit, AuditEvent.Builder event) {
        return event.target(visit.id().auditTarget()).detail("room", visit.roomId().auditTarget());
    }

    private void record(AuditEvent.Builder event) {
        audit.record(event.build());
    }
}
