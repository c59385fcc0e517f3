package org.consilium.audit.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits UTF-8 bytes into lines (LF or CRLF) and decodes each strictly, so a malformed
 * byte is reported with its line number rather than turned into U+FFFD. Splitting on the
 * byte 0x0A is safe: it never occurs inside a multi-byte UTF-8 sequence. Holds one line at
 * a time and refuses one longer than a limit, so a corrupt file cannot exhaust memory.
 */
final class LineReader {

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] line = new byte[1024];
    private int position;
    private int limit;
    private long lineNumber;

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The number of the line last returned (1-based). */
    long lineNumber() {
        return lineNumber;
    }

    /** The next line without its terminator, or null at the end of the input. */
    String readLine() throws IOException {
        int length = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                int read = in.read(buffer, 0, buffer.length);
                if (read < 0) {
                    if (!any) {
                        return null;
                    }
                    return decode(length);
                }
                position = 0;
                limit = read;
            }
            any = true;
            int end = position;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            length = append(length, end - position);
            boolean complete = end < limit;
            position = complete ? end + 1 : end;
            if (complete) {
                return decode(length);
            }
        }
    }

    private int append(int length, int count) throws ExportFormatException {
        if (length + count > maxLineBytes) {
            throw new ExportFormatException(lineNumber + 1, "longer than " + maxLineBytes + " bytes");
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(length + count, 2 * line.length)));
        }
        System.arraycopy(buffer, position, line, length, count);
        return length + count;
    }

    private String decode(int length) throws ExportFormatException {
        lineNumber++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        boolean ascii = true;
        for (int i = 0; i < length && ascii; i++) {
            ascii = line[i] >= 0;
        }
        if (ascii) {
            return new String(line, 0, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return utf8.decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new ExportFormatException(lineNumber, "not valid UTF-8");
        }
    }
}
