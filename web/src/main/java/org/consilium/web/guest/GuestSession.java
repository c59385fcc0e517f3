package org.consilium.web.guest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.Optional;
import org.consilium.domain.room.Guest;

/**
 * A guest's identity, kept in their HTTP session (serializable: sessions may be
 * replicated): the invitation they came by, the room, the name they gave, the privacy
 * notice they acknowledged, and what they see of the room (its label, never its name). The
 * signaling reads it from here to put them in the room's lobby.
 */
public record GuestSession(Guest guest, String roomLabel) implements Serializable {

    /** Session attribute holding the {@link GuestSession}. */
    public static final String ATTRIBUTE = "consilium.guest";

    public static Optional<GuestSession> of(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(ATTRIBUTE) instanceof GuestSession guest
                ? Optional.of(guest) : Optional.empty();
    }

    /** Starts the guest's session; a session id the browser had before must not survive it. */
    void store(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            session = request.getSession(true);
        } else {
            request.changeSessionId();
        }
        session.setAttribute(ATTRIBUTE, this);
    }
}
