package org.consilium.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.Visit;
import org.consilium.domain.room.VisitId;
import org.consilium.domain.room.VisitRepository;

@ApplicationScoped
public class JpaVisitRepository implements VisitRepository {

    /** The visit history of one room is read a page at a time. */
    static final int MAX_LISTED = 200;

    @PersistenceContext(unitName = "consilium")
    private EntityManager em;

    @Override
    public Optional<Visit> find(VisitId id) {
        return Optional.ofNullable(em.find(Visit.class, id.value()));
    }

    @Override
    public Optional<Visit> current(RoomId room) {
        return em.createQuery("select v from Visit v where v.roomId = :room and v.endedAt is null", Visit.class)
                .setParameter("room", room.value())
                .getResultStream()
                .findFirst();
    }

    @Override
    public java.util.Map<RoomId, Integer> presentIn(java.util.Collection<RoomId> rooms) {
        java.util.Map<RoomId, Integer> present = new java.util.HashMap<>();
        if (rooms.isEmpty()) {
            return present;
        }
        em.createQuery("select v.roomId, count(p) from Visit v join v.participants p"
                        + " where v.endedAt is null and p.leftAt is null and v.roomId in :rooms group by v.roomId",
                        Object[].class)
                .setParameter("rooms", rooms.stream().map(RoomId::value).toList())
                .getResultList()
                .forEach(row -> present.put(new RoomId((java.util.UUID) row[0]), ((Number) row[1]).intValue()));
        return present;
    }

    @Override
    public List<Visit> of(RoomId room) {
        List<Visit> visits = em.createQuery("select v from Visit v where v.roomId = :room order by v.startedAt desc, v.id", Visit.class)
                .setParameter("room", room.value())
                .setMaxResults(MAX_LISTED)
                .getResultList();
        if (!visits.isEmpty()) {
            // The stints' modality changes, in one more query rather than one per stint (a second list
            // cannot be fetched with the stints); the stints in this persistence context take them up.
            em.createQuery("select distinct p from Participant p left join fetch p.modalityChanges where p.visit in :visits",
                    org.consilium.domain.room.Participant.class)
                    .setParameter("visits", visits)
                    .getResultList();
            // Their identity checks (REQUIREMENTS D5) likewise: one more query, a bag per fetch.
            em.createQuery("select distinct p from Participant p left join fetch p.identityChecks where p.visit in :visits",
                    org.consilium.domain.room.Participant.class)
                    .setParameter("visits", visits)
                    .getResultList();
        }
        return visits;
    }

    @Override
    public void add(Visit visit) {
        em.persist(visit);
    }
}
