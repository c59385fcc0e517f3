package org.consilium.application.room;

import org.consilium.domain.room.InvitationRefusal;

/** An invitation link that does not let its bearer in; already audited as invitation-refused. */
public class InvitationRefused extends RoomServiceException {

    private static final long serialVersionUID = 1L;

    private final InvitationRefusal reason;

    public InvitationRefused(InvitationRefusal reason) {
        super(reason.title() + ".");
        this.reason = reason;
    }

    public InvitationRefusal reason() {
        return reason;
    }
}
