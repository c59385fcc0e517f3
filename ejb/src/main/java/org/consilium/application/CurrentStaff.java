package org.consilium.application;

import java.util.Optional;
import org.consilium.domain.StaffIdentity;

/** The staff identity of the caller, if the caller signed in with a directory account. */
public interface CurrentStaff {

    Optional<StaffIdentity> get();
}
