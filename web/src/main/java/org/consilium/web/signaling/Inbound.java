package org.consilium.web.signaling;

import jakarta.json.JsonObject;
import org.consilium.web.json.BadJson;
import org.consilium.web.json.StrictJson;

/**
 * One connection's messages on their way in, before any reaches the call: within the rate
 * ({@link MessageRate}), at most {@value #MAX_MESSAGE} characters, one JSON object nested
 * no deeper than {@link StrictJson#MAX_DEPTH}. What will not do becomes an error for the
 * sender, is dropped quietly (a run of rate-limited messages after the first), or closes
 * a flood. Messages over {@link SignalingEndpoint#MAX_READ} never get here: they are
 * refused while they are read ({@link MessageAssembler}). Plain Java; one connection's
 * messages come one at a time.
 */
final class Inbound {

    /** Larger messages get a {@code too-large} error and change nothing; SDP offers are well below. */
    static final int MAX_MESSAGE = 64 * 1024;

    /** What becomes of one message. */
    interface Outcome {
    }

    /** A message for the call. */
    record Handle(JsonObject message) implements Outcome {
    }

    /** Refused: the sender gets {@code error} with this code; the connection and the call stay as they were. */
    record Refuse(String code, String text) implements Outcome {
    }

    /** Refused without a word (the sender was told at the start of the run). */
    record Drop() implements Outcome {
    }

    /** A persistent flood: the sender gets {@code error}, then the connection closes (1008). */
    record Close(String code, String text) implements Outcome {
    }

    static final String RATE_LIMITED = "rate-limited";
    private static final String SLOW_DOWN = "too many messages: at most " + MessageRate.MESSAGES_PER_SECOND
            + " a second (bursts of " + MessageRate.BURST_MESSAGES + ") and " + MessageRate.CHARS_PER_SECOND / 1024
            + " KiB a second; this one was dropped";

    private final MessageRate rate = new MessageRate();

    /** A whole message. */
    Outcome read(String text, long now) {
        Outcome limited = rated(text.length(), now);
        if (limited != null) {
            return limited;
        }
        if (text.length() > MAX_MESSAGE) {
            return tooLarge();
        }
        try {
            return new Handle(StrictJson.object(text));
        } catch (BadJson bad) {
            return bad.kind() == BadJson.Kind.TOO_DEEP
                    ? new Refuse("too-deep", "a message nests at most " + StrictJson.MAX_DEPTH + " levels deep")
                    : new Refuse("bad-json", "a message is one JSON object");
        }
    }

    /** A message over {@value #MAX_MESSAGE} characters, of which only the length was kept. */
    Outcome tooLong(long length, long now) {
        Outcome limited = rated(length, now);
        return limited != null ? limited : tooLarge();
    }

    private Outcome rated(long length, long now) {
        return switch (rate.arrived((int) Math.min(length, Integer.MAX_VALUE), now)) {
            case REFUSE -> new Drop();
            case REFUSE_AND_SAY -> new Refuse(RATE_LIMITED, SLOW_DOWN);
            case CLOSE -> new Close(RATE_LIMITED, "too many messages for too long: the connection is closed");
            case ACCEPT -> null;
        };
    }

    private static Outcome tooLarge() {
        return new Refuse("too-large", "a message is at most " + MAX_MESSAGE / 1024 + " KiB");
    }
}
