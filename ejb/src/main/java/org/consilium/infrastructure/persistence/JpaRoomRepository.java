package org.consilium.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;
import org.consilium.domain.Username;
import org.consilium.domain.room.Room;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.RoomRepository;
import org.consilium.domain.room.RoomStatus;

@ApplicationScoped
public class JpaRoomRepository implements RoomRepository {

    /** A listing stops here; nobody reads more rooms than that on one page. */
    static final int MAX_LISTED = 500;

    @PersistenceContext(unitName = "consilium")
    private EntityManager em;

    @Override
    public Optional<Room> find(RoomId id) {
        return Optional.ofNullable(em.find(Room.class, id.value()));
    }

    @Override
    public void add(Room room) {
        em.persist(room);
    }

    @Override
    public List<Room> runBy(Username who, RoomStatus status) {
        // "is null or" on a parameter is not portable (H2 wants to know its type), so the
        // status condition is added only when there is one.
        TypedQuery<Room> query = em.createQuery("select r from Room r where (r.owner = :who or :who member of r.hosts)"
                + (status == null ? "" : " and r.status = :status") + " order by r.createdAt desc, r.id", Room.class);
        return listed(query.setParameter("who", who.value()), status);
    }

    @Override
    public List<Room> listedFor(Username who, RoomStatus status) {
        TypedQuery<Room> query = em.createQuery("select r from Room r where (r.owner = :who or :who member of r.hosts"
                + " or :who member of r.colleagues)"
                + (status == null ? "" : " and r.status = :status") + " order by r.createdAt desc, r.id", Room.class);
        return listed(query.setParameter("who", who.value()), status);
    }

    @Override
    public List<Room> all(RoomStatus status) {
        TypedQuery<Room> query = em.createQuery("select r from Room r"
                + (status == null ? "" : " where r.status = :status") + " order by r.createdAt desc, r.id", Room.class);
        return listed(query, status);
    }

    private static List<Room> listed(TypedQuery<Room> query, RoomStatus status) {
        if (status != null) {
            query.setParameter("status", status);
        }
        return query.setMaxResults(MAX_LISTED).getResultList();
    }
}
