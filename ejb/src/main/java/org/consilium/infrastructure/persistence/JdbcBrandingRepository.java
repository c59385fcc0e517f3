package org.consilium.infrastructure.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.consilium.domain.Username;
import org.consilium.domain.branding.AccentColour;
import org.consilium.domain.branding.Branding;
import org.consilium.domain.branding.BrandingRepository;
import org.consilium.domain.branding.HospitalName;
import org.consilium.domain.branding.LogoImage;

/** {@link BrandingRepository} on the one-row table {@code branding} (migration V21). */
@ApplicationScoped
public class JdbcBrandingRepository implements BrandingRepository {

    private static final String SELECT = "select hospital_name, logo, logo_media_type, logo_width, logo_height, "
            + "logo_sha256, accent_colour from branding where id = 1";

    @Resource(lookup = "java:jboss/datasources/ConsiliumDS")
    DataSource dataSource;

    @Override
    public Branding current() {
        return select(SELECT);
    }

    @Override
    public Branding lock() {
        return select(SELECT + " for update");
    }

    @Override
    public void save(Branding branding, Username changedBy, Instant changedAt) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("update branding set hospital_name = ?, logo = ?, "
                     + "logo_media_type = ?, logo_width = ?, logo_height = ?, logo_sha256 = ?, accent_colour = ?, "
                     + "changed_at = ?, changed_by = ? where id = 1")) {
            update.setString(1, branding.name().map(HospitalName::value).orElse(null));
            Optional<LogoImage> logo = branding.logo();
            if (logo.isPresent()) {
                update.setBytes(2, logo.get().bytes());
                update.setString(3, logo.get().type().mediaType());
                update.setInt(4, logo.get().width());
                update.setInt(5, logo.get().height());
                update.setString(6, logo.get().sha256());
            } else {
                update.setNull(2, Types.VARBINARY);
                update.setNull(3, Types.VARCHAR);
                update.setNull(4, Types.INTEGER);
                update.setNull(5, Types.INTEGER);
                update.setNull(6, Types.CHAR);
            }
            update.setString(7, branding.accent().map(AccentColour::hex).orElse(null));
            update.setTimestamp(8, Timestamp.from(changedAt));
            update.setString(9, changedBy.value());
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("the branding row (migration V21) is missing");
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("could not store the branding", failed);
        }
    }

    private Branding select(String sql) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql);
             ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return Branding.DEFAULTS;
            }
            byte[] logo = row.getBytes(2);
            return new Branding(Optional.ofNullable(row.getString(1)).map(HospitalName::new),
                    logo == null ? Optional.empty() : Optional.of(LogoImage.stored(logo, row.getString(3),
                            row.getInt(4), row.getInt(5), row.getString(6))),
                    Optional.ofNullable(row.getString(7)).map(AccentColour::new));
        } catch (SQLException failed) {
            throw new IllegalStateException("could not read the branding", failed);
        }
    }
}
