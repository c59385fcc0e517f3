package org.consilium.application.room;

/**
 * A guest tried to go on to the lobby without ticking a notice in force on the join page
 * (the privacy notice or the consent to treat: not ticked, or a version that has been
 * replaced since the page was shown); audited as access-denied. The invitation was not used.
 */
public class NoticeNotAcknowledged extends RoomServiceException {

    private static final long serialVersionUID = 1L;

    private final JoinPageNotice notice;

    public NoticeNotAcknowledged(JoinPageNotice notice, String message) {
        super(message);
        this.notice = notice;
    }

    /** Which box the page should point to. */
    public JoinPageNotice notice() {
        return notice;
    }
}
