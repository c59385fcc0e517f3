package org.consilium.audit.export;

import java.io.IOException;

/** A line of an export that cannot be read; the message starts with its line number. */
public final class ExportFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long lineNumber;

    public ExportFormatException(long lineNumber, String problem) {
        super("line " + lineNumber + ": " + problem);
        this.lineNumber = lineNumber;
    }

    /** 1 is the header line. */
    public long lineNumber() {
        return lineNumber;
    }
}
