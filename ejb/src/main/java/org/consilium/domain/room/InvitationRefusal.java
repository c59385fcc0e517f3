package org.consilium.domain.room;

/**
 * Why an invitation link does not let its bearer in, in words for the person holding it
 * (a patient, not an engineer). Each has its own code for the audit trail.
 */
public enum InvitationRefusal {
    /** The link is not one this system signed: mistyped, cut short, or made up. */
    FORGED("forged", "This invitation link is not valid",
            "The link may have been copied incompletely or changed. Ask the person who invited you to send it again."),
    /** Signed here, but its time is up. */
    EXPIRED("expired", "This invitation has expired",
            "Invitation links work for a limited time only. Ask the person who invited you for a new link."),
    /** Withdrawn by the person who sent it (or another host of the room). */
    REVOKED("revoked", "This invitation has been withdrawn",
            "The person who invited you has cancelled this link. If you still need to join, ask them for a new one."),
    /** A single-use link that someone has already opened and used. */
    USED("used", "This invitation has already been used",
            "This link works only once, and it has been used. If that was not you, tell the person who invited you."),
    /** The room it leads to is closed. */
    ROOM_CLOSED("room-closed", "This room is closed",
            "The visit this invitation was for has ended and its room is closed. Ask the person who invited you if you need a new appointment."),
    /** Signed here, but the system has no record of it (for instance after a restore from an older backup). */
    UNKNOWN("unknown", "This invitation is not known here",
            "This system has no record of the invitation. Ask the person who invited you to send a new link.");

    private final String code;
    private final String title;
    private final String explanation;

    InvitationRefusal(String code, String title, String explanation) {
        this.code = code;
        this.title = title;
        this.explanation = explanation;
    }

    /** The reason as the audit trail records it. */
    public String code() {
        return code;
    }

    /** A heading for the page the guest sees. */
    public String title() {
        return title;
    }

    /** What happened and what to do, in plain words. */
    public String explanation() {
        return explanation;
    }
}
