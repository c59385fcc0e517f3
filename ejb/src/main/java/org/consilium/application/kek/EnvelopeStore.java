package org.consilium.application.kek;

import org.consilium.hsm.envelope.Envelopes;

/**
 * A place where envelopes (their 85-byte headers: the wrapped data keys) are stored. The job
 * finds every implementation; each rewraps its own envelopes and counts them.
 */
public interface EnvelopeStore {

    /** For logs and the console: {@code database}, {@code recordings}. */
    String name();

    /**
     * True when every appliance sees the same envelopes (the database); false when each
     * appliance holds its own (its recordings volume), so that each must report.
     */
    boolean shared();

    /**
     * Rewraps every envelope whose KEK version is below {@code envelopes}' current one, each on
     * its own (a crash or a failure loses no other), and counts the envelopes by the version they
     * are under afterwards. An envelope deleted or shredded meanwhile is skipped.
     *
     * @throws java.io.UncheckedIOException or another runtime exception when the store cannot be
     *                                      read at all: then nothing is reported for it
     */
    KekTally rewrapOlder(Envelopes envelopes);

    /** Counts the envelopes by KEK version, rewrapping nothing. */
    KekTally count();
}
