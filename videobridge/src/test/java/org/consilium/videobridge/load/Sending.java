package org.consilium.videobridge.load;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** Test helper: participants send what is due (media, feedback, consent) while a check waits. */
final class Sending {

    /** A check that waits. */
    interface Check {
        void run() throws InterruptedException;
    }

    private Sending() {
    }

    /** Runs {@code check} while the participants send; closes them afterwards. */
    static void whileChecking(List<LoadParticipant> participants, Check check) throws InterruptedException {
        Thread sender = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    long now = System.nanoTime();
                    for (LoadParticipant participant : participants) {
                        participant.sendDue(now);
                    }
                    LockSupport.parkNanos(1_000_000); // pacing the synthetic senders
                }
            } catch (java.io.IOException closed) {
                // the test is over
            }
        }, "test-sender");
        sender.start();
        try {
            check.run();
        } finally {
            sender.interrupt();
            sender.join();
            participants.forEach(LoadParticipant::close);
        }
    }
}
