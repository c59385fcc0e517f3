package org.consilium.application.signin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.consilium.application.Caller;
import org.consilium.application.audit.AuditTrail;
import org.consilium.domain.Role;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.audit.AuditOutcome;
import org.consilium.domain.signin.ThrottleBook;
import org.consilium.domain.signin.ThrottleKey;
import org.consilium.domain.signin.ThrottlePolicy;

/**
 * Use cases around wrong passwords ({@link ThrottlePolicy#HOSPITAL}, docs/security.md):
 * before a password is tried, is this account at this address (or this address) delayed?
 * After it was tried, count the failure or clear the count. Each delay that starts or grows
 * is audited as {@code sign-in-throttled}, the first attempt each delay turns away as
 * {@code sign-in-failed} (reason {@code throttled}), and an administrator lifting one as
 * {@code sign-in-throttle-lifted}. Kept in this server's memory (a restart forgets; in a
 * cluster each node counts its own), in front of the directory's own lockout policy.
 */
@ApplicationScoped
public class SignInThrottle {

    private static final Logger LOG = Logger.getLogger(SignInThrottle.class.getName());

    private final ThrottleBook book = new ThrottleBook(ThrottlePolicy.HOSPITAL);

    @Inject
    AuditTrail trail;

    @Inject
    Clock clock;

    /** Empty if the password may be tried now; otherwise how long to wait (the attempt is audited once per delay). */
    public Optional<Duration> waitBeforeTrying(String typedAccount, String address) {
        Optional<ThrottleBook.Refusal> refusal;
        synchronized (book) {
            refusal = book.check(typedAccount, address, clock.instant());
        }
        refusal.filter(ThrottleBook.Refusal::first).ifPresent(first -> audit(AuditEvent
                .of(AuditAction.SIGN_IN_FAILED, ThrottleBook.account(typedAccount), List.of())
                .outcome(AuditOutcome.DENIED).from(address).detail("method", "password").detail("reason", "throttled")
                .detail("until", first.throttle().until().toString()).build()));
        return refusal.map(r -> Duration.between(clock.instant(), r.throttle().until()))
                .map(wait -> wait.isNegative() ? Duration.ZERO : wait);
    }

    /** A wrong password (or unknown account) from this address. */
    public void failed(String typedAccount, String address) {
        List<ThrottleBook.Throttle> started;
        synchronized (book) {
            started = book.failed(typedAccount, address, clock.instant());
        }
        for (ThrottleBook.Throttle throttle : started) {
            ThrottleKey key = throttle.key();
            audit(AuditEvent.of(AuditAction.SIGN_IN_THROTTLED, key.isAddressWide() ? "(any)" : key.account(), List.of())
                    .outcome(AuditOutcome.DENIED).from(key.address()).target("sign-in:" + key)
                    .detail("scope", key.isAddressWide() ? "address" : "account-and-address")
                    .detail("failures", Integer.toString(throttle.failures()))
                    .detail("until", throttle.until().toString()).build());
        }
    }

    /** The right password: this account's count at this address starts again. */
    public void succeeded(String account, String address) {
        synchronized (book) {
            book.succeeded(account, address);
        }
    }

    /** The delays in force now, for the console. */
    public List<ThrottleBook.Throttle> inForce() {
        synchronized (book) {
            return book.inForce(clock.instant());
        }
    }

    /** An administrator lifts a delay. @return whether one was in force (it is audited either way) */
    public boolean lift(Caller caller, ThrottleKey key) {
        String target = "sign-in:" + key;
        if (!caller.identity().has(Role.ADMIN)) {
            trail.record(AuditEvent.of(AuditAction.ACCESS_DENIED, caller.username(), caller.roleNames())
                    .outcome(AuditOutcome.DENIED).from(caller.clientAddress()).target(target)
                    .detail("attempted", AuditAction.SIGN_IN_THROTTLE_LIFTED.code()).build());
            return false;
        }
        Optional<ThrottleBook.Throttle> lifted;
        synchronized (book) {
            lifted = book.lift(key, clock.instant());
        }
        AuditEvent.Builder event = AuditEvent.of(AuditAction.SIGN_IN_THROTTLE_LIFTED, caller.username(),
                caller.roleNames()).from(caller.clientAddress()).target(target);
        trail.record(lifted.map(t -> event.detail("failures", Integer.toString(t.failures()))
                        .detail("until", t.until().toString()))
                .orElseGet(() -> event.outcome(AuditOutcome.FAILURE).detail("reason", "not-in-force")).build());
        return lifted.isPresent();
    }

    /** Throttling must work while the trail cannot be written; the failure is logged, as elsewhere. */
    private void audit(AuditEvent event) {
        try {
            trail.record(event);
        } catch (RuntimeException failed) {
            LOG.log(Level.SEVERE, "Could not audit a sign-in throttle", failed);
        }
    }
}
