package org.consilium.web.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentRefusalsTest {

    private Instant now = Instant.parse("2026-11-22T08:00:00Z");
    private final RecentRefusals recent = new RecentRefusals();

    RecentRefusalsTest() {
        recent.clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    @Test
    void aRefusedCertificateIsAuditedOnceInAWhileAndAnotherOneAtOnce() {
        ClientCertificate card = new ClientCertificate("1f", "CN=Card CA", List.of());
        assertTrue(recent.firstInAWhile(card));
        assertFalse(recent.firstInAWhile(card), "the next page, a moment later");
        assertTrue(recent.firstInAWhile(new ClientCertificate("20", "CN=Card CA", List.of())), "another card");
        assertTrue(recent.firstInAWhile(new ClientCertificate("1f", "CN=Other CA", List.of())),
                "the same serial from another CA is another certificate");

        now = now.plus(RecentRefusals.QUIET).minusSeconds(1);
        assertFalse(recent.firstInAWhile(card));
        now = now.plus(Duration.ofSeconds(1));
        assertTrue(recent.firstInAWhile(card), "again after " + RecentRefusals.QUIET);
    }
}
