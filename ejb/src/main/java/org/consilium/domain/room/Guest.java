package org.consilium.domain.room;

import java.io.Serializable;
import java.util.Objects;

/**
 * Someone from outside who came in through an invitation: a room-scoped principal, never
 * a staff account. They are known by the invitation they used and the name they gave;
 * they see no directory and reach no room but this one, and only through its lobby.
 */
public record Guest(InvitationId invitation, RoomId room, GuestName name, NoticeAcknowledgement acknowledgement)
        implements Serializable {

    /** @param acknowledgement their acknowledgement of the privacy notice, null until they gave it */
    public Guest {
        Objects.requireNonNull(invitation, "invitation");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(name, "name");
    }

    public Guest(InvitationId invitation, RoomId room, GuestName name) {
        this(invitation, room, name, null);
    }

    /** The same guest, having acknowledged the privacy notice. */
    public Guest acknowledging(NoticeAcknowledgement notice) {
        return new Guest(invitation, room, name, Objects.requireNonNull(notice, "notice"));
    }

    public java.util.Optional<NoticeAcknowledgement> notice() {
        return java.util.Optional.ofNullable(acknowledgement);
    }

    /** The guest's principal in visits and the audit trail: {@code guest:<invitation id>}. */
    public String principalName() {
        return principalName(invitation);
    }

    public static String principalName(InvitationId invitation) {
        return "guest:" + invitation.value();
    }
}
