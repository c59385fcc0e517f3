package org.consilium.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import org.consilium.domain.room.Invitation;
import org.consilium.domain.room.InvitationId;
import org.consilium.domain.room.InvitationRepository;

@ApplicationScoped
public class JpaInvitationRepository implements InvitationRepository {

    @PersistenceContext(unitName = "consilium")
    private EntityManager em;

    @Override
    public Optional<Invitation> find(InvitationId id) {
        return Optional.ofNullable(em.find(Invitation.class, id.value()));
    }

    @Override
    public Optional<Invitation> findForUpdate(InvitationId id) {
        return Optional.ofNullable(em.find(Invitation.class, id.value(), LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public void add(Invitation invitation) {
        em.persist(invitation);
    }
}
