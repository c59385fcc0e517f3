package org.consilium.application.room;

import org.consilium.domain.room.Invitation;

/** A new invitation and its token, the part of the link after {@code /join/}; the token is shown once and stored nowhere. */
public record IssuedInvitation(Invitation invitation, String token) {
}
