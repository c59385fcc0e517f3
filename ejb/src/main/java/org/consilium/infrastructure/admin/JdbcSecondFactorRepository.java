package org.consilium.infrastructure.admin;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.consilium.domain.Username;
import org.consilium.domain.admin.SecondFactor;
import org.consilium.domain.admin.SecondFactorRepository;

/** {@link SecondFactorRepository} on the table {@code staff_second_factor} (migration V7). */
@ApplicationScoped
public class JdbcSecondFactorRepository implements SecondFactorRepository {

    private static final String COLUMNS =
            "username, sealed_secret, created_at, confirmed_at, last_used_step, failures, locked_until";

    @Resource(lookup = "java:jboss/datasources/ConsiliumDS")
    DataSource dataSource;

    @Override
    public Optional<SecondFactor> lock(Username username) {
        return select("select " + COLUMNS + " from staff_second_factor where username = ? for update", username);
    }

    @Override
    public Optional<SecondFactor> find(Username username) {
        return select("select " + COLUMNS + " from staff_second_factor where username = ?", username);
    }

    @Override
    public void save(SecondFactor factor) {
        try (Connection connection = dataSource.getConnection()) {
            int updated;
            try (PreparedStatement update = connection.prepareStatement("update staff_second_factor set "
                    + "sealed_secret = ?, created_at = ?, confirmed_at = ?, last_used_step = ?, failures = ?, "
                    + "locked_until = ? where username = ?")) {
                bind(update, factor, 1);
                update.setString(7, factor.username().value());
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement insert = connection.prepareStatement("insert into staff_second_factor ("
                        + "sealed_secret, created_at, confirmed_at, last_used_step, failures, locked_until, username) "
                        + "values (?, ?, ?, ?, ?, ?, ?)")) {
                    bind(insert, factor, 1);
                    insert.setString(7, factor.username().value());
                    insert.executeUpdate();
                }
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("could not store a second factor", failed);
        }
    }

    @Override
    public boolean delete(Username username) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("delete from staff_second_factor where username = ?")) {
            delete.setString(1, username.value());
            return delete.executeUpdate() > 0;
        } catch (SQLException failed) {
            throw new IllegalStateException("could not remove a second factor", failed);
        }
    }

    private static void bind(PreparedStatement statement, SecondFactor factor, int first) throws SQLException {
        statement.setBytes(first, factor.sealedSecret());
        statement.setTimestamp(first + 1, Timestamp.from(factor.createdAt()));
        statement.setTimestamp(first + 2, factor.confirmedAt().map(Timestamp::from).orElse(null));
        statement.setLong(first + 3, factor.lastUsedStep());
        statement.setInt(first + 4, factor.failures());
        statement.setTimestamp(first + 5, factor.lockedUntil().map(Timestamp::from).orElse(null));
    }

    private Optional<SecondFactor> select(String sql, Username username) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, username.value());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SecondFactor(new Username(rows.getString(1)), rows.getBytes(2),
                        rows.getTimestamp(3).toInstant(), instant(rows.getTimestamp(4)), rows.getLong(5),
                        rows.getInt(6), instant(rows.getTimestamp(7))));
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("could not read a second factor", failed);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
