package org.consilium.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which refused certificates were audited lately, so that a browser holding one is recorded
 * once every few minutes, not on every page it is shown the sign-in form for (each page of a
 * visit, each retry). Kept in memory, bounded: this node's view only, which is enough to
 * keep the trail readable; a restart or another node records it again.
 */
@ApplicationScoped
public class RecentRefusals {

    static final Duration QUIET = Duration.ofMinutes(10);
    private static final int REMEMBERED = 10_000;

    @Inject
    Clock clock;

    private final Map<String, Instant> audited = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** True (and remembered) when this certificate's refusal was not audited in the last {@link #QUIET}. */
    public synchronized boolean firstInAWhile(ClientCertificate certificate) {
        Instant now = clock.instant();
        Instant last = audited.get(certificate.key());
        if (last != null && last.plus(QUIET).isAfter(now)) {
            return false;
        }
        audited.put(certificate.key(), now);
        return true;
    }
}
