package org.consilium.application.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.audit.chain.AuditRecord;
import org.consilium.domain.Role;
import org.consilium.domain.StaffIdentity;
import org.consilium.domain.Username;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.branding.AccentColour;
import org.consilium.domain.branding.Branding;
import org.consilium.domain.branding.BrandingRepository;
import org.consilium.domain.branding.HospitalName;
import org.junit.jupiter.api.Test;

/** The Branding page's use cases, with the branding kept in memory and the audit events collected. */
class BrandingAdministrationTest {

    private static final Caller ADMIN = caller("srivera", Role.ADMIN);
    private static final Caller AUDITOR = caller("lchen", Role.AUDITOR);

    private final List<Branding> saved = new ArrayList<>();
    private final List<AuditEvent> events = new ArrayList<>();
    private final List<BrandingInForce.Changed> fired = new ArrayList<>();
    private final BrandingAdministration branding = new BrandingAdministration();

    BrandingAdministrationTest() {
        branding.repository = new BrandingRepository() {
            @Override
            public Branding current() {
                return saved.isEmpty() ? Branding.DEFAULTS : saved.get(saved.size() - 1);
            }

            @Override
            public Branding lock() {
                return current();
            }

            @Override
            public void save(Branding after, Username changedBy, Instant changedAt) {
                saved.add(after);
            }
        };
        branding.trail = new AuditTrail(null, null, null) {
            @Override
            public AuditRecord record(AuditEvent event) {
                events.add(event);
                return null;
            }
        };
        branding.clock = Clock.fixed(Instant.parse("2026-12-08T01:00:00Z"), ZoneOffset.UTC);
        branding.changed = new Fired();
    }

    @Test
    void aNameIsStoredAuditedWithBeforeAndAfterAndAnnounced() {
        BrandingAdministration.Change change = branding.name(ADMIN, "  Mercy   General ");
        assertEquals(BrandingAdministration.Change.Outcome.DONE, change.outcome());
        assertEquals(List.of("hospital-name"), change.changed());
        assertEquals(Optional.of(new HospitalName("Mercy General")), branding.current().name());
        assertEquals(1, events.size());
        AuditEvent event = events.get(0);
        assertEquals("configuration-changed", event.action().code());
        assertEquals("settings:branding", event.target());
        assertEquals("hospital-name=default", event.details().get("before"));
        assertEquals("hospital-name=Mercy General", event.details().get("after"));
        assertEquals(1, fired.size(), "pages are told to read it again");

        assertEquals(List.of(), branding.name(ADMIN, "Mercy General").changed(), "the same name again");
        assertEquals(1, events.size(), "nothing changed, nothing audited");
    }

    @Test
    void refusedInputChangesNothingAndIsNotAChange() {
        BrandingAdministration.Change colour = branding.accent(ADMIN, "#ffcc00");
        assertEquals(BrandingAdministration.Change.Outcome.INVALID, colour.outcome());
        assertTrue(colour.problem().contains("1.51:1"), colour.problem());
        BrandingAdministration.Change logo = branding.logo(ADMIN, "<svg/>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(BrandingAdministration.Change.Outcome.INVALID, logo.outcome());
        assertTrue(logo.problem().startsWith("SVG files are not accepted"), logo.problem());
        assertEquals(List.of(), saved);
        assertEquals(List.of(), events);
    }

    @Test
    void anyoneButAnAdministratorIsRefusedAndThatIsAudited() {
        for (BrandingAdministration.Change change : List.of(branding.name(AUDITOR, "Mercy"),
                branding.accent(AUDITOR, "#ffcc00"), branding.removeLogo(AUDITOR), branding.restoreDefaults(AUDITOR))) {
            assertEquals(BrandingAdministration.Change.Outcome.REFUSED_ROLE, change.outcome());
            assertEquals("Only administrators change the branding.", change.problem());
        }
        assertEquals(List.of(), saved);
        assertEquals(4, events.size());
        assertTrue(events.stream().allMatch(e -> e.action().code().equals("access-denied")
                && "configuration-changed".equals(e.details().get("attempted"))), events::toString);
    }

    @Test
    void consiliumsOwnColourIsNoColourAndRestoringTheDefaultsUnsetsEverything() {
        branding.accent(ADMIN, AccentColour.DEFAULT.hex());
        assertEquals(List.of(), saved, "Consilium's own colour is what no colour is");
        branding.name(ADMIN, "Mercy");
        branding.accent(ADMIN, "#7a1f5c");
        BrandingAdministration.Change restored = branding.restoreDefaults(ADMIN);
        assertEquals(List.of("hospital-name", "accent-colour"), restored.changed());
        assertEquals(Branding.DEFAULTS, branding.current());
        assertEquals("hospital-name=default; accent-colour=default", events.get(events.size() - 1).details().get("after"));
    }

    private static Caller caller(String username, Role role) {
        return new Caller(new StaffIdentity(new Username(username), username, Set.of(role)), "10.0.0.5");
    }

    /** The CDI event, as it reaches {@link BrandingInForce}: collected. */
    private final class Fired implements Event<BrandingInForce.Changed> {

        @Override
        public void fire(BrandingInForce.Changed event) {
            fired.add(event);
        }

        @Override
        public <U extends BrandingInForce.Changed> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends BrandingInForce.Changed> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<BrandingInForce.Changed> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends BrandingInForce.Changed> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends BrandingInForce.Changed> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
