package org.consilium.web.pages;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.consilium.application.CurrentStaff;
import org.consilium.domain.StaffIdentity;
import org.consilium.domain.room.RoomId;

/**
 * {@code /call.xhtml?room=<id>}: the call client for a staff member. Only the id's shape is
 * checked here; whether they may come in, and whether they wait, the signaling decides.
 */
@Named("callPage")
@RequestScoped
public class CallPage {

    @Inject
    HttpServletRequest request;

    @Inject
    CurrentStaff currentStaff;

    public boolean isRoomValid() {
        try {
            RoomId.parse(request.getParameter("room"));
            return true;
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /** The room id in its canonical form (what the signaling URL carries). */
    public String getRoom() {
        return RoomId.parse(request.getParameter("room")).toString();
    }

    public String getDisplayName() {
        return currentStaff.get().map(StaffIdentity::displayName).orElse("");
    }
}
