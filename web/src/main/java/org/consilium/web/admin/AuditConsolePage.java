package org.consilium.web.admin;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.consilium.application.CurrentStaff;
import org.consilium.application.audit.AuditPage;
import org.consilium.application.audit.AuditSearch;
import org.consilium.application.audit.AuditVerification;
import org.consilium.application.audit.ChainCheck;
import org.consilium.audit.chain.AuditRecord;
import org.consilium.audit.verify.VerificationReport;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditCriteria;
import org.consilium.domain.audit.AuditOutcome;

/**
 * The audit page: a search form (GET, so a search is a link an auditor can keep), one page
 * of newest-first results with a link to the older ones (keyset paging: {@code before} is
 * the last sequence shown), a link exporting the period, and "verify the chain" for the
 * period (a Faces POST). Times are entered and shown in UTC.
 */
@Named("auditPage")
@RequestScoped
public class AuditConsolePage {

    public static final int PAGE_SIZE = 50;
    static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    @Inject
    AuditSearch search;

    @Inject
    AuditVerification verification;

    @Inject
    CurrentStaff currentStaff;

    @Inject
    HttpServletRequest request;

    @Inject
    Clock clock;

    private String from;
    private String to;
    private String actor;
    private String action;
    private String target;
    private String outcome;
    private String before;
    private final Map<String, String> errors = new LinkedHashMap<>();
    private AuditPage page;
    private ChainCheck check;
    private String verifyError;

    @PostConstruct
    void readParameters() {
        from = request.getParameter("from");
        to = request.getParameter("to");
        actor = request.getParameter("actor");
        action = request.getParameter("action");
        target = request.getParameter("target");
        outcome = request.getParameter("outcome");
        before = request.getParameter("before");
        if (from == null && to == null) {
            from = FIELD.format(LocalDateTime.ofInstant(clock.instant().minus(Duration.ofDays(1)), ZoneOffset.UTC));
        }
    }

    private boolean loaded;

    /** Runs the search once, on a GET (a POST is the verification); a form in error searches nothing. */
    private void ensureLoaded() {
        if (loaded || !"GET".equals(request.getMethod())) {
            return;
        }
        loaded = true;
        load();
    }

    private void load() {
        AuditCriteria criteria = criteria();
        OptionalLong older = OptionalLong.empty();
        if (before != null && !before.isBlank()) {
            try {
                older = OptionalLong.of(Long.parseLong(before.strip()));
            } catch (NumberFormatException notANumber) {
                errors.put("before", "The page link is damaged: start again from the newest events.");
            }
        }
        if (criteria != null && errors.isEmpty()) {
            page = search.search(ConsoleCaller.of(currentStaff, request), criteria, older, PAGE_SIZE);
        }
    }

