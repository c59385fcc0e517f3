package org.consilium.web.guest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.consilium.domain.room.GuestName;
import org.consilium.domain.room.InvitationRefusal;

/** What the guest pages show, filled by the servlet that forwards to them. */
@Named("guestPage")
@RequestScoped
public class GuestPage {

    private String token;
    private String roomName;
    private String nameEntered = "";
    private String nameError;
    private String guestName;
    private String roomId;
    private String refusalTitle;
    private String refusalExplanation;

    void invitation(String token, String roomName) {
        this.token = token;
        this.roomName = roomName;
    }

    /** The form again with what the guest typed (control characters shown as U+FFFD) and why it was refused. */
    void nameRefused(String entered, String error) {
        StringBuilder shown = new StringBuilder();
        (entered == null ? "" : entered).codePoints().limit(4 * GuestName.MAX_LENGTH)
                .forEach(c -> shown.appendCodePoint(Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE ? 0xFFFD : c));
        this.nameEntered = shown.toString();
        this.nameError = error;
    }

    void refused(InvitationRefusal reason) {
        refused(reason.title(), reason.explanation());
    }

    void refused(String title, String explanation) {
        this.refusalTitle = title;
        this.refusalExplanation = explanation;
    }

    void waiting(String guestName, String roomName, String roomId) {
        this.guestName = guestName;
        this.roomName = roomName;
        this.roomId = roomId;
    }

    /** The room of the guest's invitation: the call client connects to its signaling. */
    public String getRoomId() {
        return roomId;
    }

    public String getToken() {
        return token;
    }

    public String getRoomName() {
        return roomName;
    }

    public String getNameEntered() {
        return nameEntered;
    }

    public String getNameError() {
        return nameError;
    }

    public boolean isNameInvalid() {
        return nameError != null;
    }

    public int getNameMaxLength() {
        return GuestName.MAX_LENGTH;
    }

    public String getGuestName() {
        return guestName;
    }

    public String getRefusalTitle() {
        return refusalTitle;
    }

    public String getRefusalExplanation() {
        return refusalExplanation;
    }
}
