package org.consilium.application.room;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.consilium.application.Caller;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditOutcome;
import org.consilium.domain.room.Guest;
import org.consilium.domain.room.GuestName;
import org.consilium.domain.room.Invitation;
import org.consilium.domain.room.InvitationId;
import org.consilium.domain.room.InvitationLifetime;
import org.consilium.domain.room.InvitationRefusal;
import org.consilium.domain.room.InvitationRepository;
import org.consilium.domain.room.InvitationSigner;
import org.consilium.domain.room.InvitationToken;
import org.consilium.domain.room.NoticeAcknowledgement;
import org.consilium.domain.room.PrivacyNotice;
import org.consilium.domain.room.PrivacyNoticeRepository;
import org.consilium.domain.room.Room;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.RoomRepository;

/**
 * Use cases of guest invitations: a room's owner or host invites a guest (a signed,
 * expiring link) or withdraws an invitation; a guest opens the link, gives their name, and
 * goes on to the lobby. A link is checked in this order: the signature (in the HSM, in
 * constant time), the token's expiry, then the database's record: it exists, has not
 * expired, was not revoked, is not a spent single-use link, and its room is open. Each
 * refusal is audited with its reason; the token itself never is.
 */
@Stateless
public class InvitationService {

    private final InvitationRepository invitations;
    private final RoomRepository rooms;
    private final InvitationSigner signer;
    private final RoomAudit audit;
    private final Clock clock;
    private final RoomPolicies policies;
    private final PrivacyNoticeRepository notices;

    @Inject
    public InvitationService(InvitationRepository invitations, RoomRepository rooms, InvitationSigner signer,
                             RoomAudit audit, Clock clock, RoomPolicies policies, PrivacyNoticeRepository notices) {
        this.invitations = invitations;
        this.rooms = rooms;
        this.signer = signer;
        this.audit = audit;
        this.clock = clock;
        this.policies = policies;
        this.notices = notices;
    }

    protected InvitationService() {
        this(null, null, null, null, null, null, null); // for the EJB container's proxy
    }

    /**
     * Invites a guest to a room the caller owns or hosts.
     *
     * @param requestedLifetime how long the link lasts; null: the room policy's default lifetime
     * @param requestedSingleUse whether the link is spent by the first guest who gives their
     *                           name; null: the room policy's default
     * @throws org.consilium.domain.room.RoomRuleViolation when the room is closed
     */
    public IssuedInvitation create(Caller caller, RoomId roomId, InvitationLifetime requestedLifetime,
                                   Boolean requestedSingleUse) {
        var policy = policies.current();
        InvitationLifetime lifetime = requestedLifetime == null ? policy.defaultLifetime() : requestedLifetime;
        boolean singleUse = requestedSingleUse == null ? policy.singleUseByDefault() : requestedSingleUse;
        Room room = rooms.find(roomId).orElseThrow(() -> new RoomNotFound(roomId));
        if (!room.mayInviteGuests(caller.identity())) {
            throw audit.denied(caller, "invite-guest", roomId.auditTarget(),
                    "Only the owner and the hosts of this room can invite guests to it.");
        }
        Invitation invitation = Invitation.issue(InvitationId.random(), room, caller.identity(), lifetime, singleUse,
                now());
        invitations.add(invitation);
        String token = invitation.token().sign(signer);
        audit.record(audit.by(caller, AuditAction.INVITATION_CREATED, invitation.id().auditTarget())
                .detail("room", roomId.auditTarget())
                .detail("expiresAt", invitation.expiresAt().toString())
                .detail("singleUse", Boolean.toString(singleUse)));
        return new IssuedInvitation(invitation, token);
    }

    /** Withdraws an invitation; its link stops working at once. Revoking twice changes nothing. */
    public Invitation revoke(Caller caller, InvitationId id) {
        Invitation invitation = invitations.findForUpdate(id).orElseThrow(() -> new InvitationNotFound(id));
        Optional<Room> room = rooms.find(invitation.roomId());
        if (room.isEmpty() || !room.get().mayRevokeInvitationsBy(caller.identity())) {
            throw audit.denied(caller, "revoke-invitation", id.auditTarget(),
                    "Only the owner and the hosts of the room can withdraw its invitations.");
        }
        if (invitation.revoke(caller.identity().username(), now())) {
            audit.record(audit.by(caller, AuditAction.INVITATION_REVOKED, id.auditTarget())
                    .detail("room", invitation.roomId().auditTarget()));
        }
        return invitation;
    }

    /**
     * Checks a link without using it, for the page that asks the guest's name: what guests
     * see of the room (its label, never its name) and the privacy notice to acknowledge.
     *
     * @throws InvitationRefused (audited) when it does not let its bearer in
     */
    public OpenInvitation open(String token, String clientAddress) {
        Checked checked = check(token, clientAddress, false);
        return new OpenInvitation(checked.invitation.id(), checked.room.id(), checked.room.shownToGuests(),
                checked.invitation.expiresAt(), notices.current());
    }

