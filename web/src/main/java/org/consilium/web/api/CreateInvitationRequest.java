package org.consilium.web.api;

/**
 * Body of {@code POST /api/rooms/{id}/invitations}; both members may be left out.
 *
 * @param expiresInMinutes how long the link works: 1 to the room policy's maximum (at most 10080, 7 days), default: the policy's default lifetime (1440, 24 hours, unless an administrator changed it)
 * @param singleUse        whether the first guest who gives their name spends it (default: the room policy, no unless an administrator changed it)
 */
public record CreateInvitationRequest(Integer expiresInMinutes, Boolean singleUse) {
}
