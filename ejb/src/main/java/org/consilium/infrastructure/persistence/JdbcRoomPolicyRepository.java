package org.consilium.infrastructure.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.consilium.domain.Username;
import org.consilium.domain.room.RoomPolicy;
import org.consilium.domain.room.RoomPolicyRepository;

/** {@link RoomPolicyRepository} on the one-row table {@code room_policy} (migrations V9, V13). */
@ApplicationScoped
public class JdbcRoomPolicyRepository implements RoomPolicyRepository {

    private static final String SELECT = "select lobby_by_default, invitation_default_minutes, "
            + "invitation_maximum_minutes, invitation_single_use, recording_allowed, empty_room_timeout_seconds, "
            + "max_visit_length_seconds, reconnect_grace_seconds from room_policy where id = 1";

    @Resource(lookup = "java:jboss/datasources/ConsiliumDS")
    DataSource dataSource;

    @Override
    public RoomPolicy current() {
        return select(SELECT);
    }

    @Override
    public RoomPolicy lock() {
        return select(SELECT + " for update");
    }

    @Override
    public void save(RoomPolicy policy, Username changedBy, Instant changedAt) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("update room_policy set lobby_by_default = ?, "
                     + "invitation_default_minutes = ?, invitation_maximum_minutes = ?, invitation_single_use = ?, "
                     + "recording_allowed = ?, empty_room_timeout_seconds = ?, max_visit_length_seconds = ?, "
                     + "reconnect_grace_seconds = ?, changed_at = ?, changed_by = ? where id = 1")) {
            update.setBoolean(1, policy.lobbyByDefault());
            update.setInt(2, policy.invitationDefaultMinutes());
            update.setInt(3, policy.invitationMaximumMinutes());
            update.setBoolean(4, policy.singleUseByDefault());
            update.setBoolean(5, policy.recordingAllowed());
            seconds(update, 6, policy.emptyRoomTimeout());
            seconds(update, 7, policy.maxVisitLength());
            seconds(update, 8, policy.reconnectGrace());
            update.setTimestamp(9, Timestamp.from(changedAt));
            update.setString(10, changedBy.value());
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("the room policy row (migration V9) is missing");
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("could not store the room policy", failed);
        }
    }

    private RoomPolicy select(String sql) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql);
             ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return RoomPolicy.DEFAULTS;
            }
            return new RoomPolicy(row.getBoolean(1), row.getInt(2), row.getInt(3), row.getBoolean(4), row.getBoolean(5),
                    duration(row, 6), duration(row, 7), duration(row, 8));
        } catch (SQLException failed) {
            throw new IllegalStateException("could not read the room policy", failed);
        }
    }

    private static Optional<Duration> duration(ResultSet row, int column) throws SQLException {
        long seconds = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    }

    private static void seconds(PreparedStatement statement, int index, Optional<Duration> value) throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, value.get().toSeconds());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }
}
