/**
 * Rooms, visits and guest invitations. A {@link org.consilium.domain.room.Room} belongs to
 * the clinician who made it (its owner), who may name hosts; a
 * {@link org.consilium.domain.room.Visit} is one session of a room, with who took part, in
 * which role, and when; an {@link org.consilium.domain.room.Invitation} lets one guest
 * (patient, family, outside consultant) reach a room's lobby through a signed, expiring
 * link ({@link org.consilium.domain.room.InvitationToken}). Who may do what to a room is
 * decided here, by the room.
 */
package org.consilium.domain.room;
