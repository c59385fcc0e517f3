package org.consilium.domain.admin;

import java.util.Optional;
import org.consilium.domain.Username;

/** Where second factors are kept. Runs in the caller's transaction. */
public interface SecondFactorRepository {

    /** The person's second factor, locked until the transaction ends (checks are one after another). */
    Optional<SecondFactor> lock(Username username);

    Optional<SecondFactor> find(Username username);

    /** Inserts or replaces the person's second factor. */
    void save(SecondFactor secondFactor);

    /** @return whether there was one */
    boolean delete(Username username);
}
