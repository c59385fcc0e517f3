package org.consilium.domain.room;

import java.util.Optional;

public interface InvitationRepository {

    Optional<Invitation> find(InvitationId id);

    /** Finds and locks the invitation until the transaction ends, so two guests cannot both spend a single-use one. */
    Optional<Invitation> findForUpdate(InvitationId id);

    void add(Invitation invitation);
}
