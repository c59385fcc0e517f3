package org.consilium.infrastructure.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.consilium.domain.recording.ConsentDecision;
import org.consilium.domain.recording.RecordingId;
import org.consilium.domain.recording.RecordingNotice;
import org.consilium.domain.recording.RecordingRepository;
import org.consilium.domain.recording.RecordingStopReason;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.VisitId;

/** {@link RecordingRepository} on the tables of migration V16; each call is one statement (autocommit or the caller's transaction). */
@ApplicationScoped
public class JdbcRecordingRepository implements RecordingRepository {

    private static final VersionedTextTable NOTICES = new VersionedTextTable("recording_notice");

    @Resource(lookup = "java:jboss/datasources/ConsiliumDS")
    DataSource dataSource;

    @Override
    public Optional<Stored> find(RecordingId id) {
        return select("where id = ?", id.value()).stream().findFirst();
    }

    @Override
    public List<Stored> ofRoom(RoomId room) {
        return select("where room_id = ? order by started_at desc", room.value());
    }

    private List<Stored> select(String where, Object key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select id, room_id, visit_id, started_at, "
                     + "started_by, stopped_at, stop_reason from recording " + where)) {
            select.setObject(1, key);
            List<Stored> found = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    RecordingId id = new RecordingId(row.getObject(1, UUID.class));
                    Timestamp stopped = row.getTimestamp(6);
                    found.add(new Stored(id, new RoomId(row.getObject(2, UUID.class)),
                            new VisitId(row.getObject(3, UUID.class)), row.getTimestamp(4).toInstant(), row.getString(5),
                            stopped == null ? null : stopped.toInstant(), row.getString(7), tracks(connection, id),
                            consents(connection, id)));
                }
            }
            return found;
        } catch (SQLException failed) {
            throw new IllegalStateException("could not read the recordings", failed);
        }
    }

    private static List<Track> tracks(Connection connection, RecordingId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select file_name, participant, kind, started_at, "
                + "stopped_at, plaintext_bytes, sha256, complete from recording_track where recording_id = ? "
                + "order by started_at, file_name")) {
            select.setObject(1, id.value());
            List<Track> tracks = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    tracks.add(new Track(row.getString(1), row.getString(2), row.getString(3),
                            row.getTimestamp(4).toInstant(), row.getTimestamp(5).toInstant(), row.getLong(6),
                            row.getString(7).strip(), row.getBoolean(8)));
                }
            }
            return tracks;
        }
    }

    private static List<Consent> consents(Connection connection, RecordingId id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select participant, principal, display_name, role, "
                + "decision, notice_version, notice_sha256, decided_at from recording_consent where recording_id = ? "
                + "order by id")) {
            select.setObject(1, id.value());
            List<Consent> consents = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    consents.add(new Consent(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                            ConsentDecision.valueOf(row.getString(5).toUpperCase(java.util.Locale.ROOT)), row.getInt(6),
                            row.getString(7).strip(), row.getTimestamp(8).toInstant()));
                }
            }
            return consents;
        }
    }

    @Override
    public void started(RecordingId id, RoomId room, VisitId visit, Instant at, String startedBy, String node) {
        update("insert into recording (id, room_id, visit_id, started_at, started_by, node) values (?, ?, ?, ?, ?, ?)",
                id.value(), room.value(), visit.value(), Timestamp.from(at), startedBy, node);
    }

    @Override
    public void consent(RecordingId id, Consent consent) {
        update("insert into recording_consent (recording_id, participant, principal, display_name, role, decision, "
                        + "notice_version, notice_sha256, decided_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id.value(), consent.participant(), consent.principal(), consent.displayName(), consent.role(),
                consent.decision().code(), consent.noticeVersion(), consent.noticeSha256(), Timestamp.from(consent.at()));
    }

    @Override
    public void track(RecordingId id, Track track) {
        update("insert into recording_track (recording_id, file_name, participant, kind, started_at, stopped_at, "
                        + "plaintext_bytes, sha256, complete) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id.value(), track.fileName(), track.participant(), track.kind(), Timestamp.from(track.startedAt()),
                Timestamp.from(track.stoppedAt()), track.plaintextBytes(), track.sha256(), track.complete());
    }

    @Override
    public void stopped(RecordingId id, Instant at, RecordingStopReason reason) {
        update("update recording set stopped_at = ?, stop_reason = ? where id = ? and stopped_at is null",
                Timestamp.from(at), reason.code(), id.value());
    }

    @Override
    public List<RecordingId> runningOn(String node) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select id from recording where node = ? and stopped_at is null")) {
            select.setString(1, node);
            List<RecordingId> running = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    running.add(new RecordingId(rows.getObject(1, UUID.class)));
                }
            }
            return running;
        } catch (SQLException failed) {
            throw new IllegalStateException("could not read the recordings", failed);
        }
    }

    @Override
    public RecordingNotice currentNotice() {
        try (Connection connection = dataSource.getConnection()) {
            return NOTICES.latest(connection)
                    .map(row -> new RecordingNotice(row.version(), row.text(), row.sha256(), row.changedAt(),
                            row.changedBy()))
                    .orElseGet(() -> RecordingNotice.of(1, RecordingNotice.DEFAULT_TEXT, Instant.EPOCH, "system"));
        } catch (SQLException failed) {
            throw new IllegalStateException("could not read the recording notice", failed);
        }
    }

    /** Writes version 1 of the consent notice when there is none yet (right after the migrations). */
    static void seed(Connection connection) throws SQLException {
        RecordingNotice first = RecordingNotice.of(1, RecordingNotice.DEFAULT_TEXT, Instant.now(), "system");
        NOTICES.seed(connection, new VersionedTextTable.Row(first.version(), first.text(), first.sha256(),
                first.changedAt(), first.changedBy()));
    }

    private void update(String sql, Object... values) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        } catch (SQLException failed) {
            throw new IllegalStateException("could not write a recording's record", failed);
        }
    }
}
