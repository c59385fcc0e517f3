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
import org.consilium.domain.room.ConsentToTreat;
import org.consilium.domain.room.ConsentToTreatRepository;
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
import org.consilium.domain.room.VersionedNotice;

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
    private final ConsentToTreatRepository consents;

    @Inject
    public InvitationService(InvitationRepository invitations, RoomRepository rooms, InvitationSigner signer,
                             RoomAudit audit, Clock clock, RoomPolicies policies, PrivacyNoticeRepository notices,
                             ConsentToTreatRepository consents) {
        this.invitations = invitations;
        this.rooms = rooms;
        this.signer = signer;
        this.audit = audit;
        this.clock = clock;
        this.policies = policies;
        this.notices = notices;
        this.consents = consents;
    }

    protected InvitationService() {
        this(null, null, null, null, null, null, null, null); // for the EJB container's proxy
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
                checked.invitation.expiresAt(), notices.current(), consents.current());
    }

    /**
     * A guest gave their name, acknowledged the privacy notice and agreed to the consent to
     * treat (REQUIREMENTS D5): the link is used (spent, when single-use) and the guest, a
     * room-scoped principal, goes on to the room's lobby. Two guests racing for one
     * single-use link: the second is refused. The acknowledgement and the agreement are
     * audited ({@code privacy-notice-acknowledged}, {@code consent-to-treat-accepted}) and go
     * with the guest to their stint of the visit.
     *
     * @param acknowledgedVersion the version of the privacy notice the guest ticked that they read
     *                            (null: they did not tick it)
     * @param consentVersion      the version of the consent to treat the guest ticked that they
     *                            agree to (null: they did not tick it)
     * @throws InvitationRefused (audited) when the link does not let its bearer in
     * @throws NoticeNotAcknowledged (audited as access-denied; the link is not used) when
     *                               a notice in force was not ticked
     */
    public AdmittedGuest redeem(String token, GuestName name, Integer acknowledgedVersion, Integer consentVersion,
                                String clientAddress) {
        Checked checked = check(token, clientAddress, true);
        PrivacyNotice notice = notices.current();
        ConsentToTreat consent = consents.current();
        requireTicked(JoinPageNotice.PRIVACY, notice, acknowledgedVersion, checked, clientAddress);
        requireTicked(JoinPageNotice.CONSENT_TO_TREAT, consent, consentVersion, checked, clientAddress);
        Instant now = now();
        Guest guest = checked.invitation.redeem(name, checked.room, now).acknowledging(NoticeAcknowledgement.of(notice, now))
                .consenting(NoticeAcknowledgement.of(consent, now));
        ticked(AuditAction.PRIVACY_NOTICE_ACKNOWLEDGED, notice, guest, checked, clientAddress);
        ticked(AuditAction.CONSENT_TO_TREAT_ACCEPTED, consent, guest, checked, clientAddress);
        audit.record(audit.byBearer(guest.principalName(), clientAddress, AuditAction.INVITATION_REDEEMED,
                        checked.invitation.id().auditTarget())
                .detail("room", checked.room.id().auditTarget())
                .detail("uses", Integer.toString(checked.invitation.useCount())));
        return new AdmittedGuest(guest, checked.room.shownToGuests());
    }

    /** The box of {@code which} was ticked for the version in force, or a refusal (audited). */
    private void requireTicked(JoinPageNotice which, VersionedNotice inForce, Integer version, Checked checked,
                               String clientAddress) {
        if (version != null && version == inForce.version()) {
            return;
        }
        audit.record(audit.byBearer(Guest.principalName(checked.invitation.id()), clientAddress,
                        AuditAction.ACCESS_DENIED, checked.invitation.id().auditTarget())
                .outcome(AuditOutcome.DENIED)
                .detail("attempted", "join-lobby")
                .detail("reason", which.reason(version != null))
                .detail("room", checked.room.id().auditTarget()));
        throw new NoticeNotAcknowledged(which, which.sentence(version != null));
    }

    private void ticked(AuditAction action, VersionedNotice notice, Guest guest, Checked checked, String clientAddress) {
        audit.record(audit.byBearer(guest.principalName(), clientAddress, action, checked.invitation.id().auditTarget())
                .detail("room", checked.room.id().auditTarget())
                .detail("version", Integer.toString(notice.version()))
                .detail("sha256", notice.sha256()));
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
