package org.consilium.web.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.consilium.application.CurrentStaff;
import org.consilium.application.recording.RecordingAdministration;
import org.consilium.application.recording.RecordingNotFound;
import org.consilium.domain.recording.ConsentDecision;
import org.consilium.domain.recording.RecordingId;
import org.consilium.domain.recording.RecordingRepository;
import org.consilium.domain.recording.RecordingRetention;
import org.consilium.domain.room.RoomKind;

/**
 * The Recordings page (administrators and auditors): the latest recordings' metadata (never
 * their content, nor a way to play them), how long each kind of room's recordings are kept,
 * and legal holds. Administrators put a recording on hold or release it and change the
 * retention; auditors only read (web.xml refuses their POSTs, and the use case checks the
 * role again). Times are the appliance's local time, with UTC in the title.
 */
@Named("recordingsPage")
@RequestScoped
public class RecordingsPage extends ConsoleForm {

    /** The hidden fields of each row's hold form. */
    static final String RECORDING = "recording";
    static final String HOLD = "hold";

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Inject
    RecordingAdministration recordings;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    HttpServletRequest request;

    private List<Row> rows;
    private Map<RoomKind, String> days;
    /** What a hold or release did, or why it did not. */
    private String holdDone;
    private String holdProblem;

    /** The latest recordings, newest first. */
    public List<Row> getRows() {
        if (rows == null) {
            ZoneId zone = ZoneId.systemDefault();
            rows = recordings.latest(ConsoleCaller.of(currentStaff, request)).stream()
                    .map(listed -> Row.of(listed, zone)).toList();
        }
        return rows;
    }

    /** The most the page lists. */
    public int getListed() {
        return RecordingAdministration.LISTED;
    }

    /** The appliance's time zone, as the times are shown. */
    public String getZone() {
        return ZoneId.systemDefault().getId();
    }

    // --- retention -------------------------------------------------------------------------

    /** The retention form's values, days as typed or empty ("kept until deleted"), loaded from the retention in force. */
    private Map<RoomKind, String> days() {
        if (days == null) {
            days = new EnumMap<>(RoomKind.class);
            recordings.retention(ConsoleCaller.of(currentStaff, request)).days()
                    .forEach((kind, d) -> days.put(kind, d.map(String::valueOf).orElse("")));
        }
        return days;
    }

    /** How {@code kindCode}'s recordings are kept, in words, for those who only read. */
    public String kept(String kindCode) {
        String value = RoomKind.fromCode(kindCode).map(days()::get).orElse("");
        return value.isEmpty() ? "kept until deleted"
                : value + ("1".equals(value) ? " day" : " days") + " after the recording stops";
    }

    public String getVisit() {
        return days().get(RoomKind.VISIT);
    }

    public void setVisit(String value) {
        days().put(RoomKind.VISIT, value == null ? "" : value);
    }

    public String getConsult() {
        return days().get(RoomKind.CONSULT);
    }

    public void setConsult(String value) {
        days().put(RoomKind.CONSULT, value == null ? "" : value);
    }

    public String getBedside() {
        return days().get(RoomKind.BEDSIDE);
    }

    public void setBedside(String value) {
        days().put(RoomKind.BEDSIDE, value == null ? "" : value);
    }

