package org.consilium.server.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One act of tampering by a superuser (triggers off), undone on close: the rows it touches
 * are saved first and put back exactly, so the trail is whole again for the next test.
 */
final class Tampering implements AutoCloseable {

    private final String table;
    private final List<Object[]> saved;
    private final List<String> columns;
    private final long[] sequences;

    private Tampering(String table, long... sequences) throws SQLException {
        this.table = table;
        this.sequences = sequences;
        this.columns = new ArrayList<>();
        this.saved = new ArrayList<>();
        try (Connection db = AuditDatabase.asAttacker();
             PreparedStatement select = db.prepareStatement("select * from " + table + " where sequence = any (?) order by sequence")) {
            select.setArray(1, db.createArrayOf("bigint", box(sequences)));
            try (ResultSet rows = select.executeQuery()) {
                ResultSetMetaData meta = rows.getMetaData();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    columns.add(meta.getColumnName(c));
                }
                while (rows.next()) {
                    Object[] row = new Object[columns.size()];
                    for (int c = 0; c < row.length; c++) {
                        row[c] = rows.getObject(c + 1);
                    }
                    saved.add(row);
                }
            }
        }
    }

    /** Runs {@code sql} with the sequence number as its one parameter; the table is named in it. */
    static Tampering update(long sequence, String sql) throws SQLException {
        Tampering tampering = new Tampering(sql.contains("audit_checkpoint") ? "audit_checkpoint" : "audit_event", sequence);
        try (Connection db = AuditDatabase.asAttacker(); PreparedStatement change = db.prepareStatement(sql)) {
            change.setLong(1, sequence);
            if (change.executeUpdate() != 1) {
                throw new IllegalStateException("tampering touched no row: " + sql);
            }
        }
        return tampering;
    }

    /** Two neighbouring events exchange their contents (the sequence numbers stay in place). */
    static Tampering swapActors(long first, long second) throws SQLException {
        Tampering tampering = new Tampering("audit_event", first, second);
        try (Connection db = AuditDatabase.asAttacker();
             PreparedStatement swap = db.prepareStatement(
                     "update audit_event e set actor = o.actor, occurred_at = o.occurred_at, details = o.details, "
                             + "previous_hash = o.previous_hash, hash = o.hash from audit_event o "
                             + "where e.sequence in (?, ?) and o.sequence in (?, ?) and o.sequence <> e.sequence")) {
            swap.setLong(1, first);
            swap.setLong(2, second);
            swap.setLong(3, first);
            swap.setLong(4, second);
            if (swap.executeUpdate() != 2) {
                throw new IllegalStateException("the swap did not touch both rows");
            }
        }
        return tampering;
    }

    @Override
    public void close() throws SQLException {
        try (Connection db = AuditDatabase.asAttacker()) {
            try (PreparedStatement delete = db.prepareStatement("delete from " + table + " where sequence = any (?)")) {
                delete.setArray(1, db.createArrayOf("bigint", box(sequences)));
                delete.executeUpdate();
            }
            String insert = "insert into " + table + " (" + String.join(", ", columns) + ") values ("
                    + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
            try (PreparedStatement restore = db.prepareStatement(insert)) {
                for (Object[] row : saved) {
                    for (int c = 0; c < row.length; c++) {
                        restore.setObject(c + 1, row[c]);
                    }
                    restore.executeUpdate();
                }
            }
        }
    }

    private static Long[] box(long[] values) {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