    /** "Verify the chain" for the period in the form (POST). */
    public String verify() {
        Instant start = instant("from", from);
        Instant end = to == null || to.isBlank() ? clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1)
                : instant("to", to);
        if (start == null) {
            errors.putIfAbsent("from", "Give the start of the period to verify.");
        }
        if (!errors.isEmpty()) {
            verifyError = "Correct the period first.";
            return null;
        }
        if (!start.isBefore(end)) {
            errors.put("to", "The end must be after the start.");
            verifyError = "Correct the period first.";
            return null;
        }
        check = verification.verify(ConsoleCaller.of(currentStaff, request), start, end);
        return null;
    }

    private AuditCriteria criteria() {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            errors.put("to", "The end must be after the start.");
        }
        if (action != null && !action.isBlank() && AuditAction.fromCode(action.strip()).isEmpty()) {
            errors.put("action", "Choose an action from the list.");
        }
        if (outcome != null && !outcome.isBlank()
                && Arrays.stream(AuditOutcome.values()).noneMatch(o -> o.code().equals(outcome.strip()))) {
            errors.put("outcome", "Choose an outcome from the list.");
        }
        if (!errors.isEmpty()) {
            return null;
        }
        try {
            return new AuditCriteria(start, end, actor, action, target, outcome);
        } catch (IllegalArgumentException invalid) {
            errors.put(invalid.getMessage().contains("target") ? "target" : "actor", capitalised(invalid.getMessage()) + ".");
            return null;
        }
    }

    /** A field's instant: "2026-11-22T08:15" (the browser's date-time field, UTC) or an ISO-8601 instant. */
    private Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            if (text.endsWith("Z") || text.endsWith("z")) {
                return Instant.parse(text.toUpperCase(Locale.ROOT));
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException malformed) {
            errors.put(field, "Give a date and time such as 2026-11-22T08:15 (UTC).");
            return null;
        }
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    // ---- the form

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public List<String> getActions() {
        return Arrays.stream(AuditAction.values()).map(AuditAction::code).sorted().toList();
    }

    public List<String> getOutcomes() {
        return Arrays.stream(AuditOutcome.values()).map(AuditOutcome::code).toList();
    }

    public Map<String, String> getErrors() {
        ensureLoaded();
        return errors;
    }

    // ---- the results

    public boolean isSearched() {
        ensureLoaded();
        return page != null;
    }

    public List<Row> getRows() {
        ensureLoaded();
        return page == null ? List.of() : page.records().stream().map(Row::new).toList();
    }

    public int getPageSize() {
        return PAGE_SIZE;
    }

    public boolean isPaged() {
        return before != null && !before.isBlank();
    }

    /** The link to the next (older) page, or null on the last page. */
    public String getOlderLink() {
        ensureLoaded();
        return page == null || page.olderBefore().isEmpty() ? null
                : link("/admin/audit.xhtml", Map.of("before", Long.toString(page.olderBefore().getAsLong())));
    }

    public String getNewestLink() {
        return link("/admin/audit.xhtml", Map.of());
    }

    /** The export of the period in the form (to now when open-ended), JSON lines with its checkpoints. */
    public String getExportLink() {
        Instant start = quietInstant(from);
        Instant end = quietInstant(to);
        if (start == null) {
            return null;
        }
        if (end == null) {
            end = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        }
        return request.getContextPath() + "/admin/audit/export?from=" + start + "&to=" + end;
    }

    private Instant quietInstant(String value) {
        Map<String, String> before = new LinkedHashMap<>(errors);
        Instant parsed = instant("probe", value);
        errors.clear();
        errors.putAll(before);
        return parsed;
    }

    private String link(String path, Map<String, String> extra) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("from", from);
        parameters.put("to", to);
        parameters.put("actor", actor);
        parameters.put("action", action);
        parameters.put("target", target);
        parameters.put("outcome", outcome);
        parameters.putAll(extra);
        return request.getContextPath() + path + "?" + parameters.entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().isBlank())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().strip(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    // ---- verification

    public ChainCheck getCheck() {
        return check;
    }

    public String getVerifyError() {
        return verifyError;
    }

    /** One sentence on the verification, for people. */
    public String getCheckSummary() {
        if (check == null) {
            return null;
        }
        VerificationReport report = check.report();
        if (check.empty()) {
            return "No events in this period: nothing to verify.";
        }
        if (report.verified()) {
            long checkpoints = report.checkpointsChecked();
            return "Verified: events " + check.firstVerified() + " to " + check.lastVerified() + " ("
                    + report.recordsChecked() + (report.recordsChecked() == 1 ? " event" : " events") + ") link up, and "
                    + (checkpoints == 1 ? "1 signed checkpoint" : checkpoints + " signed checkpoints")
                    + " of key " + check.keyId() + (checkpoints == 1 ? " is" : " are") + " valid."
                    + (report.uncoveredRecords() > 0 ? " The last " + report.uncoveredRecords()
                    + (report.uncoveredRecords() == 1 ? " event is" : " events are")
                    + " not signed yet (the next checkpoint will cover them)." : "");
        }
        var failure = report.failure().orElseThrow();
        return "Verification FAILED at sequence " + failure.sequence() + " ("
                + failure.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "): " + failure.detail()
                + ". Every record before it was verified. Export the period and keep the file; tell your security officer.";
    }

    public boolean isCheckVerified() {
        return check != null && check.report().verified();
    }

    /** One result row, formatted for the table. */
    public static final class Row {
        private final AuditRecord record;

        Row(AuditRecord record) {
            this.record = record;
        }

        public long getSequence() {
            return record.sequence();
        }

        public String getOccurredAt() {
            return SHOWN.format(record.occurredAt());
        }

        public String getActor() {
            return record.actor();
        }

        public String getRoles() {
            return String.join(", ", record.actorRoles());
        }

        public String getClient() {
            return record.clientAddress() == null ? "" : record.clientAddress();
        }

        public String getAction() {
            return record.action();
        }

        public String getTarget() {
            return record.target() == null ? "" : record.target();
        }

        public String getOutcome() {
            return record.outcome();
        }

        public String getDetails() {
            return record.details().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; "));
        }
    }
}
