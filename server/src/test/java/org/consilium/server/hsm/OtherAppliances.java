package org.consilium.server.hsm;

import jakarta.json.Json;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.consilium.server.support.Browserless;
import org.consilium.server.support.DemoStaff;
import org.consilium.server.support.TestDatabase;

/**
 * Appliances other than the test server, as the database knows them: their rewrap reports in
 * {@code kek_usage} (written as their {@code KekRewrapJob} writes one) and recordings on their
 * volumes. The test server is a cluster of one, so this is how {@link KeyRotationIT} puts a
 * node that is down, or decommissioned, in front of the destroy gate. Removes what it wrote.
 */
final class OtherAppliances implements AutoCloseable {

    private final String testNode;
    private final List<String> reported = new ArrayList<>();
    private final List<UUID> recordings = new ArrayList<>();
    private final List<UUID> visits = new ArrayList<>();
    private final List<String> rooms = new ArrayList<>();
    private Browserless owner;

    OtherAppliances(String testNode) {
        this.testNode = testNode;
    }

    /**
     * Appliances other than the test server that the gate counts now: recordings on record that
     * are not shredded, or envelopes at their last check. Other test classes start node 2 and
     * leave such rows behind (a recording interrupted by a kill, say); their volumes were
     * temporary directories, gone since.
     */
    List<String> holdingSomething() throws Exception {
        List<String> nodes = new ArrayList<>();
        try (Connection db = TestDatabase.asServer();
             PreparedStatement query = db.prepareStatement("select node from recording where shredded_at is null "
                     + "and node <> ? union select node from kek_usage where envelopes > 0 and node <> ? order by 1")) {
            query.setString(1, testNode);
            query.setString(2, testNode);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    nodes.add(rows.getString(1));
                }
            }
        }
        return nodes;
    }

    /** {@code node}'s report of a check: {@code envelopes} under {@code version}, which it knew as current. */
    void reported(String node, int version, long envelopes, Instant checkedAt) throws Exception {
        try (Connection db = TestDatabase.asServer()) {
            update(db, "delete from kek_usage where node = ?", node);
            update(db, "insert into kek_usage (node, kek_version, envelopes, failed, current_version, checked_at) "
                    + "values (?, ?, ?, 0, ?, ?)", node, version, envelopes, version, Timestamp.from(checkedAt));
        }
        reported.add(node);
    }

    /** A stopped recording whose files are on {@code node}'s volume, not shredded. */
    void recordingOn(String node) throws Exception {
        if (owner == null) {
            owner = DemoStaff.signedIn("aortiz");
        }
        String room = Json.createReader(new StringReader(owner.postJson("/api/rooms",
                "{\"displayName\":\"Recorded on " + node + "\",\"kind\":\"visit\"}").body())).readObject().getString("id");
        rooms.add(room);
        UUID visit = UUID.randomUUID();
        UUID recording = UUID.randomUUID();
        Instant started = Instant.now().minusSeconds(600);
        try (Connection db = TestDatabase.asServer()) {
            update(db, "insert into visit (id, room_id, max_participants, started_at, ended_at, version) "
                    + "values (?, ?, 4, ?, ?, 0)", visit, UUID.fromString(room), Timestamp.from(started),
                    Timestamp.from(started.plusSeconds(300)));
            visits.add(visit);
            update(db, "insert into recording (id, room_id, visit_id, started_at, started_by, node, stopped_at, "
                    + "stop_reason) values (?, ?, ?, ?, 'aortiz', ?, ?, 'stopped-by-host')", recording,
                    UUID.fromString(room), visit, Timestamp.from(started), node, Timestamp.from(started.plusSeconds(240)));
            recordings.add(recording);
        }
    }

    @Override
    public void close() throws Exception {
        try (Connection db = TestDatabase.asServer()) {
            for (String node : reported) {
                update(db, "delete from kek_usage where node = ?", node);
            }
            for (UUID recording : recordings) {
                update(db, "delete from recording where id = ?", recording);
            }
            for (UUID visit : visits) {
                update(db, "delete from visit where id = ?", visit);
            }
        }
        for (String room : rooms) {
            owner.delete("/api/rooms/" + room);
        }
    }

    private static void update(Connection db, String sql, Object... values) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }
}
