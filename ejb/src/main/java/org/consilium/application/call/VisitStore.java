package org.consilium.application.call;

import java.time.Instant;
import org.consilium.domain.room.IdentityMethod;
import org.consilium.domain.room.Modality;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.VisitId;

/**
 * Where a live call's visit is written, each write in a transaction of its own
 * ({@link VisitRecorder}). Writes about a visit that has ended already (a closed room
 * ended it) change nothing.
 */
public interface VisitStore {

    /** Ends the room's visit that is still open though no call has it (the server stopped mid-visit). */
    void endInterrupted(RoomId room);

    /** A new visit of {@code room}, started by {@code first} entering. */
    void start(VisitId visit, RoomId room, Instant at, CallMember first);

    void join(VisitId visit, CallMember member, Instant at);

    void leave(VisitId visit, CallMember member, Instant at);

    void end(VisitId visit, Instant at, VisitEnd reason);

    /** {@code member}'s stint goes on in {@code modality} from {@code at} (REQUIREMENTS D4). */
    void modality(VisitId visit, CallMember member, Modality modality, Instant at);

    /** {@code host} confirmed the identity of {@code guest}, who is in the visit, by {@code method} (REQUIREMENTS D5). */
    void identityConfirmed(VisitId visit, CallMember host, CallMember guest, IdentityMethod method, Instant at);
}
