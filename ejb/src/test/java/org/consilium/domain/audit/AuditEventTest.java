package org.consilium.domain.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditEventTest {

    @Test
    void anEventIsBuiltWithSuccessAsItsDefaultOutcomeAndSortedDetails() {
        AuditEvent event = AuditEvent.of(AuditAction.CONFIGURATION_CHANGED, "srivera", List.of("admin"))
                .from("10.1.2.3").target("setting:lobby").detail("to", "on").detail("from", "off").build();

        assertEquals(AuditOutcome.SUCCESS, event.outcome());
        assertEquals(List.of("from", "to"), List.copyOf(event.details().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> event.details().put("x", "y"));
    }

    @Test
    void badEventsAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> AuditEvent.of(AuditAction.SIGN_IN, " ", List.of()).build());
        assertThrows(IllegalArgumentException.class, () -> AuditEvent.of(AuditAction.SIGN_IN, "a".repeat(257), List.of()).build());
        assertThrows(IllegalArgumentException.class, () -> AuditEvent.of(AuditAction.SIGN_IN, "a", List.of("admin,auditor")).build());
        assertThrows(IllegalArgumentException.class, () -> AuditEvent.of(AuditAction.SIGN_IN, "a", List.of()).target("t".repeat(513)).build());
        assertThrows(IllegalArgumentException.class, () -> AuditEvent.of(AuditAction.SIGN_IN, "a", List.of()).detail("k", "v".repeat(1024)).build());
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent(AuditAction.SIGN_IN, AuditOutcome.SUCCESS, "a",
                List.of(), null, null, Map.of(" ", "v")));
        assertThrows(NullPointerException.class, () -> new AuditEvent(null, AuditOutcome.SUCCESS, "a", List.of(), null, null, null));
    }

    @Test
    void actionCodesAreDistinctAndFoundAgain() {
        Set<String> codes = new HashSet<>();
        for (AuditAction action : AuditAction.values()) {
            assertEquals(true, codes.add(action.code()), action.code());
            assertEquals(action, AuditAction.fromCode(action.code()).orElseThrow());
        }
        assertEquals(true, Arrays.stream(AuditAction.values()).allMatch(a -> a.code().matches("[a-z]+(-[a-z]+)*")));
    }
}
