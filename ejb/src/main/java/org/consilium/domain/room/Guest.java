package org.consilium.domain.room;

import java.io.Serializable;
import java.util.Objects;

/**
 * Someone from outside who came in through an invitation: a room-scoped principal, never
 * a staff account. They are known by the invitation they used and the name they gave;
 * they see no directory and reach no room but this one, and only through its lobby.
 */
public record Guest(InvitationId invitation, RoomId room, GuestName name, NoticeAcknowledgement acknowledgement,
                    NoticeAcknowledgement consentToTreat) implements Serializable {

    /**
     * @param acknowledgement their acknowledgement of the privacy notice, null until they gave it
     * @param consentToTreat  their agreement to the consent to treat (REQUIREMENTS D5), null until they gave it
     */
    public Guest {
        Objects.requireNonNull(invitation, "invitation");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(name, "name");
    }

    public Guest(InvitationId invitation, RoomId room, GuestName name) {
        this(invitation, room, name, null, null);
    }

    /** The same guest, having acknowledged the privacy notice. */
    public Guest acknowledging(NoticeAcknowledgement notice) {
        return new Guest(invitation, room, name, Objects.requireNonNull(notice, "notice"), consentToTreat);
    }

    /** The same guest, having agreed to the consent to treat. */
    public Guest consenting(NoticeAcknowledgement consent) {
        return new Guest(invitation, room, name, acknowledgement, Objects.requireNonNull(consent, "consent"));
    }

    public java.util.Optional<NoticeAcknowledgement> consent() {
        return java.util.Optional.ofNullable(consentToTreat);
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
