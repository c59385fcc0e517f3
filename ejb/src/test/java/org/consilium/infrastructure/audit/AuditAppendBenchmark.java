package org.consilium.infrastructure.audit;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.consilium.application.audit.AuditCheckpoints;
import org.consilium.application.audit.AuditTrail;
import org.consilium.application.audit.CheckpointSigner;
import org.consilium.domain.audit.AuditAction;
import org.consilium.domain.audit.AuditEvent;
import org.consilium.domain.audit.AuditOutcome;
import org.flywaydb.core.Flyway;

/**
 * Audit append rate against a real PostgreSQL (a benchmark, not a test): the server's own
 * append path (head row locked FOR UPDATE, insert, head moved, a checkpoint every 1,000
 * events) with one commit per event, by 1, 2, 4 and 8 threads. Checkpoints are signed with
 * a software P-256 key here; the HSM's signature adds one token operation per 1,000 events.
 *
 * <pre>
 * ./consilium test-db      # a throwaway PostgreSQL on 127.0.0.1:55432, left running
 * mvn -q -pl ejb -Pbenchmark test-compile exec:exec -Devents=20000
 * </pre>
 */
public final class AuditAppendBenchmark {

    private static final String SERVER = System.getProperty("db.server", "jdbc:postgresql://127.0.0.1:55432/");
    private static final String DATABASE = "consilium_audit_bench";

    private AuditAppendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.getInteger("events", 20_000);
        freshDatabase();
        Flyway.configure().dataSource(SERVER + DATABASE, "postgres", "")
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql").load().migrate();
        KeyPair key = KeyPairGenerator.getInstance("EC").generateKeyPair();
        System.out.println("| threads | events | seconds | events/s | checkpoints |");
        System.out.println("|---|---|---|---|---|");
        for (int threads : new int[] {1, 2, 4, 8}) {
            run(threads, events, key);
        }
    }

    private static void run(int threads, int events, KeyPair key) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int share = events / threads;
            work.add(pool.submit(() -> {
                appendOnOwnConnection(share, key);
                return null;
            }));
        }
        for (Future<?> done : work) {
            done.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        try (Connection db = connect(); var rows = db.createStatement().executeQuery(
                "select (select count(*) from audit_event), (select max(sequence) from audit_event), (select count(*) from audit_checkpoint)")) {
            rows.next();
            if (rows.getLong(1) != rows.getLong(2)) {
                throw new IllegalStateException("a gap in the sequence: " + rows.getLong(1) + " rows, last " + rows.getLong(2));
            }
            System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %.0f | %d |%n", threads, events, seconds, events / seconds,
                    rows.getLong(3));
        }
    }

    /** One thread's appends: its own connection, a transaction per event as in the server. */
    private static void appendOnOwnConnection(int count, KeyPair key) throws Exception {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            JdbcAuditLog log = new JdbcAuditLog();
            log.dataSource = SharedConnection.dataSource(connection);
            AuditTrail trail = new AuditTrail(log, new AuditCheckpoints(log, signer(key), 1000), Clock.systemUTC());
            for (int i = 0; i < count; i++) {
                trail.record(AuditEvent.of(AuditAction.SIGN_IN_FAILED, "bench-" + (i % 100), List.of())
                        .outcome(AuditOutcome.FAILURE).from("10.0.0." + (i % 250)).detail("reason", "credentials refused").build());
                connection.commit();
            }
        }
    }

    private static CheckpointSigner signer(KeyPair key) {
        return new CheckpointSigner() {
            @Override
            public String keyId() {
                return "bench";
            }

            @Override
            public byte[] sign(byte[] data) {
                try {
                    Signature signature = Signature.getInstance("SHA256withECDSA");
                    signature.initSign(key.getPrivate());
                    signature.update(data);
                    return signature.sign();
                } catch (java.security.GeneralSecurityException failed) {
                    throw new IllegalStateException(failed);
                }
            }

            @Override
            public String publicKeyPem() {
                return "";
            }

            @Override
            public String certificatePem() {
                return "";
            }
        };
    }

    private static void freshDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
            admin.createStatement().execute("drop database if exists " + DATABASE);
            admin.createStatement().execute("create database " + DATABASE);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
    }
}
