package org.consilium.domain.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.consilium.domain.StaffIdentity;
import org.consilium.domain.Username;

/**
 * Leave for one guest (or, unless single-use, a few: a family on several devices) to
 * reach one room's lobby until a given time. The link that carries it is an
 * {@link InvitationToken}; this record is what the link is checked against: it can be
 * revoked, and a single-use invitation is spent when a guest gives their name. Its expiry
 * here is authoritative (the token's copy saves a database look-up for old links).
 */
@Entity
@Table(name = "invitation")
public class Invitation {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "room_id", nullable = false, updatable = false)
    private UUID roomId;

    @Column(name = "created_by", nullable = false, length = Username.MAX_LENGTH, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "single_use", nullable = false, updatable = false)
    private boolean singleUse;

    @Column(name = "use_count", nullable = false)
    private int useCount;

    @Column(name = "used_at")
    private Instant usedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoked_by", length = Username.MAX_LENGTH)
    private String revokedBy;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Invitation() {
        // for JPA
    }

    private Invitation(InvitationId id, Room room, Username createdBy, Instant expiresAt, boolean singleUse, Instant now) {
        this.id = id.value();
        this.roomId = room.id().value();
        this.createdBy = createdBy.value();
        this.createdAt = now;
        this.expiresAt = expiresAt;
        this.singleUse = singleUse;
    }

    /**
     * A new invitation to {@code room}, valid for {@code lifetime} from now (to the second).
     *
     * @throws RoomRuleViolation when the room is closed or {@code inviter} does not run it
     */
    public static Invitation issue(InvitationId id, Room room, StaffIdentity inviter, InvitationLifetime lifetime,
                                   boolean singleUse, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(now, "now");
        room.requireOpen("invite guests");
        if (!room.mayInviteGuests(inviter)) {
            throw new RoomRuleViolation("Only the owner and the hosts of a room can invite guests to it.");
        }
        Instant expiresAt = now.plus(lifetime.value()).truncatedTo(ChronoUnit.SECONDS);
        return new Invitation(id, room, inviter.username(), expiresAt, singleUse, now);
    }

    /** The token for this invitation's link. */
    public InvitationToken token() {
        return new InvitationToken(id(), roomId(), expiresAt);
    }

    /**
     * Why a guest holding this invitation may not come in now, if they may not: expired,
     * revoked, already used (single-use), or the room closed, checked in that order.
     */
    public Optional<InvitationRefusal> refusalAt(Instant now, Room room) {
        if (!now.isBefore(expiresAt)) {
            return Optional.of(InvitationRefusal.EXPIRED);
        }
        if (revokedAt != null) {
            return Optional.of(InvitationRefusal.REVOKED);
        }
        if (singleUse && useCount > 0) {
            return Optional.of(InvitationRefusal.USED);
        }
        if (room == null || !room.id().equals(roomId()) || !room.isOpen()) {
            return Optional.of(InvitationRefusal.ROOM_CLOSED);
        }
        return Optional.empty();
    }

    /**
     * A guest gave their name: the invitation is used (spent, when single-use).
     *
     * @return the guest, a room-scoped principal
     * @throws RoomRuleViolation when {@link #refusalAt} refuses it
     */
    public Guest redeem(GuestName name, Room room, Instant now) {
        Objects.requireNonNull(name, "name");
        Optional<InvitationRefusal> refusal = refusalAt(now, room);
        if (refusal.isPresent()) {
            throw new RoomRuleViolation(refusal.get().title() + ".");
        }
        useCount++;
        if (usedAt == null) {
            usedAt = now;
        }
        return new Guest(id(), roomId(), name);
    }

    /**
     * Withdraws the invitation; links already sent stop working.
     *
     * @return false when it was revoked already (nothing changed)
     */
    public boolean revoke(Username by, Instant now) {
        if (revokedAt != null) {
            return false;
        }
        revokedAt = now;
        revokedBy = by.value();
        return true;
    }

    public InvitationId id() {
        return new InvitationId(id);
    }

    public RoomId roomId() {
        return new RoomId(roomId);
    }

    public Username createdBy() {
        return new Username(createdBy);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public boolean isSingleUse() {
        return singleUse;
    }

    public int useCount() {
        return useCount;
    }

    public Optional<Instant> firstUsedAt() {
        return Optional.ofNullable(usedAt);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public Optional<Instant> revokedAt() {
        return Optional.ofNullable(revokedAt);
    }
}
