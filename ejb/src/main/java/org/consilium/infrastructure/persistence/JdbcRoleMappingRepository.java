package org.consilium.infrastructure.persistence;

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
import org.consilium.domain.admin.RoleMapping;
import org.consilium.domain.admin.RoleMappingRepository;

/** {@link RoleMappingRepository} on the one-row table {@code role_mapping} (migration V10). */
@ApplicationScoped
public class JdbcRoleMappingRepository implements RoleMappingRepository {

    private static final String SELECT = "select mapping, changed_at, changed_by from role_mapping where id = 1";

    @Resource(lookup = "java:jboss/datasources/ConsiliumDS")
    DataSource dataSource;

    @Override
    public Stored current() {
        return select(SELECT);
    }

    @Override
    public Stored lock() {
        return select(SELECT + " for update");
    }

    @Override
    public void save(Optional<RoleMapping> mapping, Username changedBy, Instant changedAt) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "update role_mapping set mapping = ?, changed_at = ?, changed_by = ? where id = 1")) {
            update.setString(1, mapping.map(RoleMapping::toText).orElse(null));
            update.setTimestamp(2, Timestamp.from(changedAt));
            update.setString(3, changedBy.value());
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("the role mapping row (migration V10) is missing");
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("could not store the role mapping", failed);
        }
    }

    private Stored select(String sql) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql);
             ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return new Stored(Optional.empty(), Optional.empty(), Optional.empty());
            }
            Timestamp at = row.getTimestamp(2);
            return new Stored(Optional.ofNullable(row.getString(1)).map(RoleMapping::fromText),
                    Optional.ofNullable(at).map(Timestamp::toInstant), Optional.ofNullable(row.getString(3)));
        } catch (SQLException failed) {
            throw new IllegalStateException("could not read the role mapping", failed);
        }
    }
}
