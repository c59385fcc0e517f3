package org.consilium.web.guest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.consilium.domain.room.ConsentToTreat;
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
    private ConsentToTreat consent;
    private boolean consentAccepted;
    private String consentError;
    private String nameEntered = "";
    private String nameError;
    private String guestName;
    private String roomId;
    private String refusalTitle;
    private String refusalExplanation;

    void invitation(String token, String roomLabel, PrivacyNotice notice, ConsentToTreat consent) {
        this.token = token;
        this.roomLabel = roomLabel;
        this.notice = notice;
        this.consent = consent;
    }

    /** The boxes ticked (kept when the form comes back for another reason). */
    void ticked(boolean notice, boolean consent) {
        this.noticeAcknowledged = notice;
        this.consentAccepted = consent;
    }

    /** The guest went on without agreeing to the consent to treat in force: why, next to it. */
    void consentRefused(String error) {
        this.consentError = error;
        this.consentAccepted = false;
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

    public int getConsentVersion() {
        return consent.version();
    }

    /** The consent to treat's paragraphs (plain text: the page escapes them). */
    public java.util.List<String> getConsentParagraphs() {
        return consent.paragraphs();
    }

    public boolean isConsentAccepted() {
        return consentAccepted;
    }

    public String getConsentError() {
        return consentError;
    }

    public boolean isConsentInvalid() {
        return consentError != null;
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
