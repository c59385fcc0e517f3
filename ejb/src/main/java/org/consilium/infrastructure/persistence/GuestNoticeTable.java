package org.consilium.infrastructure.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import jakarta.annotation.Resource;
import java.time.Instant;
import javax.sql.DataSource;
import org.consilium.domain.room.VersionedNotice;

/**
 * A notice the guest's join page shows, on its table of versions ({@link VersionedTextTable}):
 * the privacy notice and the consent to treat, whose repositories are this with their table.
 * Until version 1 is written (right after the migrations) the default text stands in for it.
 *
 * @param <N> the notice
 */
public abstract class GuestNoticeTable<N extends VersionedNotice> {

    /** A notice of one stored version. */
    @FunctionalInterface
    interface Notice<N> {
        N of(int version, String text, String sha256, Instant changedAt, String changedBy);
    }

    @Resource(lookup = "java:jboss/datasources/ConsiliumDS")
    DataSource dataSource;

    private final VersionedTextTable table;
    private final String described;
    private final String defaultText;
    private final Notice<N> notice;

    /** @param described the notice in sentences ("the privacy notice"), for failures */
    protected GuestNoticeTable(String table, String described, String defaultText, Notice<N> notice) {
        this.table = new VersionedTextTable(table);
        this.described = described;
        this.defaultText = defaultText;
        this.notice = notice;
    }

    /** The version in force: the highest. */
    public N current() {
        try (Connection connection = dataSource.getConnection()) {
            return table.latest(connection).map(this::notice).orElseGet(() -> notice.of(1, defaultText,
                    VersionedNotice.sha256(defaultText), Instant.EPOCH, "system"));
        } catch (SQLException failed) {
            throw new IllegalStateException("could not read " + described, failed);
        }
    }

    /** Stores {@code text} as the next version, unless it is the text in force already; returns the version in force. */
    public N save(String text, String changedBy, Instant changedAt) {
        try (Connection connection = dataSource.getConnection()) {
            return notice(table.save(connection, text, changedBy, changedAt));
        } catch (SQLException failed) {
            throw new IllegalStateException("could not store " + described, failed);
        }
    }

    /** Writes version 1, the default text, when there is no version yet (right after the migrations). */
    void seed(Connection connection) throws SQLException {
        table.seed(connection, new VersionedTextTable.Row(1, defaultText, VersionedNotice.sha256(defaultText),
                Instant.now(), "system"));
    }

    private N notice(VersionedTextTable.Row row) {
        return notice.of(row.version(), row.text(), row.sha256(), row.changedAt(), row.changedBy());
    }
}
