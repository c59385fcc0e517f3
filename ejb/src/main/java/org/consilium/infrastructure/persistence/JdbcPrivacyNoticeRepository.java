package org.consilium.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import org.consilium.domain.room.PrivacyNotice;
import org.consilium.domain.room.PrivacyNoticeRepository;

/** {@link PrivacyNoticeRepository} on the table {@code privacy_notice} (migration V15): one row per version. */
@ApplicationScoped
public class JdbcPrivacyNoticeRepository extends GuestNoticeTable<PrivacyNotice> implements PrivacyNoticeRepository {

    public JdbcPrivacyNoticeRepository() {
        super("privacy_notice", "the privacy notice", PrivacyNotice.DEFAULT_TEXT, PrivacyNotice::new);
    }
}