    /**
     * A guest gave their name and acknowledged the privacy notice: the link is used (spent,
     * when single-use) and the guest, a room-scoped principal, goes on to the room's lobby.
     * Two guests racing for one single-use link: the second is refused. The acknowledgement
     * is audited ({@code privacy-notice-acknowledged}) and goes with the guest to their stint
     * of the visit.
     *
     * @param acknowledgedVersion the version of the notice the guest ticked that they read
     *                            (null: they did not tick it)
     * @throws InvitationRefused (audited) when the link does not let its bearer in
     * @throws NoticeNotAcknowledged (audited as access-denied; the link is not used) when
     *                               the notice in force was not acknowledged
     */
    public AdmittedGuest redeem(String token, GuestName name, Integer acknowledgedVersion, String clientAddress) {
        Checked checked = check(token, clientAddress, true);
        PrivacyNotice notice = notices.current();
        String principal = Guest.principalName(checked.invitation.id());
        if (acknowledgedVersion == null || acknowledgedVersion != notice.version()) {
            String reason = acknowledgedVersion == null ? "privacy-notice-not-acknowledged" : "privacy-notice-changed";
            audit.record(audit.byBearer(principal, clientAddress, AuditAction.ACCESS_DENIED,
                            checked.invitation.id().auditTarget())
                    .outcome(AuditOutcome.DENIED)
                    .detail("attempted", "join-lobby")
                    .detail("reason", reason)
                    .detail("room", checked.room.id().auditTarget()));
            throw new NoticeNotAcknowledged(acknowledgedVersion == null
                    ? "Please read the privacy notice and tick the box to confirm before you continue."
                    : "The privacy notice has changed since this page was opened. Please read it again and tick the box.",
                    notice);
        }
        Instant now = now();
        Guest guest = checked.invitation.redeem(name, checked.room, now).acknowledging(NoticeAcknowledgement.of(notice, now));
        audit.record(audit.byBearer(guest.principalName(), clientAddress, AuditAction.PRIVACY_NOTICE_ACKNOWLEDGED,
                        checked.invitation.id().auditTarget())
                .detail("room", checked.room.id().auditTarget())
                .detail("version", Integer.toString(notice.version()))
                .detail("sha256", notice.sha256()));
        audit.record(audit.byBearer(guest.principalName(), clientAddress, AuditAction.INVITATION_REDEEMED,
                        checked.invitation.id().auditTarget())
                .detail("room", checked.room.id().auditTarget())
                .detail("uses", Integer.toString(checked.invitation.useCount())));
        return new AdmittedGuest(guest, checked.room.shownToGuests());
    }

    private Checked check(String text, String clientAddress, boolean forUpdate) {
        Optional<InvitationToken> verified = InvitationToken.verify(text, signer);
        if (verified.isEmpty()) {
            throw refused(InvitationRefusal.FORGED, null, null, clientAddress);
        }
        InvitationToken token = verified.get();
        Instant now = now();
        if (token.isExpiredAt(now)) {
            throw refused(InvitationRefusal.EXPIRED, token.invitation(), token.room(), clientAddress);
        }
        Optional<Invitation> stored = forUpdate ? invitations.findForUpdate(token.invitation())
                : invitations.find(token.invitation());
        if (stored.isEmpty()) {
            throw refused(InvitationRefusal.UNKNOWN, token.invitation(), token.room(), clientAddress);
        }
        Invitation invitation = stored.get();
        if (!invitation.roomId().equals(token.room())) {
            // Signed by us, yet naming another room than the record: trust neither.
            throw refused(InvitationRefusal.FORGED, token.invitation(), token.room(), clientAddress);
        }
        Room room = rooms.find(token.room()).orElse(null);
        Optional<InvitationRefusal> refusal = invitation.refusalAt(now, room);
        if (refusal.isPresent()) {
            throw refused(refusal.get(), token.invitation(), token.room(), clientAddress);
        }
        return new Checked(invitation, room);
    }

    private InvitationRefused refused(InvitationRefusal reason, InvitationId invitation, RoomId room,
                                      String clientAddress) {
        var event = audit.byBearer(invitation == null ? null : Guest.principalName(invitation), clientAddress,
                        AuditAction.INVITATION_REFUSED, invitation == null ? null : invitation.auditTarget())
                .outcome(AuditOutcome.DENIED)
                .detail("reason", reason.code());
        if (room != null) {
            event.detail("room", room.auditTarget());
        }
        audit.record(event);
        return new InvitationRefused(reason);
    }

    /** Now, to the microsecond the database keeps, so what a call returns is what a later read shows. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private record Checked(Invitation invitation, Room room) {
    }
}
