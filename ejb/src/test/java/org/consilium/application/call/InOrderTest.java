package org.consilium.application.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class InOrderTest {

    @Test
    void tasksRunOneAtATimeInTheOrderGivenAndAFailureDoesNotStopTheNext() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            InOrder inOrder = new InOrder(pool);
            List<Integer> ran = new ArrayList<>(); // unsynchronized on purpose: one task at a time
            for (int i = 0; i < 500; i++) {
                int n = i;
                inOrder.execute(() -> {
                    ran.add(n);
                    if (n % 100 == 0) {
                        throw new IllegalStateException("a failing write");
                    }
                });
            }
            assertTrue(inOrder.awaitQuiet(10_000));
            assertEquals(500, ran.size());
            for (int i = 0; i < 500; i++) {
                assertEquals(i, ran.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExecutorThatRefusesDropsTheTasksAndLeavesItQuiet() throws Exception {
        InOrder inOrder = new InOrder(task -> {
            throw new RejectedExecutionException("shutting down");
        });
        inOrder.execute(() -> {
            throw new AssertionError("never runs");
        });
        assertTrue(inOrder.awaitQuiet(0));
    }
}
