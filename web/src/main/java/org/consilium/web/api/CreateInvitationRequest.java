package org.consilium.web.api;

/**
 * Body of {@code POST /api/rooms/{id}/invitations}; both members may be left out.
 *
 * @param expiresInMinutes how long the link works: 1 to 10080 (7 days), default 1440 (24 hours)
 * @param singleUse        whether the first guest who gives their name spends it (default false)
 */
public record CreateInvitationRequest(Integer expiresInMinutes, Boolean singleUse) {
}
