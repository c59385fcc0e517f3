package org.consilium.audit.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.consilium.audit.chain.AuditRecord;
import org.junit.jupiter.api.Test;

class SyslogFormatterTest {

    private static final Instant AT = Instant.parse("2026-11-22T08:15:30.123456789Z");
    private final SyslogFormatter formatter = new SyslogFormatter("consilium-1.hospital.example");

    @Test
    void aSuccessIsAuthprivNotice() {
        AuditRecord record = record("jdoe", List.of("clinician", "host"), "10.0.0.5", "room/7", AuditRecord.SUCCESS);
        assertEquals("<85>1 2026-11-22T08:15:30.123456Z consilium-1.hospital.example consilium - AUDIT "
                + "[consilium@32473 seq=\"42\" actor=\"jdoe\" roles=\"clinician,host\" client=\"10.0.0.5\" "
                + "action=\"room.join\" target=\"room/7\" outcome=\"success\" hash=\""
                + HexFormat.of().formatHex(record.hash()) + "\"] jdoe room.join room/7: success",
                formatter.format(record));
    }

    @Test
    void aFailureOrDenialIsAuthprivWarning() {
        assertTrue(formatter.format(record("jdoe", List.of(), null, null, AuditRecord.FAILURE)).startsWith("<84>1 "));
        assertTrue(formatter.format(record("jdoe", List.of(), null, null, AuditRecord.DENIED)).startsWith("<84>1 "));
        assertTrue(formatter.format(record("jdoe", List.of(), null, null, "something-new")).startsWith("<84>1 "));
    }

    @Test
    void absentClientAndTargetAreLeftOut() {
        String message = formatter.format(record("jdoe", List.of(), null, null, AuditRecord.SUCCESS));
        assertFalse(message.contains("client=") || message.contains("target="), message);
        assertTrue(message.contains(" roles=\"\" "), message);
        assertTrue(message.endsWith("] jdoe room.join: success"), message);
    }

    @Test
    void parameterValuesAreEscapedPerRfc5424() {
        String message = formatter.format(record("a\"b\\c]d", List.of(), null, "x]y", AuditRecord.SUCCESS));
        assertTrue(message.contains(" actor=\"a\\\"b\\\\c\\]d\" "), message);
        assertTrue(message.contains(" target=\"x\\]y\" "), message);
    }

    @Test
    void controlCharactersCannotForgeALine() {
        String message = formatter.format(record("jdoe\n<85>1 forged", List.of(), null, "t\r\u0000", AuditRecord.SUCCESS));
        assertFalse(message.chars().anyMatch(Character::isISOControl), message);
        assertTrue(message.contains("actor=\"jdoe\uFFFD<85>1 forged\""), message);
    }

    @Test
    void aUtf8MessageStartsWithAByteOrderMark() {
        String message = formatter.format(record("müller", List.of(), null, null, AuditRecord.SUCCESS));
        assertTrue(message.contains("] \uFEFFmüller room.join: success"), message);
        assertTrue(formatter.format(record("jdoe", List.of(), null, null, AuditRecord.SUCCESS)).contains("] jdoe"));
    }

    @Test
    void headerFieldsArePrintableAscii() {
        SyslogFormatter odd = new SyslogFormatter("bad host\tnäme");
        String message = odd.format(record("jdoe", List.of(), null, null, AuditRecord.SUCCESS));
        assertTrue(message.startsWith("<85>1 2026-11-22T08:15:30.123456Z badhostnme consilium - AUDIT ["), message);
        assertTrue(new SyslogFormatter("").format(record("jdoe", List.of(), null, null, AuditRecord.SUCCESS))
                .contains("Z - consilium - AUDIT ["));
        String longName = "h".repeat(300);
        assertTrue(new SyslogFormatter(longName).format(record("jdoe", List.of(), null, null, AuditRecord.SUCCESS))
                .contains(" " + "h".repeat(255) + " consilium "));
    }

    @Test
    void timestampsHaveAtMostMicroseconds() {
        assertEquals("2026-11-22T08:15:30.000000Z", SyslogFormatter.timestamp(Instant.parse("2026-11-22T08:15:30Z")));
        assertEquals("-", SyslogFormatter.timestamp(Instant.parse("+12026-11-22T08:15:30Z")));
    }

    private static AuditRecord record(String actor, List<String> roles, String client, String target, String outcome) {
        return AuditRecord.append(42, AT, actor, roles, client, "room.join", target, outcome, Map.of("k", "v"),
                new byte[32]);
    }
}
