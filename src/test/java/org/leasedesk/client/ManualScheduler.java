package org.leasedesk.client;

import org.leasedesk.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A {@link ClientScheduler} on virtual time: nothing runs until the test advances the clock, and
 * then every task runs in due order with the clock set to its due time.
 */
final class ManualScheduler implements ClientScheduler {

    private final MutableClock clock;
    private final PriorityQueue<Task> queue = new PriorityQueue<>(Comparator.comparing(Task::due).thenComparingLong(Task::sequence));
    private long sequence;

    private record Task(Instant due, long sequence, Runnable work, boolean[] cancelled) {
    }

    ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public void execute(Runnable task) {
        add(clock.instant(), task);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Task added = add(clock.instant().plus(delay), task);
        return () -> added.cancelled()[0] = true;
    }

    /** Runs what is due now, including tasks those tasks queue for now. */
    void runPending() {
        advanceTo(clock.instant());
    }

    void advanceBy(Duration duration) {
        advanceTo(clock.instant().plus(duration));
    }

    void advanceTo(Instant target) {
        while (!queue.isEmpty() && !queue.peek().due().isAfter(target)) {
            Task next = queue.poll();
            if (!next.cancelled()[0]) {
                clock.set(next.due());
                next.work().run();
            }
        }
        clock.set(target);
    }

    /** Tasks and timers still waiting, not counting cancelled ones. */
    long waiting() {
        return queue.stream().filter(task -> !task.cancelled()[0]).count();
    }

    private Task add(Instant due, Runnable work) {
        Task task = new Task(due, sequence++, work, new boolean[1]);
        queue.add(task);
        return task;
    }
}
