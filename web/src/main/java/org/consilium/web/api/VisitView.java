package org.consilium.web.api;

import java.time.Instant;
import java.util.List;
import org.consilium.domain.room.IdentityCheck;
import org.consilium.domain.room.ModalityChange;
import org.consilium.domain.room.NoticeAcknowledgement;
import org.consilium.domain.room.Participant;
import org.consilium.domain.room.Visit;

/** One visit of a room: start, end, length and who took part as what (REQUIREMENTS D4), with consent and identity checks (D5). */
public record VisitView(String id, Instant startedAt, Instant endedAt, Long durationSeconds,
                        List<ParticipantView> participants) {

    static VisitView of(Visit visit) {
        return new VisitView(visit.id().toString(), visit.startedAt(), visit.endedAt().orElse(null),
                visit.duration().map(d -> d.toSeconds()).orElse(null),
                visit.participants().stream().map(ParticipantView::of).toList());
    }

    /**
     * One stint of one person: a username or {@code guest:<invitation id>}, their role, when they
     * came and went, and when it went on with audio only or with video again (it starts with video).
     */
    public record ParticipantView(String principal, String displayName, String role, Instant joinedAt, Instant leftAt,
                                  List<ModalityView> modalityChanges, NoticeView privacyNotice,
                                  NoticeView consentToTreat, List<IdentityCheckView> identityChecks) {

        static ParticipantView of(Participant stint) {
            return new ParticipantView(stint.principal(), stint.displayName(), stint.role().code(), stint.joinedAt(),
                    stint.leftAt().orElse(null), stint.modalityChanges().stream().map(ModalityView::of).toList(),
                    stint.notice().map(NoticeView::of).orElse(null), stint.consent().map(NoticeView::of).orElse(null),
                    stint.identityChecks().stream().map(IdentityCheckView::of).toList());
        }
    }

    /**
     * A host confirmed this person's identity in the call (REQUIREMENTS D5): how
     * ({@code photo-id}, {@code two-identifiers}, {@code known-patient}), who (a username), when.
     */
    public record IdentityCheckView(String method, String confirmedBy, Instant at) {

        static IdentityCheckView of(IdentityCheck check) {
            return new IdentityCheckView(check.method().code(), check.confirmedBy(), check.at());
        }
    }

    /**
     * A notice a guest ticked on the join page before this stint (the privacy notice, read; the
     * consent to treat, agreed to): its version, its text's SHA-256, when.
     */
    public record NoticeView(int version, String sha256, Instant acknowledgedAt) {

        static NoticeView of(NoticeAcknowledgement acknowledgement) {
            return new NoticeView(acknowledgement.version(), acknowledgement.sha256(), acknowledgement.at());
        }
    }

    /** From {@code at} on, {@code modality} ({@code video} or {@code audio-only}): REQUIREMENTS D4, billing. */
    public record ModalityView(Instant at, String modality) {

        static ModalityView of(ModalityChange change) {
            return new ModalityView(change.at(), change.modality().code());
        }
    }
}
