package org.consilium.infrastructure.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.consilium.audit.chain.AuditRecord;
import org.consilium.domain.audit.AuditCriteria;
import org.flywaydb.core.Flyway;

/**
 * The admin console's audit search over a million rows (a benchmark, not a test): the
 * first page (51 rows asked, as {@code AuditSearch} asks for a page of 50) of typical
 * and awkward searches through {@link JdbcAuditLog#search}, then the same searches
 * with the indexes as they were before migration V8, to show what its (column, sequence)
 * indexes buy.
 *
 * <p>Rows are generated in PostgreSQL by one INSERT … SELECT as a superuser (hashes are
 * stand-ins: the search never checks them): 30 days, 500 staff, a realistic mix of
 * actions (30% sign-in, 50% participant and lobby events, 1% access-denied…), targets
 * {@code room:0…4999}.
 *
 * <pre>
 * ./consilium test-db      # a throwaway PostgreSQL on 127.0.0.1:55432, left running
 * mvn -q -pl ejb -Pbenchmark test-compile exec:exec -Dbenchmark=AuditSearchBenchmark -Drows=1000000
 * </pre>
 */
public final class AuditSearchBenchmark {

    private static final String SERVER = System.getProperty("db.server", "jdbc:postgresql://127.0.0.1:55432/");
    private static final String DATABASE = "consilium_audit_search_bench";
    private static final Instant START = Instant.parse("2026-10-23T00:00:00Z");
    private static final Duration SPAN = Duration.ofDays(30);
    private static final int PAGE = 51;
    private static final int WARM_UP = 5;
    private static final int RUNS = 30;

