package org.consilium.web.api;

/**
 * Body of {@code PUT /api/rooms/{id}/guest-label}.
 *
 * @param guestLabel what guests see of the room instead of its name: 1 to 80 characters, no
 *                   control characters, not the room's name
 */
public record GuestLabelRequest(String guestLabel) {
}
