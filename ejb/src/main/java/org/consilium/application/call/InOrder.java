package org.consilium.application.call;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs tasks one at a time, in the order given, on another executor's threads: the visit
 * writes of every call, off the calls' locks (a slow database never holds up a call) and
 * never overtaking each other (a visit's end is written before the room's next visit
 * starts). A task that throws is logged by class only and the next one runs.
 */
public final class InOrder implements Executor {

    /** Tasks run per turn on a borrowed thread before it is handed back (managed executors watch for long tasks). */
    private static final int PER_TURN = 50;
    private static final Logger LOG = Logger.getLogger(InOrder.class.getName());

    private final Executor threads;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    public InOrder(Executor threads) {
        this.threads = threads;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        turn();
    }

    /** Waits until every task given so far has run, or the time is up; whether it is quiet now. */
    synchronized boolean awaitQuiet(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (running) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    private void turn() {
        try {
            threads.execute(this::runSome);
        } catch (RejectedExecutionException shuttingDown) {
            int dropped;
            synchronized (this) {
                dropped = tasks.size();
                tasks.clear();
                running = false;
                notifyAll();
            }
            LOG.warning(() -> dropped + " visit record writes dropped: the server is shutting down");
        }
    }

    private void runSome() {
        for (int i = 0; i < PER_TURN; i++) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    notifyAll();
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "A queued task failed: {0}", failed.getClass().getName());
            }
        }
        turn(); // more waiting: let other work have the thread, then carry on
    }
}
