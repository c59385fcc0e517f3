package org.consilium.application.call;

import java.util.Objects;
import org.consilium.domain.room.VisitRole;

/**
 * Someone connected to a room's call: in its lobby or in the call. The id is random per
 * connection (it names the bridge endpoint too); the principal is the username or
 * {@code guest:<invitation id>}. The person says who is behind the connection, for "the
 * same person again": a staff member is their username wherever they connect from, but
 * everyone who opened one multi-use invitation shares its principal, so a guest is their
 * principal in one browser (their HTTP session); in memory only, never shown or logged.
 */
public final class CallMember {

    /** How the member may act in the call. */
    public enum Role { OWNER, HOST, STAFF, GUEST;

        public boolean hosts() {
            return this == OWNER || this == HOST;
        }

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The part this plays in the visit's record: staff who neither own nor host are participants. */
        public VisitRole visitRole() {
            return switch (this) {
                case OWNER -> VisitRole.OWNER;
                case HOST -> VisitRole.HOST;
                case STAFF -> VisitRole.PARTICIPANT;
                case GUEST -> VisitRole.GUEST;
            };
        }
    }

    private final String id;
    private final String principal;
    private final String person;
    private final String displayName;
    /** Changes only between staff and host (the room's hosts changed during the call); read on any thread. */
    private volatile Role role;
    private final CallConnection connection;
    private final java.util.List<String> roles;
    private final String clientAddress;
    private boolean admitted;
    private boolean audioMuted;
    private boolean videoMuted;
    private boolean screenSharing;
    private boolean reconnecting;
    private boolean sessionless;
    private Long screenSource;
    private java.time.Instant handRaisedAt;
    private java.util.Map<org.consilium.videobridge.conference.MediaSource.Kind, Integer> slotsAsked = java.util.Map.of();
    private org.consilium.domain.room.NoticeAcknowledgement notice;
    private org.consilium.domain.room.NoticeAcknowledgement consent;
    private org.consilium.domain.room.IdentityMethod identityChecked;

    CallMember(String id, String principal, String displayName, Role role, CallConnection connection) {
        this(id, principal, principal, displayName, role, connection, java.util.List.of(), null);
    }

    /** @param roles the person's application roles and {@code clientAddress} their address, for the audit trail */
    CallMember(String id, String principal, String person, String displayName, Role role, CallConnection connection,
               java.util.List<String> roles, String clientAddress) {
        this.roles = java.util.List.copyOf(roles);
        this.clientAddress = clientAddress;
        this.id = Objects.requireNonNull(id);
        this.principal = Objects.requireNonNull(principal);
        this.person = Objects.requireNonNull(person);
        this.displayName = Objects.requireNonNull(displayName);
        this.role = Objects.requireNonNull(role);
        this.connection = Objects.requireNonNull(connection);
    }

    public String id() {
        return id;
    }

    public String principal() {
        return principal;
    }

    /** Who is behind the connection (see above): equal for a second window of the same person. */
    String person() {
        return person;
    }

