package org.consilium.domain.room;

import jakarta.ejb.ApplicationException;

/**
 * A room, visit or invitation was asked to do what its rules forbid in its present state
 * (join a visit that ended, add a host to a closed room, a sixth person in a visit of
 * four). The message is a sentence for the person who asked. An application exception, so
 * the service that let it through rolls back and the caller sees it as it is.
 */
@ApplicationException(rollback = true)
public class RoomRuleViolation extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RoomRuleViolation(String message) {
        super(message);
    }
}
