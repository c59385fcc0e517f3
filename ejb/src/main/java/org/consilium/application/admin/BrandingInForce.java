package org.consilium.application.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.FreshValue;
import org.consilium.domain.branding.Branding;
import org.consilium.domain.branding.BrandingRepository;

/**
 * The branding every page shows: read from the database at most every {@link #FRESH} per
 * node (every page's header asks). A page must never fail because of its header: when the
 * database does not answer, Consilium's own look applies.
 */
@ApplicationScoped
public class BrandingInForce {

    static final Duration FRESH = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(BrandingInForce.class.getName());

    private final FreshValue<Branding> stored;
    private volatile boolean unreadable;

    @Inject
    public BrandingInForce(BrandingRepository repository) {
        this.stored = new FreshValue<>(FRESH, repository::current);
    }

    protected BrandingInForce() {
        this.stored = null; // for the CDI proxy
    }

    public Branding current() {
        try {
            Branding branding = stored.get();
            unreadable = false;
            return branding;
        } catch (RuntimeException failed) {
            if (!unreadable) { // once per outage: every page asks
                unreadable = true;
                LOG.log(Level.WARNING, "Could not read the branding; pages show Consilium's own", failed);
            }
            return Branding.DEFAULTS;
        }
    }

    /** Fired by a change once stored; observed after its commit. */
    public record Changed() {
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Changed changed) {
        stored.forget();
    }
}
