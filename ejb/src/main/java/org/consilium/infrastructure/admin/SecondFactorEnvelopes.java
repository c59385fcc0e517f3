package org.consilium.infrastructure.admin;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.consilium.application.kek.EnvelopeStore;
import org.consilium.application.kek.KekTally;
import org.consilium.hsm.envelope.EnvelopeException;
import org.consilium.hsm.envelope.EnvelopeHeader;
import org.consilium.hsm.envelope.Envelopes;

/**
 * The envelopes in the database: the sealed second-factor secrets, column
 * {@code staff_second_factor.sealed_secret} (a whole envelope: header, then its one chunk).
 * Each row is rewrapped in its own statement (its own transaction), and only if its sealed
 * secret is still the one read: a row changed meanwhile (a reset, a new enrolment) is left to
 * the next pass. A second-factor check that read the row before holds its row lock
 * ({@code select … for update}) until it commits, so it never writes the old header back.
 */
@ApplicationScoped
public class SecondFactorEnvelopes implements EnvelopeStore {

    private static final Logger LOG = Logger.getLogger(SecondFactorEnvelopes.class.getName());

    @Resource(lookup = "java:jboss/datasources/ConsiliumDS")
    DataSource dataSource;

    @Override
    public String name() {
        return "database";
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public KekTally rewrapOlder(Envelopes envelopes) {
        int current = envelopes.currentKekVersion();
        KekTally tally = KekTally.none();
        for (Map.Entry<String, byte[]> row : rows().entrySet()) {
            byte[] sealed = row.getValue();
            int version;
            try {
                version = EnvelopeHeader.parse(sealed).kekVersion();
            } catch (EnvelopeException notAnEnvelope) {
                LOG.log(Level.WARNING, "The second factor of {0} is not an envelope; it cannot be rewrapped", row.getKey());
                continue;
            }
            if (version >= current) {
                tally = tally.plus(version);
                continue;
            }
            try {
                byte[] header = envelopes.rewrap(Arrays.copyOf(sealed, EnvelopeHeader.LENGTH));
                byte[] rewrapped = sealed.clone();
                System.arraycopy(header, 0, rewrapped, 0, header.length);
                tally = replace(row.getKey(), sealed, rewrapped)
                        ? tally.plus(EnvelopeHeader.parse(header).kekVersion())
                        : tally.plus(currentVersionOf(row.getKey(), version));
            } catch (EnvelopeException | RuntimeException failed) {
                LOG.log(Level.WARNING, "The second factor of {0} could not be rewrapped off KEK v{1}: {2}",
                        new Object[] {row.getKey(), version, failed.toString()});
                tally = tally.plusFailed(version);
            }
        }
        return tally;
    }

    @Override
    public KekTally count() {
        KekTally tally = KekTally.none();
        for (byte[] sealed : rows().values()) {
            try {
                tally = tally.plus(EnvelopeHeader.parse(sealed).kekVersion());
            } catch (EnvelopeException notAnEnvelope) {
                // counted nowhere: it opens under no version
            }
        }
        return tally;
    }

    private Map<String, byte[]> rows() {
        Map<String, byte[]> rows = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select username, sealed_secret from staff_second_factor order by username");
             ResultSet result = query.executeQuery()) {
            while (result.next()) {
                rows.put(result.getString(1), result.getBytes(2));
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("could not read the sealed second factors", failed);
        }
        return rows;
    }

    /** Replaces the row's sealed secret if it is still {@code expected}; false when the row changed or went. */
    private boolean replace(String username, byte[] expected, byte[] rewrapped) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "update staff_second_factor set sealed_secret = ? where username = ? and sealed_secret = ?")) {
            update.setBytes(1, rewrapped);
            update.setString(2, username);
            update.setBytes(3, expected);
            return update.executeUpdate() == 1;
        } catch (SQLException failed) {
            throw new IllegalStateException("could not store a rewrapped second factor", failed);
        }
    }

    /** After a lost race: the version of what the row holds now (the next pass rewraps it if it is old). */
    private int currentVersionOf(String username, int fallback) {
        byte[] now = rows().get(username);
        try {
            return now == null ? fallback : EnvelopeHeader.parse(now).kekVersion();
        } catch (EnvelopeException notAnEnvelope) {
            return fallback;
        }
    }
}
