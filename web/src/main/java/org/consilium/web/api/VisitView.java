package org.consilium.web.api;

import java.time.Instant;
import java.util.List;
import org.consilium.domain.room.Participant;
import org.consilium.domain.room.Visit;

/** One visit of a room: start, end, length and who took part as what (REQUIREMENTS D4). */
public record VisitView(String id, Instant startedAt, Instant endedAt, Long durationSeconds,
                        List<ParticipantView> participants) {

    static VisitView of(Visit visit) {
        return new VisitView(visit.id().toString(), visit.startedAt(), visit.endedAt().orElse(null),
                visit.duration().map(d -> d.toSeconds()).orElse(null),
                visit.participants().stream().map(ParticipantView::of).toList());
    }

    /** One stint of one person: a username or {@code guest:<invitation id>}, their role, when they came and went. */
    public record ParticipantView(String principal, String displayName, String role, Instant joinedAt, Instant leftAt) {

        static ParticipantView of(Participant stint) {
            return new ParticipantView(stint.principal(), stint.displayName(), stint.role().code(), stint.joinedAt(),
                    stint.leftAt().orElse(null));
        }
    }
}
