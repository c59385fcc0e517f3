package org.consilium.domain;

import java.util.Optional;

public interface StaffAccountRepository {

    Optional<StaffAccount> find(Username username);

    void add(StaffAccount account);
}
