package org.consilium.domain;

import java.util.List;
import java.util.Optional;

public interface StaffAccountRepository {

    Optional<StaffAccount> find(Username username);

    void add(StaffAccount account);

    /**
     * Accounts whose display name contains {@code text} or whose username starts with it,
     * ignoring case, by display name; at most {@code limit}. The text is matched literally
     * ({@code %} and {@code _} are not wildcards).
     */
    List<StaffAccount> named(String text, int limit);
}
