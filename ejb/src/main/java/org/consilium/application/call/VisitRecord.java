package org.consilium.application.call;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import org.consilium.domain.room.Modality;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.VisitId;

/**
 * A live call's visit as the database keeps it (REQUIREMENTS D4): started when the first
 * person enters, a join and a leave for each stint, ended when the call is done with it.
 * Called under the call's lock; the writes run later, in order, each in a transaction of
 * its own. One that fails is logged (room and visit ids and the failure's class, never a
 * name: a guest's name or a room's may say who the patient is) and the call carries on.
 */
final class VisitRecord {

    private static final Logger LOG = Logger.getLogger(VisitRecord.class.getName());

    private final RoomId room;
    private final VisitStore store;
    private final Executor writes;
    // Changed under the call's lock; read without it by media news (modality), which only needs a recent value.
    private volatile VisitId current;
    private Instant started;

    /** @param writes runs the writes one at a time in the order given ({@link InOrder}) */
    VisitRecord(RoomId room, VisitStore store, Executor writes) {
        this.room = Objects.requireNonNull(room);
        this.store = Objects.requireNonNull(store);
        this.writes = Objects.requireNonNull(writes);
    }

    boolean isOpen() {
        return current != null;
    }

    /** A new visit, {@code first} being the one who starts it (a visit a crash left open ends first). */
    void start(CallMember first, Instant at) {
        VisitId visit = VisitId.random();
        current = visit;
        started = at;
        Instant when = stored(at);
        write("the end of an interrupted visit", null, () -> store.endInterrupted(room));
        write("a visit's start", visit, () -> store.start(visit, room, when, first));
    }

    /** The visit another node started and recorded until it died goes on here (nothing is written). */
    void resume(VisitId visit, Instant startedAt) {
        current = Objects.requireNonNull(visit);
        started = startedAt;
    }

    /** The visit going on and when it started, if one does. */
    java.util.Optional<VisitId> current() {
        return java.util.Optional.ofNullable(current);
    }

    Instant started() {
        return started;
    }

    /** When the visit going on started (the call's timer counts from it); null when none does. */
    Instant openSince() {
        return isOpen() ? started : null;
    }

    /** Nothing is recorded while no visit goes on (the call checks; this is the backstop). */
    void join(CallMember member, Instant at) {
        VisitId visit = current;
        Instant when = stored(at);
        if (visit != null) {
            write("a join", visit, () -> store.join(visit, member, when));
        }
    }

    void leave(CallMember member, Instant at) {
        VisitId visit = current;
        Instant when = stored(at);
        if (visit != null) {
            write("a leave", visit, () -> store.leave(visit, member, when));
        }
    }

    /** Any thread: the write is ordered after the joins and leaves before it. */
    void modality(CallMember member, Modality modality, Instant at) {
        VisitId visit = current;
        Instant when = stored(at);
        if (visit != null) {
            write("a change of modality", visit, () -> store.modality(visit, member, modality, when));
        }
    }

    void identityConfirmed(CallMember host, CallMember guest, org.consilium.domain.room.IdentityMethod method, Instant at) {
        VisitId visit = current;
        Instant when = stored(at);
        if (visit != null) {
            write("an identity check", visit, () -> store.identityConfirmed(visit, host, guest, method, when));
        }
    }

    void end(Instant at, VisitEnd reason) {
        VisitId visit = current;
        current = null;
        Instant when = stored(at);
        if (visit != null) {
            write("a visit's end", visit, () -> store.end(visit, when, reason));
        }
    }

    private void write(String what, VisitId visit, Runnable write) {
        writes.execute(() -> {
            try {
                write.run();
            } catch (RuntimeException failed) {
                LOG.warning(() -> "Could not record " + what + " (room " + room.value()
                        + (visit == null ? "" : ", visit " + visit.value()) + "): " + classes(failed)
                        + "; the call goes on");
            }
        });
    }

    /** The failure's class and its causes' classes: their messages may quote stored values. */
    private static String classes(Throwable failure) {
        StringJoiner chain = new StringJoiner(" <- ");
        for (Throwable cause = failure; cause != null && chain.length() < 500; cause = cause.getCause()) {
            chain.add(cause.getClass().getName());
        }
        return chain.toString();
    }

    /** The database keeps microseconds: what the call says is what a later read shows. */
    private static Instant stored(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }
}
