package org.consilium.web.signaling;

/**
 * Puts one connection's text messages together from the parts the container hands over,
 * keeping at most {@code keep} characters of a message: a message longer than that is
 * only counted ({@link TooLong}, to be refused with an error), and one that passes
 * {@code limit} is given up on at once ({@link Over}: the connection is closed, 1009) and
 * the rest of it is never held. This is the endpoint's own limit because the container's
 * (a whole-message handler's {@code maxMessageSize}) is not applied to a message that
 * arrives in more than one read in the Undertow of WildFly 39 (2.3.23; UNDERTOW-2770): a
 * guest could make the server hold tens of MiB per message. Plain Java; one connection's
 * parts come in order, one at a time.
 */
final class MessageAssembler {

    /** What the parts so far amount to. */
    interface Assembled {
    }

    /** A whole message of at most {@code keep} characters. */
    record Whole(String text) implements Assembled {
    }

    /** A whole message longer than {@code keep}: its length only. */
    record TooLong(long length) implements Assembled {
    }

    /** Past {@code limit}: the message is refused before it is all read. */
    record Over() implements Assembled {
    }

    private final int keep;
    private final long limit;
    private final StringBuilder kept = new StringBuilder();
    private long length;
    private boolean over;

    MessageAssembler(int keep, long limit) {
        this.keep = keep;
        this.limit = limit;
    }

    /** @return the message once its last part came (or {@link Over} once, as it passes the limit); null while more is to come */
    Assembled part(String part, boolean last) {
        if (over) {
            if (last) {
                over = false; // the connection is closing; a message after it starts afresh
                reset();
            }
            return null;
        }
        length += part.length();
        if (length > limit) {
            over = !last;
            reset();
            return new Over();
        }
        if (length <= keep) {
            kept.append(part);
        } else if (kept.length() > 0) {
            kept.setLength(0); // too long to handle: only its length counts now
            kept.trimToSize();
        }
        if (!last) {
            return null;
        }
        Assembled whole = length <= keep ? new Whole(kept.toString()) : new TooLong(length);
        reset();
        return whole;
    }

    private void reset() {
        kept.setLength(0);
        if (kept.capacity() > keep) {
            kept.trimToSize();
        }
        length = 0;
    }
}
