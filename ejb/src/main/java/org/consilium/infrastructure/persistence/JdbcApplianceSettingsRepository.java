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
import org.consilium.domain.admin.ApplianceSettings;
import org.consilium.domain.admin.ApplianceSettingsRepository;

/** {@link ApplianceSettingsRepository} on the one-row table {@code appliance_settings} (migration V11). */
@ApplicationScoped
public class JdbcApplianceSettingsRepository implements ApplianceSettingsRepository {

    private static final String SELECT = "select siem_host, siem_port, ntp_servers, session_idle_seconds, "
            + "tls_expiry_warning_days from appliance_settings where id = 1";

    @Resource(lookup = "java:jboss/datasources/ConsiliumDS")
    DataSource dataSource;

    @Override
    public ApplianceSettings current() {
        return select(SELECT);
    }

    @Override
    public ApplianceSettings lock() {
        return select(SELECT + " for update");
    }

    @Override
    public void save(ApplianceSettings settings, Username changedBy, Instant changedAt) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("update appliance_settings set siem_host = ?, "
                     + "siem_port = ?, ntp_servers = ?, session_idle_seconds = ?, tls_expiry_warning_days = ?, "
                     + "changed_at = ?, changed_by = ? where id = 1")) {
            update.setString(1, settings.siemHost().orElse(null));
            integer(update, 2, settings.siemPort());
            update.setString(3, settings.ntpServers().map(list -> String.join(",", list)).orElse(null));
            integer(update, 4, settings.sessionIdleTimeout().map(idle -> Math.toIntExact(idle.toSeconds())));
            update.setInt(5, settings.tlsExpiryWarningDays());
            update.setTimestamp(6, Timestamp.from(changedAt));
            update.setString(7, changedBy.value());
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("the appliance settings row (migration V11) is missing");
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("could not store the appliance settings", failed);
        }
    }

    private ApplianceSettings select(String sql) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql);
             ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return ApplianceSettings.DEFAULTS;
            }
            Optional<Integer> idle = integer(row, 4);
            return new ApplianceSettings(Optional.ofNullable(row.getString(1)), integer(row, 2),
                    Optional.ofNullable(row.getString(3)).map(ApplianceSettings::hostList),
                    idle.map(Duration::ofSeconds), row.getInt(5));
        } catch (SQLException failed) {
            throw new IllegalStateException("could not read the appliance settings", failed);
        }
    }

    private static Optional<Integer> integer(ResultSet row, int column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static void integer(PreparedStatement statement, int index, Optional<Integer> value) throws SQLException {
        if (value.isPresent()) {
            statement.setInt(index, value.get());
        } else {
            statement.setNull(index, Types.INTEGER);
        }
    }
}
