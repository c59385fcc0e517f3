package org.consilium.audit.export;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.consilium.audit.chain.AuditRecord;
import org.consilium.audit.chain.ChainEntry;
import org.consilium.audit.chain.Checkpoint;

/**
 * Writes an export: the header line at once, then events and checkpoints as they are
 * given, one JSON object per line, each line ending in LF.
 *
 * <p>The caller writes in sequence order: events by sequence, each checkpoint right after
 * the event it covers, and optionally, before the first event, the checkpoint of the
 * sequence just below it, which anchors the export to the signed chain. The writer checks
 * none of this on purpose: it must write out whatever the store holds, a deleted or
 * altered row included, so that the verifier can say where the trail was tampered with.
 * Not thread-safe.
 */
public final class ExportWriter implements Closeable, Flushable {

    private final Writer out;
    private final StringBuilder line = new StringBuilder(1024);

    /** Writes the header line to {@code out}. */
    public ExportWriter(Writer out, ExportHeader header) throws IOException {
        if (out == null || header == null) {
            throw new IllegalArgumentException("the writer and the header must not be null");
        }
        this.out = out;
        ExportLines.header(header, line);
        emit();
    }

    /** UTF-8 to {@code out}, buffered. */
    public static ExportWriter create(OutputStream out, ExportHeader header) throws IOException {
        if (out == null) {
            throw new IllegalArgumentException("the output stream must not be null");
        }
        return new ExportWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024),
                header);
    }

    public void write(ChainEntry entry) throws IOException {
        if (entry instanceof AuditRecord record) {
            write(record);
        } else if (entry instanceof Checkpoint checkpoint) {
            write(checkpoint);
        } else {
            throw new IllegalArgumentException("the entry must not be null");
        }
    }

    public void write(AuditRecord record) throws IOException {
        if (record == null) {
            throw new IllegalArgumentException("the record must not be null");
        }
        ExportLines.event(record, line);
        emit();
    }

    public void write(Checkpoint checkpoint) throws IOException {
        if (checkpoint == null) {
            throw new IllegalArgumentException("the checkpoint must not be null");
        }
        ExportLines.checkpoint(checkpoint, line);
        emit();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void emit() throws IOException {
        line.append('\n');
        out.append(line);
        line.setLength(0);
    }
}
