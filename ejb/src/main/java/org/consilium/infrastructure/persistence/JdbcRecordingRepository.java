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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.consilium.domain.recording.ConsentDecision;
import org.consilium.domain.recording.RecordingId;
import org.consilium.domain.recording.RecordingNotice;
import org.consilium.domain.recording.RecordingRetention;
import org.consilium.domain.recording.RecordingRepository;
import org.consilium.domain.recording.RecordingStopReason;
import org.consilium.domain.room.RoomId;
import org.consilium.domain.room.RoomKind;
import org.consilium.domain.room.VisitId;

/** {@link RecordingRepository} on the tables of migration V16; each call is one statement (autocommit or the caller's transaction). */
@ApplicationScoped
public class JdbcRecordingRepository implements RecordingRepository {

    private static final VersionedTextTable NOTICES = new VersionedTextTable("recording_notice");

    @Resource(lookup = "java:jboss/datasources/ConsiliumDS")
    DataSource dataSource;

    @Override
    public Optional<Stored> find(RecordingId id) {
        return select("where r.id = ?", id.value()).stream().findFirst();
    }

    @Override
    public List<Stored> ofRoom(RoomId room) {
        return select("where r.room_id = ? order by r.started_at desc", room.value());
    }

    @Override
    public List<Stored> latest(int limit) {
        return select("order by r.started_at desc fetch first " + Math.max(1, limit) + " rows only");
    }

    @Override
    public List<Stored> shreddable(String node) {
        return select("where r.node = ? and r.stopped_at is not null and not r.legal_hold and r.shredded_at is null "
                + "order by r.stopped_at", node);
    }

    @Override
    public void shredded(RecordingId id, Instant at, String reason) {
        update("update recording set shredded_at = ?, shred_reason = ? where id = ? and shredded_at is null",
                Timestamp.from(at), reason, id.value());
    }

    @Override
    public void hold(RecordingId id, boolean hold, String by, Instant at) {
        update("update recording set legal_hold = ?, hold_changed_at = ?, hold_changed_by = ? where id = ?",
                hold, Timestamp.from(at), by, id.value());
    }

    @Override
    public RecordingRetention retention() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select room_kind, days from recording_retention");
             ResultSet row = select.executeQuery()) {
            Map<RoomKind, Optional<Integer>> days = new EnumMap<>(RoomKind.class);
            while (row.next()) {
                RoomKind kind = RoomKind.valueOf(row.getString(1).strip());
                int value = row.getInt(2);
                // wasNull() speaks of the column read last: the days, so read them last.
                days.put(kind, row.wasNull() ? Optional.empty() : Optional.of(value));
            }
            return new RecordingRetention(days);
        } catch (SQLException failed) {
            throw new IllegalStateException("could not read the recordings' retention", failed);
        }
    }

    @Override
    public void retention(RecordingRetention retention, String by, Instant at) {
        retention.days().forEach((kind, days) -> update("update recording_retention set days = ?, changed_at = ?, "
                + "changed_by = ? where room_kind = ?", days.orElse(null), Timestamp.from(at), by, kind.name()));
    }

    private List<Stored> select(String where, Object... keys) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select r.id, r.room_id, m.kind, r.visit_id, "
                     + "r.started_at, r.started_by, r.stopped_at, r.stop_reason, r.node, r.legal_hold, r.shredded_at "
                     + "from recording r join room m on m.id = r.room_id " + where)) {
            for (int i = 0; i < keys.length; i++) {
                select.setObject(i + 1, keys[i]);
            }
            List<Stored> found = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    RecordingId id = new RecordingId(row.getObject(1, UUID.class));
                    found.add(new Stored(id, new RoomId(row.getObject(2, UUID.class)),
                            RoomKind.valueOf(row.getString(3).strip()), new VisitId(row.getObject(4, UUID.class)),
                            row.getTimestamp(5).toInstant(), row.getString(6), instant(row.getTimestamp(7)),
                            row.getString(8), row.getString(9), row.getBoolean(10), instant(row.getTimestamp(11)),
                            tracks(connection, id), consents(connection, id)));
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
    public void signed(RecordingId id, SignedManifest manifest) {
        update("update recording set manifest = ?, manifest_signature = ? where id = ? and manifest is null",
                manifest.json(), manifest.signature(), id.value());
    }

    @Override
    public Optional<SignedManifest> signedManifest(RecordingId id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select manifest, manifest_signature from recording where id = ? and manifest is not null")) {
            statement.setObject(1, id.value());
            try (var rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(new SignedManifest(rows.getBytes(1), rows.getBytes(2))) : Optional.empty();
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("could not read a recording's manifest", failed);
        }
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
            return NOTICES.latest(connection).map(JdbcRecordingRepository::notice)
                    .orElseGet(() -> RecordingNotice.of(1, RecordingNotice.DEFAULT_TEXT, Instant.EPOCH, "system"));
        } catch (SQLException failed) {
            throw new IllegalStateException("could not read the recording notice", failed);
        }
    }

    @Override
    public RecordingNotice saveNotice(String text, String changedBy, Instant changedAt) {
        try (Connection connection = dataSource.getConnection()) {
            return notice(NOTICES.save(connection, text, changedBy, changedAt));
        } catch (SQLException failed) {
            throw new IllegalStateException("could not store the recording notice", failed);
        }
    }

    private static RecordingNotice notice(VersionedTextTable.Row row) {
        return new RecordingNotice(row.version(), row.text(), row.sha256(), row.changedAt(), row.changedBy());
    }

    /** Writes version 1 of the consent notice when there is none yet (right after the migrations). */
    static void seed(Connection connection) throws SQLException {
        RecordingNotice first = RecordingNotice.of(1, RecordingNotice.DEFAULT_TEXT, Instant.now(), "system");
        NOTICES.seed(connection, new VersionedTextTable.Row(first.version(), first.text(), first.sha256(),
                first.changedAt(), first.changedBy()));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private void update(String sql, Object... values) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    statement.setNull(i + 1, java.sql.Types.INTEGER); // only retention days are ever null
                } else {
                    statement.setObject(i + 1, values[i]);
                }
            }
            statement.executeUpdate();
        } catch (SQLException failed) {
            throw new IllegalStateException("could not write a recording's record", failed);
        }
    }
}