    private AuditSearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.getLong("rows", 1_000_000);
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "")) {
            admin.createStatement().execute("drop database if exists " + DATABASE);
            admin.createStatement().execute("create database " + DATABASE);
        }
        Flyway.configure().dataSource(SERVER + DATABASE, "postgres", "")
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql").load().migrate();
        try (Connection db = DriverManager.getConnection(SERVER + DATABASE, "postgres", "")) {
            long started = System.nanoTime();
            generate(db, rows);
            System.out.printf(Locale.ROOT, "generated %,d rows in %.1f s (indexes as of V8)%n", rows,
                    (System.nanoTime() - started) / 1e9);
            try (var size = db.createStatement().executeQuery(
                    "select pg_size_pretty(pg_total_relation_size('audit_event'))")) {
                size.next();
                System.out.println("audit_event with its indexes: " + size.getString(1));
            }
            JdbcAuditLog log = new JdbcAuditLog();
            log.dataSource = SharedConnection.dataSource(db);
            db.setAutoCommit(false); // a transaction per search, as in the server (AuditSearch)
            Instant end = START.plus(SPAN);
            List<Scenario> scenarios = List.of(
                    new Scenario("newest, last 24 h, no criteria", new AuditCriteria(end.minus(Duration.ofDays(1)), null, null, null, null, null)),
                    new Scenario("whole 30 days, no criteria", new AuditCriteria(START, end, null, null, null, null)),
                    new Scenario("one hour 20 days ago", new AuditCriteria(START.plus(Duration.ofDays(10)), START.plus(Duration.ofDays(10)).plus(Duration.ofHours(1)), null, null, null, null)),
                    new Scenario("actor (one of 500 staff), 30 days", new AuditCriteria(START, end, "staff-123", null, null, null)),
                    new Scenario("action access-denied (1%), 30 days", new AuditCriteria(START, end, null, "access-denied", null, null)),
                    new Scenario("outcome denied, last 24 h", new AuditCriteria(end.minus(Duration.ofDays(1)), null, null, null, null, "denied")),
                    new Scenario("target room:42 (200 rows), 30 days", new AuditCriteria(START, end, null, null, "room:42", null)),
                    new Scenario("actor + rare action (none match), 30 days", new AuditCriteria(START, end, "staff-123", "break-glass", null, null)));
            System.out.println();
            System.out.println("| search (first page) | rows found | median ms | p95 ms | max ms |");
            System.out.println("|---|---|---|---|---|");
            for (Scenario scenario : scenarios) {
                measure(db, scenario.name, () -> log.search(scenario.criteria, Long.MAX_VALUE, PAGE));
            }
            List<AuditRecord> first = log.search(scenarios.get(1).criteria, Long.MAX_VALUE, PAGE);
            long before = first.get(PAGE - 2).sequence();
            measure(db, "whole 30 days, second page (keyset)", () -> log.search(scenarios.get(1).criteria, before, PAGE));
            List<AuditRecord> deep = log.search(new AuditCriteria(START, end, null, null, null, null), 5_000, PAGE);
            measure(db, "whole 30 days, a page 995,000 rows down", () -> log.search(scenarios.get(1).criteria, 5_000, PAGE));
            if (deep.isEmpty()) {
                throw new IllegalStateException("no deep page");
            }

            db.setAutoCommit(true);
            try (Statement asBefore = db.createStatement()) {
                for (String index : List.of("audit_event_actor_seq_ix", "audit_event_action_seq_ix",
                        "audit_event_target_seq_ix", "audit_event_outcome_seq_ix")) {
                    asBefore.execute("drop index " + index);
                }
                asBefore.execute("create index audit_event_actor_ix on audit_event (actor, occurred_at)");
                asBefore.execute("create index audit_event_action_ix on audit_event (action, occurred_at)");
                asBefore.execute("analyze audit_event");
            }
            db.setAutoCommit(false);
            System.out.println();
            System.out.println("With the indexes as before V8 (V2's (occurred_at), (actor, occurred_at), (action, occurred_at)):");
            System.out.println();
            System.out.println("| search (first page) | rows found | median ms | p95 ms | max ms |");
            System.out.println("|---|---|---|---|---|");
            for (Scenario scenario : scenarios.subList(3, scenarios.size())) {
                measure(db, scenario.name, () -> log.search(scenario.criteria, Long.MAX_VALUE, PAGE));
            }
        }
    }

    private record Scenario(String name, AuditCriteria criteria) {
    }

    private static void measure(Connection db, String name, Supplier<List<AuditRecord>> search) throws SQLException {
        int found = 0;
        for (int i = 0; i < WARM_UP; i++) {
            found = search.get().size();
            db.commit();
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            found = search.get().size();
            db.commit();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f |%n", name, found, millis[RUNS / 2],
                millis[(int) Math.ceil(RUNS * 0.95) - 1], millis[RUNS - 1]);
    }

    /** One INSERT … SELECT: 30 days of events, evenly spread, then the chain head and fresh statistics. */
    private static void generate(Connection db, long rows) throws SQLException {
        double secondsApart = SPAN.toSeconds() / (double) rows;
        String sql = """
                insert into audit_event (sequence, occurred_at, actor, actor_roles, client_address, action, target,
                                         outcome, details, previous_hash, hash)
                select s,
                       timestamptz '%s' + make_interval(secs => s * %s),
                       'staff-' || ((s * 7919) %% 500),
                       case when s %% 50 = 0 then 'admin' else 'clinician' end,
                       '10.12.' || ((s / 250) %% 250) || '.' || (s %% 250),
                       a.action,
                       case when a.action in ('participant-joined', 'participant-left', 'lobby-admitted', 'room-created')
                            then 'room:' || (s %% 5000)
                            when a.action = 'access-denied' then 'page:/admin/audit.xhtml' end,
                       case a.action when 'sign-in-failed' then 'failure' when 'access-denied' then 'denied' else 'success' end,
                       '{}',
                       sha256(int8send(s - 1)),
                       sha256(int8send(s))
                from generate_series(1::bigint, %d) s,
                     lateral (select case
                                when s %% 100 < 30 then 'sign-in'
                                when s %% 100 < 55 then 'participant-joined'
                                when s %% 100 < 80 then 'participant-left'
                                when s %% 100 < 88 then 'lobby-admitted'
                                when s %% 100 < 93 then 'room-created'
                                when s %% 100 < 97 then 'sign-out'
                                when s %% 100 < 99 then 'sign-in-failed'
                                else 'access-denied' end as action) a
                """.formatted(START, String.format(Locale.ROOT, "%.6f", secondsApart), rows);
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
            statement.execute("update audit_chain_head set last_sequence = " + rows + ", last_hash = sha256(int8send("
                    + rows + "::bigint)) where id = 1");
            statement.execute("analyze audit_event");
        }
    }
}
