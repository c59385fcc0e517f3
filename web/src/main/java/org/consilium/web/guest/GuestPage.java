package org.consilium.web.guest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.consilium.domain.room.GuestName;
import org.consilium.domain.room.InvitationRefusal;
import org.consilium.domain.room.PrivacyNotice;

/**
 * What the guest pages show, filled by the servlet that forwards to them. Of the room, only
 * what guests see instead of its name (its label, docs/security.md "What guests see"): this
 * bean never holds the room's name.
 */
@Named("guestPage")
@RequestScoped
public class GuestPage {

    private String token;
    private String roomLabel;
    private PrivacyNotice notice;
    private boolean noticeAcknowledged;
    private String noticeError;
    private String nameEntered = "";
    private String nameError;
    private String guestName;
    private String roomId;
    private String refusalTitle;
    private String refusalExplanation;

    void invitation(String token, String roomLabel, PrivacyNotice notice) {
        this.token = token;
        this.roomLabel = roomLabel;
        this.notice = notice;
    }

    /** The box was ticked (kept when the form comes back for another reason). */
    void noticeTicked(boolean ticked) {
        this.noticeAcknowledged = ticked;
    }

    /** The guest went on without acknowledging the notice in force: why, next to it. */
    void noticeRefused(String error) {
        this.noticeError = error;
        this.noticeAcknowledged = false;
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

    void waiting(String guestName, String roomLabel, String roomId) {
        this.guestName = guestName;
        this.roomLabel = roomLabel;
        this.roomId = roomId;
    }

    /** The room of the guest's invitation: the call client connects to its signaling. */
    public String getRoomId() {
        return roomId;
    }

    public String getToken() {
        return token;
    }

    /** What guests see of the room instead of its name. */
    public String getRoomLabel() {
        return roomLabel;
    }

    public int getNoticeVersion() {
        return notice.version();
    }

    /** The notice's paragraphs (plain text: the page escapes them). */
    public java.util.List<String> getNoticeParagraphs() {
        return notice.paragraphs();
    }

    public boolean isNoticeAcknowledged() {
        return noticeAcknowledged;
    }

    public String getNoticeError() {
        return noticeError;
    }

    public boolean isNoticeInvalid() {
        return noticeError != null;
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
