package org.consilium.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.consilium.domain.StaffAccount;
import org.consilium.domain.StaffAccountRepository;
import org.consilium.domain.StaffIdentity;

/** Use case: a staff member has signed in; remember it and tell them when they last did. */
@Stateless
public class StaffSignInService {

    private final StaffAccountRepository accounts;
    private final Clock clock;

    @Inject
    public StaffSignInService(StaffAccountRepository accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    protected StaffSignInService() {
        this(null, null); // for the EJB container's proxy
    }

    /** @return the previous sign-in time, empty on the very first sign-in */
    public Optional<Instant> recordSignIn(StaffIdentity who) {
        Instant now = clock.instant();
        Optional<StaffAccount> known = accounts.find(who.username());
        if (known.isPresent()) {
            return Optional.of(known.get().signedInAgain(who.displayName(), now));
        }
        accounts.add(StaffAccount.firstSignIn(who.username(), who.displayName(), now));
        return Optional.empty();
    }
}
