package org.consilium.domain.room;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One session of a room, from the first person in to the end: who took part, in which
 * role, from when to when (REQUIREMENTS D4). Someone who leaves and comes back has two
 * stints (two {@link Participant}s), so the record shows the gap. At most
 * {@link #maxParticipants()} people are present at once (the room's kind, fixed when the
 * visit starts). Once ended, nothing changes any more.
 */
@Entity
@Table(name = "visit")
public class Visit {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "room_id", nullable = false, updatable = false)
    private UUID roomId;

    @Column(name = "max_participants", nullable = false, updatable = false)
    private int maxParticipants;

    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @OneToMany(mappedBy = "visit", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @OrderBy("joinedAt ASC, id ASC")
    private List<Participant> participants = new ArrayList<>();

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Visit() {
        // for JPA
    }

    /** Through {@link Room#startVisit}: only an open room starts visits. */
    Visit(VisitId id, Room room, Instant now) {
        this.id = Objects.requireNonNull(id, "id").value();
        this.roomId = room.id().value();
        this.maxParticipants = room.maxParticipants();
        this.startedAt = Objects.requireNonNull(now, "now");
    }

    /**
     * {@code principal} comes in.
     *
     * @param principal   a staff username, or {@link Guest#principalName()} for a guest
     * @param displayName what the others see (1 to 256 characters)
     * @return their stint in the visit
     * @throws RoomRuleViolation when the visit has ended, they are already in it, or it is full
     */
    public Participant join(String principal, String displayName, VisitRole role, Instant now) {
        Objects.requireNonNull(role, "role");
        requireNotEnded("join");
        if (presence(principal).isPresent()) {
            throw new RoomRuleViolation("You are already in this visit.");
        }
        if (present().size() >= maxParticipants) {
            throw new RoomRuleViolation("This visit is full: at most " + maxParticipants + " people at once.");
        }
        Participant stint = new Participant(this, principal, displayName, role, notBeforeStart(now));
        participants.add(stint);
        return stint;
    }

    /**
     * {@code principal} goes.
     *
     * @return their stint, now finished
     * @throws RoomRuleViolation when the visit has ended or they are not in it
     */
    public Participant leave(String principal, Instant now) {
        requireNotEnded("leave");
        Participant stint = presence(principal)
                .orElseThrow(() -> new RoomRuleViolation("You are not in this visit."));
        stint.leave(notBeforeStart(now));
        return stint;
    }

    /**
     * {@code principal}'s stint goes on in {@code modality} from {@code at} (their connection
     * dropped to audio only, or carried video again). Nobody by that name present, or a visit
     * that has ended: nothing to note (the news came after the leave).
     */
    public void modalityChanged(String principal, Modality modality, Instant at) {
        if (!isEnded()) {
            presence(principal).ifPresent(stint -> stint.modality(modality, notBeforeStart(at)));
        }
    }

    /**
     * A host confirmed the identity of {@code principal}, who is in the visit now. Nobody by
     * that name present, or a visit that has ended: nothing to note.
     */
    public void identityConfirmed(String principal, IdentityCheck check) {
        if (!isEnded()) {
            presence(principal).ifPresent(stint -> stint.identityConfirmed(check));
        }
    }

    /**
     * Ends the visit: whoever is still in leaves now.
     *
     * @throws RoomRuleViolation when it has ended already
     */
    public void end(Instant now) {
        requireNotEnded("end");
        Instant at = notBeforeStart(now);
        for (Participant stint : present()) {
            stint.leave(at);
        }
        endedAt = at;
    }

    /** The stints of people still in the visit, in the order they came. */
    public List<Participant> present() {
        return participants.stream().filter(Participant::isPresent).toList();
    }

    /** Every stint, in the order they began. */
    public List<Participant> participants() {
        return List.copyOf(participants);
    }

    public boolean isEmpty() {
        return present().isEmpty();
    }

    public boolean isEnded() {
        return endedAt != null;
    }

    public VisitId id() {
        return new VisitId(id);
    }

    public RoomId roomId() {
        return new RoomId(roomId);
    }

    public int maxParticipants() {
        return maxParticipants;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    /**
     * The latest moment the record shows: its end, or else its start or the latest join or
     * leave. Where a visit the server could not end (it stopped mid-visit) is ended.
     */
    public Instant lastRecordedMoment() {
        if (endedAt != null) {
            return endedAt;
        }
        Instant last = startedAt;
        for (Participant stint : participants) {
            last = later(last, stint.joinedAt());
            if (stint.leftAt().isPresent()) {
                last = later(last, stint.leftAt().get());
            }
        }
        return last;
    }

    private static Instant later(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }

    /** How long it lasted; empty while it goes on. */
    public Optional<Duration> duration() {
        return endedAt().map(end -> Duration.between(startedAt, end));
    }

    private Optional<Participant> presence(String principal) {
        return participants.stream().filter(p -> p.isPresent() && p.principal().equals(principal)).findFirst();
    }

    private void requireNotEnded(String toDoWhat) {
        if (isEnded()) {
            throw new RoomRuleViolation("This visit has ended: you cannot " + toDoWhat + " it.");
        }
    }

    /** A clock that steps back must not make anyone leave before the visit began. */
    private Instant notBeforeStart(Instant now) {
        Objects.requireNonNull(now, "now");
        return now.isBefore(startedAt) ? startedAt : now;
    }
}
