package org.consilium.audit.export;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.consilium.audit.chain.ChainEntry;

/**
 * Reads an export line by line: the header when opened, then one event or checkpoint per
 * {@link #next()}. It holds one line at a time, so an export of any size fits in little
 * memory. A line that breaks the format fails with an {@link ExportFormatException} that
 * names its line number. The reader checks each line's shape only; whether the chain holds
 * is the verifier's question.
 */
public final class ExportReader implements Closeable {

    /** Longer lines (in bytes) are refused; an event is normally well under a kilobyte. */
    public static final int MAX_LINE_LENGTH = 16 * 1024 * 1024;

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final InputStream source;
    private final LineReader lines;
    private final ExportHeader header;

    /** Reads the header from {@code in}, strict UTF-8: a malformed byte is an error, not a replacement character. */
    public ExportReader(InputStream in) throws IOException {
        if (in == null) {
            throw new IllegalArgumentException("the input stream must not be null");
        }
        this.source = in;
        this.lines = new LineReader(in, MAX_LINE_LENGTH);
        this.header = readHeader();
    }

    public static ExportReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            return new ExportReader(in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    public ExportHeader header() {
        return header;
    }

    /** The next event or checkpoint, or empty at the end of the file. */
    public Optional<ChainEntry> next() throws IOException {
        String line = lines.readLine();
        if (line == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ExportLines.parseEntry(line));
        } catch (MalformedLineException e) {
            throw new ExportFormatException(lines.lineNumber(), e.getMessage());
        }
    }

    /** The number of the line {@link #next()} last returned (1 is the header). */
    public long lineNumber() {
        return lines.lineNumber();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    private ExportHeader readHeader() throws IOException {
        String line = lines.readLine();
        if (line == null) {
            throw new ExportFormatException(1, "the file is empty (expected the export header)");
        }
        // Tolerated: an editor may have added one; it carries no content.
        if (!line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
            line = line.substring(1);
        }
        try {
            return ExportLines.parseHeader(line);
        } catch (MalformedLineException e) {
            throw new ExportFormatException(1, e.getMessage());
        }
    }
}
