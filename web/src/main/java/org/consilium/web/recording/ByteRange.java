package org.consilium.web.recording;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of an HTTP {@code Range} header (RFC 9110, 14.1.2) over a file of a known
 * length: {@code bytes=first-last}, {@code bytes=first-}, {@code bytes=-suffix}. A header
 * with several ranges, or another unit, is ignored (the whole file is sent, as the RFC
 * allows); a range that starts beyond the end is not satisfiable (416).
 */
record ByteRange(long first, long last) {

    private static final Pattern ONE_RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    /** What to send: empty for the whole file; {@link #UNSATISFIABLE} when nothing can be. */
    static Optional<ByteRange> parse(String header, long length) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher range = ONE_RANGE.matcher(header.strip());
        if (!range.matches() || (range.group(1).isEmpty() && range.group(2).isEmpty())) {
            return Optional.empty();
        }
        if (range.group(1).isEmpty()) {
            long suffix = Long.parseLong(range.group(2));
            if (suffix == 0 || length == 0) {
                return Optional.of(UNSATISFIABLE);
            }
            return Optional.of(new ByteRange(Math.max(0, length - suffix), length - 1));
        }
        long first = Long.parseLong(range.group(1));
        long last = range.group(2).isEmpty() ? length - 1 : Math.min(Long.parseLong(range.group(2)), length - 1);
        if (first >= length || last < first) {
            return Optional.of(UNSATISFIABLE);
        }
        return Optional.of(new ByteRange(first, last));
    }

    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    long count() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
