package org.leasedesk.client;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ClientScheduler} on one platform thread made by the given factory, so a caller can
 * choose where the thread lives (in a test, inside a network namespace). A task that throws is
 * logged, never lost inside a future nobody reads.
 */
public final class ExecutorClientScheduler implements ClientScheduler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorClientScheduler.class);

    private final ScheduledThreadPoolExecutor executor;
    private final String name;

    public ExecutorClientScheduler(ThreadFactory threads, String name) {
        this.executor = new ScheduledThreadPoolExecutor(1, threads);
        // On close, tasks already queued (a last stop, a socket to close) still run; timers do not.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
        this.name = name;
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(logging(task));
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future = executor.schedule(logging(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /** Runs the tasks already queued, drops the timers, and stops the thread. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("{}: the client thread did not stop within 5 s", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Runnable logging(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error failure) {
                LOG.error("{}: a client task failed", name, failure);
            }
        };
    }
}
