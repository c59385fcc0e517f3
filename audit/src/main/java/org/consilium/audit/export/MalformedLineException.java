package org.consilium.audit.export;

/** A line that is not what the format allows; the reader adds the line number. */
final class MalformedLineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MalformedLineException(String message) {
        super(message, null, false, false);
    }

    static MalformedLineException at(int index, String message) {
        return new MalformedLineException("column " + (index + 1) + ": " + message);
    }
}
