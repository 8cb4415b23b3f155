package org.leasedesk.client;

import java.time.Duration;

/**
 * The one thread a client runs on, and its timers. Every event reaches the state machine through
 * here, so the machine never needs a lock; tests substitute a scheduler that runs on virtual time.
 */
public interface ClientScheduler {

    /** Runs the task soon, after the tasks already queued. */
    void execute(Runnable task);

    /** Runs the task after the delay unless cancelled first. */
    Cancellable schedule(Duration delay, Runnable task);

    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
