package org.consilium.domain.signin;

import java.util.Objects;

/**
 * What a count of wrong passwords is kept for: an account (as typed, case-folded) at a
 * source address, or, with {@code account} null, a source address over all accounts.
 */
public record ThrottleKey(String account, String address) {

    public ThrottleKey {
        Objects.requireNonNull(address, "address");
    }

    public static ThrottleKey addressWide(String address) {
        return new ThrottleKey(null, address);
    }

    public boolean isAddressWide() {
        return account == null;
    }

    /** As the console and the audit trail name it: {@code account@address}, or {@code *@address}. */
    @Override
    public String toString() {
        return (account == null ? "*" : account) + "@" + address;
    }
}
