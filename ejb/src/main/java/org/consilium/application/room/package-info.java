/**
 * Use cases of rooms and guest invitations: create, list, read and close rooms, name
 * hosts, invite guests and let them in. Every change and every refusal is audited
 * (target {@code room:<id>} or {@code invitation:<id>}, never a token). Who may do what
 * is the room's rule ({@link org.consilium.domain.room.Room}); a refusal is audited as
 * {@code access-denied} and reported as {@link org.consilium.application.room.RoomAccessDenied}.
 */
package org.consilium.application.room;
