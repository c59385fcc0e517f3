package org.consilium.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the version this build expects before anything else touches the
 * database. Migrations are versioned SQL in {@code db/migration}; Hibernate never alters
 * the schema itself. A failed migration fails the deployment: better no service than a
 * service on a half-migrated schema. Every other startup bean names this one in
 * {@code @DependsOn("SchemaMigrations")}, since the container may start them in any order
 * (StartupOrderTest).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrations {

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    @Resource(lookup = "java:jboss/datasources/ConsiliumDS")
    private DataSource dataSource;

    @PostConstruct
    void migrate() {
        MigrateResult result = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor())
                .failOnMissingLocations(true)
                .load()
                .migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info(() -> "Database schema at version " + version + " (" + result.migrationsExecuted
                + " migrations applied now)");
        try (Connection connection = dataSource.getConnection()) {
            new JdbcPrivacyNoticeRepository().seed(connection); // version 1 of the guests' privacy notice, once
            new JdbcConsentToTreatRepository().seed(connection); // version 1 of the consent to treat, once
            JdbcRecordingRepository.seed(connection); // version 1 of the recording's consent notice, once
        } catch (SQLException failed) {
            throw new IllegalStateException("could not write the default notices", failed);
        }
    }

    /** Where the database's own migrations are (triggers and privileges differ between vendors). */
    private String vendor() {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgresql")) {
                return "postgresql";
            }
            if (product.contains("h2")) {
                return "h2";
            }
            throw new IllegalStateException("unsupported database: " + product);
        } catch (SQLException unreachable) {
            throw new IllegalStateException("the database is unreachable", unreachable);
        }
    }
}
