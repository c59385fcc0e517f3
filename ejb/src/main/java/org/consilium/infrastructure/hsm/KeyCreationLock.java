package org.consilium.infrastructure.hsm;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Makes "find Consilium's keys on the token, create those missing" one node at a time across
 * a cluster. The nodes share one token and one PostgreSQL (docs/architecture.md, "Cluster"):
 * two nodes starting together on an empty token could otherwise each create a KEK version 1
 * and an audit signing key. A PostgreSQL session-level advisory lock is held around the work;
 * a node that finds it taken does not wait (it would hold up its deployment) but says so, and
 * its caller tries again a few seconds later, when the other has created the keys and it finds
 * them. H2 is the single-node development database: no lock is needed there.
 */
final class KeyCreationLock {

    /** The advisory lock's key: ASCII "CnslmKey", fixed, so every node of every version agrees. */
    static final long KEY = 0x436e736c6d4b6579L;
    static final String TAKEN = "another node of the cluster is creating the keys on the shared token; trying again";

    private KeyCreationLock() {
    }

    /**
     * Runs {@code work} holding the lock.
     *
     * @return the work's result, or empty when another node holds the lock now
     * @throws IllegalStateException the database does not answer
     */
    static <T> Optional<T> around(DataSource database, Supplier<T> work) {
        try (Connection connection = database.getConnection()) {
            if (!"PostgreSQL".equalsIgnoreCase(connection.getMetaData().getDatabaseProductName())) {
                return Optional.of(work.get());
            }
            if (!call(connection, "select pg_try_advisory_lock(?)")) {
                return Optional.empty();
            }
            try {
                return Optional.of(work.get());
            } finally {
                call(connection, "select pg_advisory_unlock(?)");
            }
        } catch (SQLException unreachable) {
            throw new IllegalStateException("the database, which orders the creation of keys between the nodes of a "
                    + "cluster, does not answer: " + unreachable.getMessage(), unreachable);
        }
    }

    private static boolean call(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, KEY);
            statement.setQueryTimeout(10);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