    public String displayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }

    /**
     * A staff member named a host of the room during the call acts as one from now on, or
     * no longer; the owner stays the owner and a guest a guest (hosts are staff).
     *
     * @return whether that changed anything
     */
    boolean hosts(boolean host) {
        Role now = host ? Role.HOST : Role.STAFF;
        if (role == Role.OWNER || role == Role.GUEST || role == now) {
            return false;
        }
        role = now;
        return true;
    }

    public java.util.List<String> roles() {
        return roles;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public boolean admitted() {
        return admitted;
    }

    public boolean audioMuted() {
        return audioMuted;
    }

    public boolean videoMuted() {
        return videoMuted;
    }

    public boolean screenSharing() {
        return screenSharing;
    }

    CallConnection connection() {
        return connection;
    }

    /** Their connection dropped and their place is kept for them ({@link HeldPlaces}). */
    public boolean reconnecting() {
        return reconnecting;
    }

    void reconnecting(boolean reconnecting) {
        this.reconnecting = reconnecting;
    }

    /**
     * This new connection taking {@code held}'s place back ({@link HeldPlaces#claim}): the
     * held member's id (which names their bridge endpoint) and what the others see of them
     * (muted, screen), this connection and who it is now. Admitted, as the place was.
     */
    CallMember takingBack(CallMember held) {
        CallMember successor = new CallMember(held.id, principal, person, displayName, role, connection, roles,
                clientAddress);
        successor.admitted = true;
        successor.sessionless = sessionless;
        successor.audioMuted = held.audioMuted;
        successor.videoMuted = held.videoMuted;
        successor.screenSharing = held.screenSharing;
        successor.screenSource = held.screenSource;
        successor.handRaisedAt = held.handRaisedAt;
        successor.notice = notice;
        successor.consent = consent;
        successor.identityChecked = identityChecked;
        return successor;
    }

    /** The privacy notice this guest acknowledged on the join page (recorded on their stint of the visit). */
    void acknowledged(org.consilium.domain.room.NoticeAcknowledgement notice) {
        this.notice = notice;
    }

    public java.util.Optional<org.consilium.domain.room.NoticeAcknowledgement> notice() {
        return java.util.Optional.ofNullable(notice);
    }

    /** The consent to treat this guest agreed to on the join page (recorded on their stint of the visit). */
    void consented(org.consilium.domain.room.NoticeAcknowledgement consent) {
        this.consent = consent;
    }

    public java.util.Optional<org.consilium.domain.room.NoticeAcknowledgement> consent() {
        return java.util.Optional.ofNullable(consent);
    }

    /** A host confirmed this guest's identity in this call, so (shown to everyone in it). */
    void identityChecked(org.consilium.domain.room.IdentityMethod method) {
        this.identityChecked = method;
    }

    public java.util.Optional<org.consilium.domain.room.IdentityMethod> identityChecked() {
        return java.util.Optional.ofNullable(identityChecked);
    }

    void admit() {
        admitted = true;
    }

    /**
     * Someone in a call another node ran until it died ({@link CallSnapshot}): admitted, as they
     * were, with no connection until their tab comes back. Their browser has no session on this
     * node, so their place is theirs by its secret alone ({@link HeldPlaces#claimWithoutSession}).
     */
    static CallMember adopted(CallSnapshot.Member shared) {
        String person = shared.staff() ? shared.principal() : shared.principal() + " adopted " + shared.id();
        CallMember member = new CallMember(shared.id(), shared.principal(), person, shared.displayName(), shared.role(),
                CallConnection.NONE, shared.roles(), null);
        member.admitted = true;
        member.sessionless = true;
        member.audioMuted = shared.audioMuted();
        member.videoMuted = shared.videoMuted();
        return member;
    }

    /** The same person on a new connection that has no HTTP session (a tab back after a failover). */
    CallMember through(CallConnection newConnection) {
        CallMember member = new CallMember(java.util.UUID.randomUUID().toString(), principal, person, displayName, role,
                newConnection, roles, clientAddress);
        member.sessionless = true;
        member.notice = notice;
        member.consent = consent;
        member.identityChecked = identityChecked;
        return member;
    }

    /** Connected without an HTTP session on this node: only its resume secret proves the place is theirs. */
    boolean sessionless() {
        return sessionless;
    }

    /** Whoever this is, as the cluster keeps them while they are in the call. */
    CallSnapshot.Member shared(ResumeSecret secret) {
        return new CallSnapshot.Member(id, principal, role != Role.GUEST, displayName, role, roles, secret.hashText(),
                audioMuted, videoMuted);
    }

    void muted(boolean audio, boolean video) {
        this.audioMuted = audio;
        this.videoMuted = video;
    }

    /** The SSRC the browser said its screen goes out under, if it said (docs/signaling.md, "Media"). */
    public java.util.Optional<Long> screenSource() {
        return java.util.Optional.ofNullable(screenSource);
    }

    /** Told they may not enter (locked, full), and disconnected. */
    void turnedAway(String reason, String code) {
        connection.send(CallMessages.denied(reason));
        connection.close(code);
    }

    /** What a screen-share announcement changed: nothing, only the source it goes out under, or sharing itself. */
    enum ScreenChange { NONE, SOURCE, STARTED_OR_STOPPED }

    /** The member says they share their screen (under {@code source}, when they say) or stopped. */
    ScreenChange screenShared(boolean active, Long source) {
        Long shown = active ? source : null;
        if (screenSharing != active) {
            screenSharing = active;
            screenSource = shown;
            return ScreenChange.STARTED_OR_STOPPED;
        }
        if (java.util.Objects.equals(screenSource, shown)) {
            return ScreenChange.NONE;
        }
        screenSource = shown;
        return ScreenChange.SOURCE;
    }

    /** The receive slots this member's browser was last asked for: asked again only when the need changes. */
    java.util.Map<org.consilium.videobridge.conference.MediaSource.Kind, Integer> slotsAsked() {
        return slotsAsked;
    }

    void slotsAsked(java.util.Map<org.consilium.videobridge.conference.MediaSource.Kind, Integer> slots) {
        this.slotsAsked = java.util.Map.copyOf(slots);
    }


    /** Since when this member's hand is up (hosts take them in that order), empty when it is down. */
    public java.util.Optional<java.time.Instant> handRaisedAt() {
        return java.util.Optional.ofNullable(handRaisedAt);
    }

    /** Raises (keeping the first time it went up) or lowers the hand; true when that changed anything. */
    boolean hand(boolean raised, java.time.Instant now) {
        if (raised == (handRaisedAt != null)) {
            return false;
        }
        handRaisedAt = raised ? now : null;
        return true;
    }
}
