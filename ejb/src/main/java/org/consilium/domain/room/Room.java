package org.consilium.domain.room;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.consilium.domain.Role;
import org.consilium.domain.StaffIdentity;
import org.consilium.domain.Username;

/**
 * A place to meet: made by a clinician (or an administrator), who owns it and may name
 * hosts to run it with them. Its kind bounds how many people may be in a visit at once.
 * The lobby is on unless the owner turns it off (REQUIREMENTS C6); guests wait there
 * whatever the setting. A closed room takes no new visits or invitations and stays for
 * the record.
 *
 * <p>Who may do what, decided here:
 * <ul>
 * <li>create a room: clinicians and administrators (not auditors);</li>
 * <li>see it, its visits, close it: its owner, its hosts, administrators;</li>
 * <li>add or remove hosts: its owner, administrators;</li>
 * <li>invite guests: its owner and its hosts (administrators run the system, they do not
 * bring people into someone's visit);</li>
 * <li>revoke an invitation: its owner, its hosts, administrators;</li>
 * <li>invite a colleague by name (the room then shows on their home page) or take the
 * invitation back: its owner and its hosts.</li>
 * </ul>
 */
@Entity
@Table(name = "room")
public class Room {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "display_name", nullable = false, length = RoomName.MAX_LENGTH)
    private String displayName;

    /** What guests see instead of the name ({@link GuestLabel}); null: {@link GuestLabel#DEFAULT}. */
    @Column(name = "guest_label", length = GuestLabel.MAX_LENGTH)
    private String guestLabel;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 16, updatable = false)
    private RoomKind kind;

    @Column(name = "owner_username", nullable = false, length = Username.MAX_LENGTH, updatable = false)
    private String owner;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "room_host", joinColumns = @JoinColumn(name = "room_id"))
    @Column(name = "username", nullable = false, length = Username.MAX_LENGTH)
    private Set<String> hosts = new TreeSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "room_colleague", joinColumns = @JoinColumn(name = "room_id"))
    @Column(name = "username", nullable = false, length = Username.MAX_LENGTH)
    private Set<String> colleagues = new TreeSet<>();

    @Column(name = "lobby_enabled", nullable = false)
    private boolean lobbyEnabled;

    @Column(name = "locked", nullable = false)
    private boolean locked;

    @Column(name = "max_participants", nullable = false, updatable = false)
    private int maxParticipants;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private RoomStatus status;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Room() {
        // for JPA
    }

    private Room(RoomId id, RoomName name, RoomKind kind, Username owner, boolean lobbyEnabled, Instant now) {
        this.id = id.value();
        this.displayName = name.value();
        this.kind = kind;
        this.owner = owner.value();
        this.lobbyEnabled = lobbyEnabled;
        this.maxParticipants = kind.maxParticipants();
        this.status = RoomStatus.OPEN;
        this.createdAt = now;
    }

    /** Whether {@code who} may create rooms at all: clinicians and administrators. */
    public static boolean mayBeCreatedBy(StaffIdentity who) {
        return who.has(Role.CLINICIAN) || who.has(Role.ADMIN);
    }

    /**
     * A new, open room owned by {@code creator}.
     *
     * @throws RoomRuleViolation when the creator may not create rooms
     */
    public static Room create(RoomId id, RoomName name, RoomKind kind, StaffIdentity creator, boolean lobbyEnabled,
                              Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(now, "now");
        if (!mayBeCreatedBy(creator)) {
            throw new RoomRuleViolation("Only clinicians and administrators can create rooms.");
        }
        return new Room(id, name, kind, creator.username(), lobbyEnabled, now);
    }

    // --- who may do what -------------------------------------------------------------

    public boolean isOwner(Username who) {
        return owner.equals(who.value());
    }

    public boolean isHost(Username who) {
        return hosts.contains(who.value());
    }

    /** Owner or host: the people who run the room. */
    public boolean isRunBy(Username who) {
        return isOwner(who) || isHost(who);
    }

    /** The role {@code who} has in this room's visits by right, if any. */
    /** Enough for a tumor board's whole panel, few enough to keep a room's record small. */
    public static final int MAX_COLLEAGUES = 60;

    public Optional<VisitRole> roleOf(Username who) {
        if (isOwner(who)) {
            return Optional.of(VisitRole.OWNER);
        }
        return isHost(who) ? Optional.of(VisitRole.HOST) : Optional.empty();
    }

    /** Whether {@code who} was invited by name: the room is on their list, its details are not theirs. */
    public boolean isInvited(Username who) {
        return colleagues.contains(who.value());
    }

    /** Whether the room is on {@code who}'s list of rooms: theirs to run, or one they were invited to. */
    public boolean isListedFor(StaffIdentity who) {
        return isVisibleTo(who) || isInvited(who.username());
    }

    public boolean isVisibleTo(StaffIdentity who) {
        return who.has(Role.ADMIN) || isRunBy(who.username());
    }

    public boolean mayBeClosedBy(StaffIdentity who) {
        return who.has(Role.ADMIN) || isRunBy(who.username());
    }

    public boolean mayHaveHostsChangedBy(StaffIdentity who) {
        return who.has(Role.ADMIN) || isOwner(who.username());
    }

    public boolean mayInviteGuests(StaffIdentity who) {
        return isRunBy(who.username());
    }

    /** Withdrawing an invitation only takes access away, so administrators may too. */
    public boolean mayRevokeInvitationsBy(StaffIdentity who) {
        return who.has(Role.ADMIN) || isRunBy(who.username());
    }

    // --- changes ---------------------------------------------------------------------

    /**
     * Names another staff member as host.
     *
     * @return false when they were a host already (nothing changed)
     * @throws RoomRuleViolation when the room is closed, {@code host} is the owner, or the room
     *                           has as many hosts as a visit has places
     */
    public boolean addHost(Username host) {
        requireOpen("add a host");
        if (isOwner(host)) {
            throw new RoomRuleViolation("The owner of a room is not also one of its hosts.");
        }
        if (isHost(host)) {
            return false;
        }
        if (hosts.size() >= maxParticipants - 1) {
            throw new RoomRuleViolation("A " + kind.code() + " room has room for " + maxParticipants
                    + " people, so at most " + (maxParticipants - 1) + " hosts besides its owner.");
        }
        hosts.add(host.value());
        colleagues.remove(host.value()); // a host runs the room: no longer only invited to it
        return true;
    }

    /** @return false when {@code host} was not a host (nothing changed) */
    public boolean removeHost(Username host) {
        requireOpen("remove a host");
        return hosts.remove(host.value());
    }

    /**
     * Invites a colleague by name: the room shows on their home page and they may join its
     * calls (as staff who do not run it: through the lobby when it is on).
     *
     * @return false when they run the room or were invited already (nothing changed)
     * @throws RoomRuleViolation when the room is closed or has {@value #MAX_COLLEAGUES} colleagues
     */
    public boolean inviteColleague(Username colleague) {
        requireOpen("invite a colleague");
        if (isRunBy(colleague) || isInvited(colleague)) {
            return false;
        }
        if (colleagues.size() >= MAX_COLLEAGUES) {
            throw new RoomRuleViolation("A room can have at most " + MAX_COLLEAGUES
                    + " invited colleagues; take back an invitation first.");
        }
        colleagues.add(colleague.value());
        return true;
    }

    /** @return false when {@code colleague} was not invited (nothing changed) */
    public boolean withdrawColleague(Username colleague) {
        requireOpen("take back an invitation");
        return colleagues.remove(colleague.value());
    }

    /**
     * Closes the room for good (its open visit, if any, is ended by whoever closes it).
     *
     * @throws RoomRuleViolation when it is closed already
     */
    public void close(Instant now) {
        requireOpen("close it");
        status = RoomStatus.CLOSED;
        closedAt = now.isBefore(createdAt) ? createdAt : now;
    }

    /** No one else may come in while locked (the hosts' choice during a visit). */
    public void lock() {
        requireOpen("lock it");
        locked = true;
    }

    public void unlock() {
        requireOpen("unlock it");
        locked = false;
    }

    /** Whether {@code who} may change what guests see of the room: those who run it. */
    public boolean mayHaveGuestLabelChangedBy(StaffIdentity who) {
        return isRunBy(who.username());
    }

    /**
     * From now on guests see {@code label} instead of the room's name ({@code null}: the
     * default, {@link GuestLabel#DEFAULT}). A call going on keeps what it showed.
     *
     * @return false when it was that already (nothing changed)
     * @throws RoomRuleViolation when the room is closed
     * @throws IllegalArgumentException when {@code label} is the room's name
     */
    public boolean labelForGuests(GuestLabel label) {
        requireOpen("change what guests see");
        String value = label == null ? null : GuestLabel.forRoom(label.value(), displayName).value();
        if (Objects.equals(value, guestLabel)) {
            return false;
        }
        guestLabel = value;
        return true;
    }

    /** Turns the lobby on or off for staff who do not run the room; guests always wait in it. */
    public void requireLobby(boolean enabled) {
        requireOpen("change its lobby");
        lobbyEnabled = enabled;
    }

    /**
     * A new visit of this room, starting now.
     *
     * @throws RoomRuleViolation when the room is closed
     */
    public Visit startVisit(VisitId visitId, Instant now) {
        requireOpen("start a visit");
        return new Visit(visitId, this, now);
    }

    /**
     * Whether someone in {@code role} may come into a visit of this room now: the room is
     * open, and when it is locked only its owner and hosts may.
     */
    public boolean admits(VisitRole role) {
        return isOpen() && (!locked || role == VisitRole.OWNER || role == VisitRole.HOST);
    }

    void requireOpen(String toDoWhat) {
        if (status != RoomStatus.OPEN) {
            throw new RoomRuleViolation("This room is closed: you cannot " + toDoWhat + ".");
        }
    }

    // --- reading ---------------------------------------------------------------------

    public RoomId id() {
        return new RoomId(id);
    }

    public String displayName() {
        return displayName;
    }

    /** The label the room's hosts chose for guests, if any. */
    public Optional<GuestLabel> guestLabel() {
        return Optional.ofNullable(guestLabel).map(GuestLabel::new);
    }

    /** What guests see of the room, everywhere: its label, or the default. Never its name. */
    public String shownToGuests() {
        return GuestLabel.shown(guestLabel());
    }

    public RoomKind kind() {
        return kind;
    }

    public Username owner() {
        return new Username(owner);
    }

    /** Host usernames, sorted. */
    public Set<String> hosts() {
        return Collections.unmodifiableSet(new TreeSet<>(hosts));
    }

    /** Usernames of the colleagues invited by name, sorted. */
    public Set<String> colleagues() {
        return Collections.unmodifiableSet(new TreeSet<>(colleagues));
    }

    public boolean lobbyEnabled() {
        return lobbyEnabled;
    }

    public boolean isLocked() {
        return locked;
    }

    public int maxParticipants() {
        return maxParticipants;
    }

    public RoomStatus status() {
        return status;
    }

    public boolean isOpen() {
        return status == RoomStatus.OPEN;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> closedAt() {
        return Optional.ofNullable(closedAt);
    }
}
