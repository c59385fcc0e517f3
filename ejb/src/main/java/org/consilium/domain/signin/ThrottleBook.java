package org.consilium.domain.signin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The counts of recent wrong passwords and the delays they put in force, per account and
 * source address, and per source address over all accounts ({@link ThrottlePolicy}). Not
 * thread-safe: its owner serialises the calls. Bounded: past {@link #REMEMBERED} keys the
 * least recently touched is dropped (a flood of made-up names cannot exhaust memory; it can
 * only forget its own oldest counts).
 */
public final class ThrottleBook {

    static final int REMEMBERED = 20_000;
    /** What a typed user name may fill (a key, not the trail). */
    private static final int MAX_ACCOUNT = 128;

    private final ThrottlePolicy policy;
    private final Map<ThrottleKey, Count> counts = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ThrottleKey, Count> eldest) {
            return size() > REMEMBERED;
        }
    };

    public ThrottleBook(ThrottlePolicy policy) {
        this.policy = policy;
    }

    /** The account as counted: trimmed, case-folded (user names are not case-sensitive), shortened. */
    public static String account(String typed) {
        String account = typed == null || typed.isBlank() ? "(none)" : typed.strip().toLowerCase(Locale.ROOT);
        return account.length() > MAX_ACCOUNT ? account.substring(0, MAX_ACCOUNT) : account;
    }

    /**
     * May this account try a password from this address now? Empty if so; otherwise the
     * delay in force (the longer one, if both keys are delayed) and whether this is the first
     * attempt it turned away (the one worth auditing).
     */
    public Optional<Refusal> check(String typedAccount, String address, Instant now) {
        forget(now);
        Refusal refusal = null;
        for (ThrottleKey key : keys(typedAccount, address)) {
            Count count = counts.get(key);
            if (count != null && count.until.isAfter(now) && (refusal == null || count.until.isAfter(refusal.throttle().until()))) {
                refusal = new Refusal(count.throttle(key), !count.refusalNoted);
                count.refusalNoted = true;
            }
        }
        return Optional.ofNullable(refusal);
    }

    /** A wrong password: counts it, and returns the delays it started or lengthened (each worth auditing). */
    public List<Throttle> failed(String typedAccount, String address, Instant now) {
        forget(now);
        List<Throttle> started = new ArrayList<>();
        for (ThrottleKey key : keys(typedAccount, address)) {
            Count count = counts.computeIfAbsent(key, k -> new Count());
            count.failures++;
            count.lastFailure = now;
            Duration delay = key.isAddressWide() ? policy.delayForAddressAfter(count.failures)
                    : policy.delayForAccountAfter(count.failures);
            if (!delay.isZero()) {
                count.until = now.plus(delay);
                count.refusalNoted = false;
                started.add(count.throttle(key));
            }
        }
        return started;
    }

    /** The right password: this account's count from this address starts again (the address's does not). */
    public void succeeded(String typedAccount, String address) {
        counts.remove(new ThrottleKey(account(typedAccount), address));
    }

    /** The delays in force now, the longest-lasting first. */
    public List<Throttle> inForce(Instant now) {
        forget(now);
        List<Throttle> active = new ArrayList<>();
        counts.forEach((key, count) -> {
            if (count.until.isAfter(now)) {
                active.add(count.throttle(key));
            }
        });
        active.sort(Comparator.comparing(Throttle::until).reversed().thenComparing(t -> t.key().toString()));
        return active;
    }

    /** An administrator lifts a delay: its count starts again. @return the delay lifted, if one was in force */
    public Optional<Throttle> lift(ThrottleKey key, Instant now) {
        Count count = counts.get(key);
        if (count == null || !count.until.isAfter(now)) {
            return Optional.empty();
        }
        counts.remove(key);
        return Optional.of(count.throttle(key));
    }

    private static List<ThrottleKey> keys(String typedAccount, String address) {
        return List.of(new ThrottleKey(account(typedAccount), address), ThrottleKey.addressWide(address));
    }

    private void forget(Instant now) {
        Instant horizon = now.minus(policy.forgetAfter());
        counts.values().removeIf(count -> count.lastFailure.isBefore(horizon) && !count.until.isAfter(now));
    }

    /** A delay in force (or just started). */
    public record Throttle(ThrottleKey key, int failures, Instant until) {
    }

    /** An attempt turned away: by which delay, and whether it is the first that delay turned away. */
    public record Refusal(Throttle throttle, boolean first) {
    }

    private static final class Count {
        int failures;
        Instant lastFailure = Instant.MIN;
        Instant until = Instant.MIN;
        boolean refusalNoted;

        Throttle throttle(ThrottleKey key) {
            return new Throttle(key, failures, until);
        }
    }
}
