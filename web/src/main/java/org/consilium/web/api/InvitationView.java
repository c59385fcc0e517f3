package org.consilium.web.api;

import java.time.Instant;

/**
 * A new invitation: the link to send the guest (shown only this once; the server keeps
 * no copy of it) and when it stops working.
 */
public record InvitationView(String id, String roomId, String link, Instant expiresAt, boolean singleUse) {
}
