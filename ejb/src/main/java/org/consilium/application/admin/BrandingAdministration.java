package org.consilium.application.admin;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.Role;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.audit.AuditOutcome;
import org.consilium.domain.branding.AccentColour;
import org.consilium.domain.branding.Branding;
import org.consilium.domain.branding.BrandingRepository;
import org.consilium.domain.branding.HospitalName;
import org.consilium.domain.branding.LogoImage;

/**
 * Use cases of the console's Branding page: the hospital's name, logo and accent colour, each
 * set or removed on its own, and all of them back to Consilium's own look at once.
 * Administrators only (anyone else is refused and audited as {@code access-denied}); what was
 * typed or uploaded is checked by the domain ({@link HospitalName}, {@link LogoImage},
 * {@link AccentColour}) and, when refused, changes nothing; a change is audited as
 * {@code configuration-changed}, target {@value #TARGET}, with each changed part before and
 * after (the logo by type, size and SHA-256). Every page shows it within seconds, on every node
 * ({@link BrandingInForce}).
 */
@Stateless
public class BrandingAdministration {

    public static final String TARGET = "settings:branding";

    private static final Logger LOG = Logger.getLogger(BrandingAdministration.class.getName());

    @Inject
    BrandingRepository repository;

    @Inject
    AuditTrail trail;

    @Inject
    Clock clock;

    @Inject
    Event<BrandingInForce.Changed> changed;

    /** What came of a change: the parts changed (empty: nothing to change), or why nothing was. */
    public record Change(Outcome outcome, String problem, List<String> changed) {

        public enum Outcome {
            /** Stored and in force (possibly nothing changed: {@code changed} is empty). */
            DONE,
            /** What was given cannot be used: {@code problem} says why; nothing changed. */
            INVALID,
            /** Only administrators change the branding. */
            REFUSED_ROLE
        }

        static Change invalid(IllegalArgumentException refusal) {
            return new Change(Outcome.INVALID, refusal.getMessage() + ".", List.of());
        }
    }

    /** The branding stored now (read afresh, for the console). */
    public Branding current() {
        return repository.current();
    }

    /** Sets the hospital's name as typed; blank: no name (the header says "Consilium" alone). */
    public Change name(Caller caller, String typed) {
        Optional<HospitalName> name;
        try {
            name = typed == null || typed.isBlank() ? Optional.empty() : Optional.of(new HospitalName(typed));
        } catch (IllegalArgumentException refused) {
            return refusedOr(caller, Change.invalid(refused));
        }
        return apply(caller, branding -> branding.withName(name));
    }

    /** Makes the uploaded file the logo, if it is a PNG or JPEG image ({@link LogoImage#read}). */
    public Change logo(Caller caller, byte[] uploaded) {
        LogoImage logo;
        try {
            logo = LogoImage.read(uploaded);
        } catch (IllegalArgumentException refused) {
            return refusedOr(caller, Change.invalid(refused));
        }
        return apply(caller, branding -> branding.withLogo(Optional.of(logo)));
    }

    /** No logo: the header shows the name alone. */
    public Change removeLogo(Caller caller) {
        return apply(caller, branding -> branding.withLogo(Optional.empty()));
    }

    /** Sets the accent colour as typed ({@code #rrggbb}); blank: Consilium's own. */
    public Change accent(Caller caller, String typed) {
        Optional<AccentColour> accent;
        try {
            accent = typed == null || typed.isBlank() ? Optional.empty() : Optional.of(new AccentColour(typed));
        } catch (IllegalArgumentException refused) {
            return refusedOr(caller, Change.invalid(refused));
        }
        return apply(caller, branding -> branding.withAccent(accent.filter(a -> !a.equals(AccentColour.DEFAULT))));
    }

    /** Name, logo and colour all unset: Consilium's own look. */
    public Change restoreDefaults(Caller caller) {
        return apply(caller, branding -> Branding.DEFAULTS);
    }

    /** A caller who may not change the branding is told so (and audited) before being told what is wrong with the input. */
    private Change refusedOr(Caller caller, Change invalid) {
        return caller.identity().has(Role.ADMIN) ? invalid : refuse(caller);
    }

    private Change refuse(Caller caller) {
        trail.record(event(caller, AuditAction.ACCESS_DENIED, AuditOutcome.DENIED)
                .detail("attempted", AuditAction.CONFIGURATION_CHANGED.code()).build());
        return new Change(Change.Outcome.REFUSED_ROLE, "Only administrators change the branding.", List.of());
    }

    private Change apply(Caller caller, UnaryOperator<Branding> change) {
        if (!caller.identity().has(Role.ADMIN)) {
            return refuse(caller);
        }
        Branding before = repository.lock();
        Branding after = change.apply(before);
        SettingsDiff diff = SettingsDiff.of(before.audited(), after.audited());
        if (diff.none()) {
            return new Change(Change.Outcome.DONE, null, List.of());
        }
        repository.save(after, caller.identity().username(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        trail.record(event(caller, AuditAction.CONFIGURATION_CHANGED, AuditOutcome.SUCCESS)
                .detail("changed", String.join(",", diff.changed()))
                .detail("before", diff.before())
                .detail("after", diff.after())
                .build());
        changed.fire(new BrandingInForce.Changed());
        LOG.info(() -> "Branding changed by " + caller.username() + ": " + diff.before() + " -> " + diff.after());
        return new Change(Change.Outcome.DONE, null, diff.changed());
    }

    private static AuditEvent.Builder event(Caller caller, AuditAction action, AuditOutcome outcome) {
        return AuditEvent.of(action, caller.username(), caller.roleNames()).from(caller.clientAddress())
                .target(TARGET).outcome(outcome);
    }
}
