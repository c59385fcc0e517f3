package org.consilium.application.room;

import org.consilium.domain.room.PrivacyNotice;

/**
 * A guest tried to go on to the lobby without acknowledging the privacy notice in force
 * (not ticked, or a version that has been replaced since the page was shown); audited as
 * access-denied. The invitation was not used.
 */
public class NoticeNotAcknowledged extends RoomServiceException {

    private static final long serialVersionUID = 1L;

    private final transient PrivacyNotice current;

    public NoticeNotAcknowledged(String message, PrivacyNotice current) {
        super(message);
        this.current = current;
    }

    /** The notice in force, to show again. */
    public PrivacyNotice current() {
        return current;
    }
}