    public String saveRetention() {
        errors.clear();
        Map<RoomKind, Optional<Integer>> typed = new EnumMap<>(RoomKind.class);
        for (RoomKind kind : RoomKind.values()) {
            String text = days().getOrDefault(kind, "").strip();
            if (text.isEmpty()) {
                typed.put(kind, Optional.empty());
                continue;
            }
            if (!text.matches("[0-9]{1,9}")) {
                errors.put(kind.code(), "Give a whole number of days, such as 30, in digits only, or leave it empty "
                        + "to keep recordings until they are deleted.");
                continue;
            }
            try {
                int value = Integer.parseInt(text);
                new RecordingRetention(Map.of(kind, Optional.of(value))); // the domain's rule, for this field
                typed.put(kind, Optional.of(value));
            } catch (IllegalArgumentException outOfRange) {
                errors.put(kind.code(), outOfRange.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        try {
            boolean changed = recordings.changeRetention(ConsoleCaller.of(currentStaff, request),
                    new RecordingRetention(typed));
            done = changed ? "Saved. The retention job shreds recordings by these periods from its next run, "
                    + "those stored already included." : "Nothing was changed: this is the retention in force.";
        } catch (SecurityException refused) {
            done = "Only administrators change how long recordings are kept.";
        }
        days = null;
        rows = null;
        return null;
    }

    // --- legal hold ------------------------------------------------------------------------

    /** Puts the row's recording on legal hold, or releases it (the row's form says which). */
    public String changeHold() {
        String id = request.getParameter(RECORDING);
        boolean hold = "true".equals(request.getParameter(HOLD));
        RecordingId recording;
        try {
            recording = new RecordingId(UUID.fromString(id == null ? "" : id.strip()));
        } catch (IllegalArgumentException notAnId) {
            holdProblem = "Choose the recording from the list.";
            return null;
        }
        try {
            recordings.hold(ConsoleCaller.of(currentStaff, request), recording, hold);
            holdDone = hold ? "Recording " + recording + " is on legal hold: it is kept whatever the retention says, "
                    + "until it is released." : "Recording " + recording + " is released from legal hold: the retention "
                    + "applies to it again.";
        } catch (RecordingNotFound missing) {
            holdProblem = "There is no recording " + recording + ".";
        } catch (SecurityException refused) {
            holdProblem = "Only administrators put recordings on legal hold or release them.";
        }
        rows = null;
        return null;
    }

    public String getHoldDone() {
        return holdDone;
    }

    public String getHoldProblem() {
        return holdProblem;
    }

    // --- the table -------------------------------------------------------------------------

    /**
     * One recording as the table shows it: metadata only.
     *
     * @param startedIso  ISO-8601 (UTC) for the time element
     * @param started     local time
     * @param startedUtc  UTC, for the title
     * @param retention   "shredded on …", "kept until deleted", "kept while on hold" or "running"
     * @param shreddedIso, shreddedLocal, shreddedUtc when its files were shredded; empty when they were not
     */
    public record Row(String id, String startedIso, String started, String startedUtc, String room, String roomKind,
                      String length, String stopReason, String files, String consents, String node, String retention,
                      boolean legalHold, boolean shredded, String shreddedIso, String shreddedLocal, String shreddedUtc) {

        /** Whether a hold may be put on it or released (not once its files are gone). */
        public boolean holdable() {
            return !shredded;
        }

        /** The hold button's label. */
        public String holdAction() {
            return legalHold ? "Release" : "Hold";
        }

        /** The hold button's title, naming the recording. */
        public String holdTitle() {
            return legalHold ? "Release recording " + id + " from legal hold" : "Put recording " + id + " on legal hold";
        }

        static Row of(RecordingAdministration.Listed listed, ZoneId zone) {
            RecordingRepository.Stored r = listed.recording();
            Instant started = r.startedAt();
            long bytes = r.tracks().stream().mapToLong(RecordingRepository.Track::plaintextBytes).sum();
            int fileCount = r.tracks().size();
            return new Row(r.id().toString(), started.toString(), LOCAL.format(started.atZone(zone)), UTC.format(started),
                    "room:" + r.room().value(), r.roomKind().code(),
                    r.stoppedAt() == null ? "running" : length(Duration.between(started, r.stoppedAt())),
                    stopReason(r.stopReason()),
                    fileCount == 0 ? "none" : fileCount + (fileCount == 1 ? " file, " : " files, ") + size(bytes),
                    consents(r.consents()), r.node(), retention(r, listed.expires(), zone), r.legalHold(), r.shredded(),
                    r.shredded() ? r.shreddedAt().toString() : "",
                    r.shredded() ? LOCAL.format(r.shreddedAt().atZone(zone)) : "",
                    r.shredded() ? UTC.format(r.shreddedAt()) : "");
        }

        private static String retention(RecordingRepository.Stored r, Optional<Instant> expires, ZoneId zone) {
            if (r.shredded()) {
                return "shredded on " + DAY.format(r.shreddedAt().atZone(zone));
            }
            if (r.stoppedAt() == null) {
                return "running";
            }
            if (r.legalHold()) {
                return "kept while on hold";
            }
            return expires.map(at -> "shredded on " + DAY.format(at.atZone(zone))).orElse("kept until deleted");
        }

        /** "1 h 2 min", "12 min 5 s", "40 s". */
        static String length(Duration length) {
            long seconds = Math.max(0, length.toSeconds());
            long hours = seconds / 3600;
            long minutes = seconds % 3600 / 60;
            long rest = seconds % 60;
            if (hours > 0) {
                return hours + " h " + minutes + " min";
            }
            return minutes > 0 ? minutes + " min " + rest + " s" : rest + " s";
        }

        /** "812 bytes", "1.4 kB", "12.3 MB", "2.1 GB" (powers of 1000, as disks are sold). */
        static String size(long bytes) {
            if (bytes < 1000) {
                return bytes + " bytes";
            }
            String[] units = {"kB", "MB", "GB", "TB"};
            double value = bytes;
            int unit = -1;
            while (value >= 1000 && unit < units.length - 1) {
                value /= 1000;
                unit++;
            }
            return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
        }

        static String consents(List<RecordingRepository.Consent> answers) {
            Map<ConsentDecision, Long> counted = new EnumMap<>(ConsentDecision.class);
            answers.forEach(a -> counted.merge(a.decision(), 1L, Long::sum));
            return counted.getOrDefault(ConsentDecision.GIVEN, 0L) + " given / "
                    + counted.getOrDefault(ConsentDecision.DECLINED, 0L) + " declined / "
                    + counted.getOrDefault(ConsentDecision.WITHDRAWN, 0L) + " withdrawn";
        }

        static String stopReason(String code) {
            if (code == null) {
                return "running";
            }
            return switch (code) {
                case "stopped-by-host" -> "stopped by a host";
                case "call-ended" -> "the call ended";
                case "storage-full" -> "storage nearly full";
                case "write-failed" -> "a file could not be written";
                case "server-stopped" -> "the server stopped";
                case "interrupted" -> "interrupted (its node stopped)";
                default -> code;
            };
        }
    }
}
