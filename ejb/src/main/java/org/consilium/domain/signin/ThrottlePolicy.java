package org.consilium.domain.signin;

import java.time.Duration;

/**
 * How wrong passwords slow down further attempts (docs/security.md, "Wrong passwords"): never
 * a lockout that anyone who knows a user name can cause from anywhere, but a delay that
 * doubles with each further failure, counted per account and source address (one attacker
 * at one computer), and, with a higher allowance, per source address over all accounts (one
 * computer trying many accounts).
 *
 * @param freePerAccountAndAddress failures of one account from one address before the first delay
 * @param freePerAddress failures from one address, any accounts, before that address is delayed
 * @param firstDelay the first delay; each further failure doubles it
 * @param longestDelay the delay of an account at an address stops growing here
 * @param longestAddressDelay the delay of a whole address stops growing here: shorter, since
 *     everyone behind a shared address (a terminal server, a NAT) waits with it
 * @param forgetAfter a count with no failure for this long starts again from zero
 */
public record ThrottlePolicy(int freePerAccountAndAddress, int freePerAddress, Duration firstDelay,
        Duration longestDelay, Duration longestAddressDelay, Duration forgetAfter) {

    /**
     * The appliance's policy: 5 wrong passwords free per account and address, 100 per address
     * (high enough for a ward's shared computer or a terminal server, low enough to stop a
     * computer trying one password on every account);
     * then 1 s, doubling, up to 15 min per account and address and 1 min per address;
     * forgotten after 1 h without a wrong password.
     */
    public static final ThrottlePolicy HOSPITAL = new ThrottlePolicy(5, 100, Duration.ofSeconds(1),
            Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofHours(1));

    public ThrottlePolicy {
        if (freePerAccountAndAddress < 1 || freePerAddress < 1) {
            throw new IllegalArgumentException("at least one failure must be free");
        }
        if (firstDelay.isNegative() || firstDelay.isZero() || longestDelay.compareTo(firstDelay) < 0
                || longestAddressDelay.compareTo(firstDelay) < 0 || forgetAfter.compareTo(longestDelay) < 0
                || forgetAfter.compareTo(longestAddressDelay) < 0) {
            throw new IllegalArgumentException("delays must be positive, the longest at least the first, "
                    + "and counts forgotten no sooner than the longest delay");
        }
    }

    /** The delay after the {@code failures}-th failure of an account at an address. */
    public Duration delayForAccountAfter(int failures) {
        return delayAfter(failures, freePerAccountAndAddress, longestDelay);
    }

    /** The delay after the {@code failures}-th failure at an address, any accounts. */
    public Duration delayForAddressAfter(int failures) {
        return delayAfter(failures, freePerAddress, longestAddressDelay);
    }

    /** None while free, then the first delay, doubling with each failure, capped. */
    private Duration delayAfter(int failures, int free, Duration longest) {
        if (failures < free) {
            return Duration.ZERO;
        }
        int doublings = failures - free;
        if (doublings >= 40) {
            return longest;
        }
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(longest) > 0 ? longest : delay;
    }
}
