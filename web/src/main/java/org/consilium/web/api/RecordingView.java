package org.consilium.web.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.consilium.domain.recording.RecordingRepository;

/**
 * A recording's metadata: when, who started it, why it stopped, its files (each a stretch of
 * one participant's camera and microphone, with its offset from the recording's start, so a
 * player lines them up) and every consent answer. {@code playable}: whether the caller may
 * play the files (the room's owner and hosts); only then do the files come with their URL and
 * a stopped recording with its export bundle's.
 */
public record RecordingView(String id, String room, String visit, Instant startedAt, String startedBy,
                            Instant stoppedAt, String stopReason, boolean playable, boolean legalHold,
                            Instant shreddedAt, String exportUrl, List<FileView> files, List<ConsentView> consents) {

    static RecordingView of(RecordingRepository.Stored recording, String contextPath, boolean playable) {
        Map<String, String> names = recording.consents().stream().collect(Collectors.toMap(
                RecordingRepository.Consent::participant, RecordingRepository.Consent::displayName, (a, b) -> b));
        return new RecordingView(recording.id().toString(), recording.room().toString(), recording.visit().toString(),
                recording.startedAt(), recording.startedBy(), recording.stoppedAt(), recording.stopReason(), playable,
                recording.legalHold(), recording.shreddedAt(),
                !playable || recording.stoppedAt() == null || recording.shredded() ? null
                        : contextPath + "/recordings/" + recording.id() + "/export.zip",
                recording.tracks().stream().map(track -> FileView.of(recording, track, names, playable ? contextPath : null))
                        .toList(),
                recording.consents().stream().map(ConsentView::of).toList());
    }

    /**
     * One file: whose, when, how long after the recording's start it begins, its size, whether it ends early
     * ({@code complete} false: the recording was interrupted while it was written); its URL, or null for whoever
     * may not play it.
     */
    public record FileView(String name, String participant, String displayName, String kind, Instant startedAt,
                           Instant stoppedAt, long offsetMillis, long bytes, boolean complete, String url) {

        static FileView of(RecordingRepository.Stored recording, RecordingRepository.Track track,
                           Map<String, String> names, String contextPath) {
            return new FileView(track.fileName(), track.participant(), names.getOrDefault(track.participant(), ""),
                    track.kind(), track.startedAt(), track.stoppedAt(),
                    java.time.Duration.between(recording.startedAt(), track.startedAt()).toMillis(),
                    track.plaintextBytes(), track.complete(),
                    contextPath == null ? null : contextPath + "/recordings/" + recording.id() + "/" + track.fileName());
        }
    }

    /** One answer to the consent question, with the notice's version and its text's SHA-256. */
    public record ConsentView(String participant, String principal, String displayName, String role, String decision,
                              Instant at, int noticeVersion, String noticeSha256) {

        static ConsentView of(RecordingRepository.Consent consent) {
            return new ConsentView(consent.participant(), consent.principal(), consent.displayName(), consent.role(),
                    consent.decision().code(), consent.at(), consent.noticeVersion(), consent.noticeSha256());
        }
    }
}
