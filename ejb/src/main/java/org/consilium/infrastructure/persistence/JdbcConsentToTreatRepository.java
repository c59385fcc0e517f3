package org.consilium.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import org.consilium.domain.room.ConsentToTreat;
import org.consilium.domain.room.ConsentToTreatRepository;

/** {@link ConsentToTreatRepository} on the table {@code consent_to_treat} (migration V22): one row per version. */
@ApplicationScoped
public class JdbcConsentToTreatRepository extends GuestNoticeTable<ConsentToTreat> implements ConsentToTreatRepository {

    public JdbcConsentToTreatRepository() {
        super("consent_to_treat", "the consent to treat", ConsentToTreat.DEFAULT_TEXT, ConsentToTreat::new);
    }
}
