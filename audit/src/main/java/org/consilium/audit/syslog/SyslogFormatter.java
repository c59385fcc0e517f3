package org.consilium.audit.syslog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.consilium.audit.chain.AuditRecord;

/**
 * One RFC 5424 message per audit record:
 * <pre>
 * &lt;PRI&gt;1 TIMESTAMP HOSTNAME consilium - AUDIT [consilium@32473 seq=".." actor=".." roles=".."
 *     client=".." action=".." target=".." outcome=".." hash=".."] actor action target: outcome
 * </pre>
 * Facility authpriv (10); severity notice (5) for success, warning (4) for any other outcome.
 * {@code client} and {@code target} are left out when the record has none. Control
 * characters in values and text become U+FFFD so a SIEM that splits on newlines cannot be
 * fed a forged line; the export, not the SIEM, is the record of truth. Thread-safe.
 */
public final class SyslogFormatter {

    public static final int FACILITY_AUTHPRIV = 10;
    public static final int SEVERITY_WARNING = 4;
    public static final int SEVERITY_NOTICE = 5;
    public static final String APP_NAME = "consilium";
    public static final String MSG_ID = "AUDIT";
    /**
     * SD-ID: name@private-enterprise-number. 32473 is IANA's example number (RFC 5612); a
     * site with its own number can keep this one, since the name makes it unique here.
     */
    public static final String SD_ID = "consilium@32473";

    private static final int MAX_HOSTNAME = 255;
    private static final String NILVALUE = "-";
    private static final char BOM = '\uFEFF';
    private static final char REPLACEMENT = '\uFFFD';
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Instant FIRST_TIMESTAMP = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant END_OF_TIMESTAMPS = Instant.parse("+10000-01-01T00:00:00Z");

    private final String hostname;

    /** {@code hostname}: this appliance's FQDN (characters outside printable US-ASCII are dropped). */
    public SyslogFormatter(String hostname) {
        this.hostname = headerField(hostname, MAX_HOSTNAME);
    }

    public String format(AuditRecord record) {
        if (record == null) {
            throw new IllegalArgumentException("the record must not be null");
        }
        StringBuilder message = new StringBuilder(512);
        message.append('<').append(priority(record.outcome())).append(">1 ")
                .append(timestamp(record.occurredAt())).append(' ')
                .append(hostname).append(' ')
                .append(APP_NAME).append(' ')
                .append(NILVALUE).append(' ')
                .append(MSG_ID).append(' ')
                .append('[').append(SD_ID);
        param(message, "seq", Long.toString(record.sequence()));
        param(message, "actor", record.actor());
        param(message, "roles", String.join(",", record.actorRoles()));
        param(message, "client", record.clientAddress());
        param(message, "action", record.action());
        param(message, "target", record.target());
        param(message, "outcome", record.outcome());
        param(message, "hash", HexFormat.of().formatHex(record.hash()));
        message.append("] ");
        String text = text(record);
        if (!isAscii(text)) {
            message.append(BOM); // RFC 5424 §6.4: a UTF-8 MSG starts with a BOM
        }
        return message.append(text).toString();
    }

    /** authpriv.notice (85) for success, authpriv.warning (84) otherwise. */
    public static int priority(String outcome) {
        int severity = AuditRecord.SUCCESS.equals(outcome) ? SEVERITY_NOTICE : SEVERITY_WARNING;
        return FACILITY_AUTHPRIV * 8 + severity;
    }

    /** RFC 5424 TIMESTAMP: UTC, microseconds at most; NILVALUE outside years 0000–9999. */
    static String timestamp(Instant instant) {
        if (instant.isBefore(FIRST_TIMESTAMP) || !instant.isBefore(END_OF_TIMESTAMPS)) {
            return NILVALUE;
        }
        return TIMESTAMP.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    private static String text(AuditRecord record) {
        StringBuilder text = new StringBuilder(128);
        text.append(record.actor()).append(' ').append(record.action());
        if (record.target() != null) {
            text.append(' ').append(record.target());
        }
        text.append(": ").append(record.outcome());
        return withoutControls(text.toString());
    }

    /** SD-PARAM with PARAM-VALUE escaped per RFC 5424 §6.3.3; nothing for null. */
    private static void param(StringBuilder out, String name, String value) {
        if (value == null) {
            return;
        }
        out.append(' ').append(name).append("=\"");
        String clean = withoutControls(value);
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    private static String withoutControls(String value) {
        StringBuilder clean = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                if (clean == null) {
                    clean = new StringBuilder(value);
                }
                clean.setCharAt(i, REPLACEMENT);
            }
        }
        return clean == null ? value : clean.toString();
    }

    /** PRINTUSASCII (33–126) only, at most {@code max} characters; NILVALUE if nothing is left. */
    private static String headerField(String value, int max) {
        if (value == null) {
            return NILVALUE;
        }
        StringBuilder field = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && field.length() < max; i++) {
            char c = value.charAt(i);
            if (c >= 33 && c <= 126) {
                field.append(c);
            }
        }
        return field.length() == 0 ? NILVALUE : field.toString();
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }
}
