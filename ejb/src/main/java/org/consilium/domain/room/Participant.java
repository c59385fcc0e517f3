package org.consilium.domain.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One stint of one person in a {@link Visit}: who, as what, from when until when. */
@Entity
@Table(name = "visit_participant")
public class Participant {

    public static final int MAX_PRINCIPAL = 300;
    public static final int MAX_DISPLAY_NAME = 256;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "visit_id", nullable = false, updatable = false)
    private Visit visit;

    @Column(name = "principal", nullable = false, length = MAX_PRINCIPAL, updatable = false)
    private String principal;

    @Column(name = "display_name", nullable = false, length = MAX_DISPLAY_NAME, updatable = false)
    private String displayName;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, length = 16, updatable = false)
    private VisitRole role;

    @Column(name = "joined_at", nullable = false, updatable = false)
    private Instant joinedAt;

    @Column(name = "left_at")
    private Instant leftAt;

    /** A guest's acknowledgement of the privacy notice on the join page: which version, its text's SHA-256, when. */
    @Column(name = "privacy_notice_version")
    private Integer noticeVersion;

    @Column(name = "privacy_notice_sha256", length = 64)
    private String noticeSha256;

    @Column(name = "privacy_notice_acknowledged_at")
    private Instant noticeAcknowledgedAt;

    /** A guest's agreement to the consent to treat on the join page (REQUIREMENTS D5): which version, its SHA-256, when. */
    @Column(name = "consent_to_treat_version")
    private Integer consentVersion;

    @Column(name = "consent_to_treat_sha256", length = 64)
    private String consentSha256;

    @Column(name = "consent_to_treat_accepted_at")
    private Instant consentAcceptedAt;

    /** The identity checks a host recorded for this person in the call (REQUIREMENTS D5), oldest first. */
    @jakarta.persistence.ElementCollection(fetch = FetchType.LAZY)
    @jakarta.persistence.CollectionTable(name = "visit_identity_check",
            joinColumns = @JoinColumn(name = "participant_id", nullable = false))
    @jakarta.persistence.OrderBy("at ASC")
    private java.util.List<IdentityCheck> identityChecks = new java.util.ArrayList<>();

    /** Every stint starts with video; a change is kept only when it held (the call decides how long). */
    @jakarta.persistence.ElementCollection(fetch = FetchType.LAZY)
    @jakarta.persistence.CollectionTable(name = "visit_participant_modality",
            joinColumns = @JoinColumn(name = "participant_id", nullable = false))
    @jakarta.persistence.OrderBy("at ASC")
    private java.util.List<ModalityChange> modalityChanges = new java.util.ArrayList<>();

    protected Participant() {
        // for JPA
    }

    Participant(Visit visit, String principal, String displayName, VisitRole role, Instant joinedAt) {
        if (principal == null || principal.isBlank() || principal.length() > MAX_PRINCIPAL) {
            throw new IllegalArgumentException("a participant is a username or guest id of 1 to " + MAX_PRINCIPAL + " characters");
        }
        if (displayName == null || displayName.isBlank()) {
            displayName = principal;
        }
        displayName = displayName.strip();
        if (displayName.length() > MAX_DISPLAY_NAME) {
            int end = Character.isHighSurrogate(displayName.charAt(MAX_DISPLAY_NAME - 1)) ? MAX_DISPLAY_NAME - 1 : MAX_DISPLAY_NAME;
            displayName = displayName.substring(0, end);
        }
        this.visit = visit;
        this.principal = principal;
        this.displayName = displayName;
        this.role = Objects.requireNonNull(role, "role");
        this.joinedAt = joinedAt;
    }

    /** Records the privacy notice this person acknowledged before coming in (guests, on the join page). */
    public void acknowledged(NoticeAcknowledgement notice) {
        Objects.requireNonNull(notice, "notice");
        this.noticeVersion = notice.version();
        this.noticeSha256 = notice.sha256();
        this.noticeAcknowledgedAt = notice.at();
    }

    /** The privacy notice acknowledged before this stint, if any (guests). */
    public Optional<NoticeAcknowledgement> notice() {
        return noticeVersion == null ? Optional.empty()
                : Optional.of(new NoticeAcknowledgement(noticeVersion, noticeSha256, noticeAcknowledgedAt));
    }

    /** Records the consent to treat this person agreed to before coming in (guests, on the join page). */
    public void consented(NoticeAcknowledgement consent) {
        Objects.requireNonNull(consent, "consent");
        this.consentVersion = consent.version();
        this.consentSha256 = consent.sha256();
        this.consentAcceptedAt = consent.at();
    }

    /** The consent to treat agreed to before this stint, if any (guests). */
    public Optional<NoticeAcknowledgement> consent() {
        return consentVersion == null ? Optional.empty()
                : Optional.of(new NoticeAcknowledgement(consentVersion, consentSha256, consentAcceptedAt));
    }

    /** A host confirmed this person's identity. */
    public void identityConfirmed(IdentityCheck check) {
        identityChecks.add(Objects.requireNonNull(check, "check"));
    }

    public java.util.List<IdentityCheck> identityChecks() {
        return java.util.List.copyOf(identityChecks);
    }

    void leave(Instant now) {
        leftAt = now.isBefore(joinedAt) ? joinedAt : now;
    }

    /**
     * From {@code now} on this stint goes on in {@code modality}; the same as the last is no
     * change. A moment before the stint's latest change (a clock that stepped back) counts as that moment.
     */
    void modality(Modality modality, Instant now) {
        Objects.requireNonNull(modality, "modality");
        if (modality == modality()) {
            return;
        }
        Instant latest = modalityChanges.isEmpty() ? joinedAt : modalityChanges.get(modalityChanges.size() - 1).at();
        modalityChanges.add(new ModalityChange(now.isBefore(latest) ? latest : now, modality));
    }

    /** The modality now: video unless the last change said otherwise. */
    public Modality modality() {
        return modalityChanges.isEmpty() ? Modality.VIDEO : modalityChanges.get(modalityChanges.size() - 1).modality();
    }

    /** The changes, in order (read within the transaction that loaded the visit). */
    public java.util.List<ModalityChange> modalityChanges() {
        return java.util.List.copyOf(modalityChanges);
    }

    public boolean isPresent() {
        return leftAt == null;
    }

    /** A staff username, or {@code guest:<invitation id>}. */
    public String principal() {
        return principal;
    }

    public String displayName() {
        return displayName;
    }

    public VisitRole role() {
        return role;
    }

    public Instant joinedAt() {
        return joinedAt;
    }

    public Optional<Instant> leftAt() {
        return Optional.ofNullable(leftAt);
    }
}
