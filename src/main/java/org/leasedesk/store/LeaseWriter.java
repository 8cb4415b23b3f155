package org.leasedesk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores lease changes with group commit: one thread takes whatever is pending (up to a batch
 * limit), writes it in one transaction, commits, and only then completes each change's future.
 * A completed future is the permission to send the ACK; a failed one means no ACK.
 *
 * <p>Batching is what makes {@code WRITE_DELAY=0} affordable: one commit per lease gives a few
 * thousand commits a second and a file growing by gigabytes, batches of a few dozen give tens of
 * thousands of rows a second (FACTS). The queue is bounded: when it is full, {@link #submit}
 * fails at once instead of making every client wait behind a backlog it will time out on.
 *
 * <p>Futures complete on the writer thread; keep dependent actions short (sending a datagram is
 * fine) or move them elsewhere with the async variants of {@link CompletableFuture}.
 */
public final class LeaseWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaseWriter.class);

    /**
     * How the writer trades durability, latency and memory.
     *
     * @param gatherTime how long a batch that holds a lease change stays open for more before it is
     *     committed (unless it fills up first): the most an ACK waits for company. An H2 commit writes
     *     every B-tree page the batch touched, so one commit of 20 changes costs far less than 20
     *     commits of one: under perfdhcp at 1500 DORA/s, 10 ms cut the writer's CPU per DORA by about 40 %.
     */
    public record Settings(int queueCapacity, int maxBatchSize, boolean checkpointSyncPerBatch, Duration gatherTime) {

        /** Sized for a few thousand DORA/s: 1 s of backlog at most, batches of 64, ACKs held 10 ms at most. */
        public static final Settings DEFAULTS = new Settings(4096, 64, false, Duration.ofMillis(10));

        public Settings {
            if (queueCapacity < 1) {
                throw new IllegalArgumentException("writer queue capacity must be at least 1, got " + queueCapacity);
            }
            if (maxBatchSize < 1) {
                throw new IllegalArgumentException("writer batch size must be at least 1, got " + maxBatchSize);
            }
            Objects.requireNonNull(gatherTime, "gatherTime");
            if (gatherTime.isNegative()) {
                throw new IllegalArgumentException("writer gather time must not be negative, got " + gatherTime);
            }
        }

        /** The same settings with (or without) {@code CHECKPOINT SYNC} after each batch, for power-loss safety. */
        public Settings withCheckpointSync(boolean enabled) {
            return new Settings(queueCapacity, maxBatchSize, enabled, gatherTime);
        }
    }

    /**
     * Counters since start, for the dashboard and for tests.
     *
     * @param historyShed history-only events ({@link #record}) dropped to keep room for lease changes
     */
    public record Statistics(
            long submitted, long rejected, long committedBatches, long committedChanges, long failedBatches,
            long failedChanges, long historyShed) {}

    /** A lease change whose future gates a reply, or (with no change and no future) a history-only event. */
    private record Submission(LeaseChange change, LeaseEvent historyOnly, CompletableFuture<LeaseChange> done) {
        LeaseEvent event() {
            return change != null ? change.event() : historyOnly;
        }
    }

    /** How long a history-only event waits for a lease change to share its commit; see {@link #collect}. */
    private static final long HISTORY_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Queued by {@link #close()} behind everything already submitted; tells the thread to stop. */
    private static final Submission END = new Submission(null, null, null);

    private final LeaseDatabase database;
    private final Settings settings;
    private final Clock clock;
    private final Consumer<LeaseEvent> alarmListener;
    private final LeaseRepository leases;
    private final EventRepository events;
    private final BlockingQueue<Submission> queue;
    // Submitters share the read lock; close() takes the write lock so no change can slip into the
    // queue after the END marker and be left without an answer.
    private final ReadWriteLock closing = new ReentrantReadWriteLock();
    private final Thread thread;
    private boolean closed;
    private Connection connection;

    private final LongAdder submitted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder committedBatches = new LongAdder();
    private final LongAdder committedChanges = new LongAdder();
    private final LongAdder failedBatches = new LongAdder();
    private final LongAdder failedChanges = new LongAdder();
    private final LongAdder historyShed = new LongAdder();

    /**
     * Starts the writer thread.
     *
     * @param alarmListener told of every store failure (on the writer thread), for example to raise
     *     an alert in the UI; the alarm is also logged and, when the database still accepts writes, recorded
     */
    public LeaseWriter(LeaseDatabase database, Settings settings, Clock clock, Consumer<LeaseEvent> alarmListener) {
        this.database = Objects.requireNonNull(database, "database");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.alarmListener = Objects.requireNonNull(alarmListener, "alarmListener");
        this.leases = new LeaseRepository(database);
        this.events = new EventRepository(database);
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.thread = Thread.ofPlatform().name("lease-writer").start(this::run);
    }

    /**
     * Queues a change. The future completes once the change is committed (and checkpointed, if so
     * configured); it fails with {@link CommitFailedException} if its batch could not be committed,
     * and is already failed with {@link WriteRejectedException} if the queue is full or the writer closed.
     */
    public CompletableFuture<LeaseChange> submit(LeaseChange change) {
        Objects.requireNonNull(change, "change");
        closing.readLock().lock();
        try {
            if (closed) {
                return rejected(WriteRejectedException.Reason.CLOSED, "the lease writer is closed");
            }
            Submission submission = new Submission(change, null, new CompletableFuture<>());
            if (!queue.offer(submission)) {
                return rejected(WriteRejectedException.Reason.QUEUE_FULL, "the lease writer's queue is full ("
                        + settings.queueCapacity() + " changes waiting): shedding the change on " + change.lease().address());
            }
            submitted.increment();
            return submission.done();
        } finally {
            closing.readLock().unlock();
        }
    }

    /**
     * Queues many changes (an import) in their order without crowding out the changes that gate ACKs:
     * at most a quarter of the queue holds them at any time, and the rest follow as those commit. Each
     * change has its own future, as from {@link #submit}; one that cannot be queued (the writer is
     * closed, or packets filled the queue) fails alone, and the rest still follow.
     */
    public List<CompletableFuture<LeaseChange>> submitAll(List<LeaseChange> changes) {
        BulkFeed feed = new BulkFeed(List.copyOf(changes), Math.max(1, settings.queueCapacity() / 4));
        feed.pump();
        return feed.results;
    }

    /** Feeds a bulk submission into the queue a window at a time; see {@link #submitAll}. */
    private final class BulkFeed {
        private final List<LeaseChange> changes;
        private final List<CompletableFuture<LeaseChange>> results;
        private final int window;
        private int next;
        private int inFlight;
        private boolean pumping;
        private boolean again;

        BulkFeed(List<LeaseChange> changes, int window) {
            this.changes = changes;
            this.results = changes.stream().map(change -> new CompletableFuture<LeaseChange>()).toList();
            this.window = window;
        }

        /**
         * Submits while the window has room. Completions call it again, on the writer's thread or, for a
         * change refused at once, inside this loop: then it only asks the running loop to look again,
         * so a long run of refusals never nests calls.
         */
        void pump() {
            synchronized (this) {
                if (pumping) {
                    again = true;
                    return;
                }
                pumping = true;
            }
            while (true) {
                int index;
                synchronized (this) {
                    if (next >= changes.size() || inFlight >= window) {
                        if (!again) {
                            pumping = false;
                            return;
                        }
                        again = false;
                        continue;
                    }
                    index = next++;
                    inFlight++;
                }
                submit(changes.get(index)).whenComplete((stored, failure) -> {
                    synchronized (this) {
                        inFlight--;
                    }
                    if (failure == null) {
                        results.get(index).complete(stored);
                    } else {
                        results.get(index).completeExceptionally(failure);
                    }
                    pump();
                });
            }
        }
    }

    /**
     * Queues a history event that gates nothing (an OFFER or a NAK was sent): it is written with the
     * next lease change, or within a second when none comes. Best effort by design: when the queue
     * is more than half full the event is dropped and counted, because room for lease changes, which
     * gate ACKs, matters more than a complete record of offers under overload.
     */
    public void record(LeaseEvent event) {
        Objects.requireNonNull(event, "event");
        closing.readLock().lock();
        try {
            if (closed || queue.remainingCapacity() <= settings.queueCapacity() / 2 || !queue.offer(new Submission(null, event, null))) {
                historyShed.increment();
            }
        } finally {
            closing.readLock().unlock();
        }
    }

    private CompletableFuture<LeaseChange> rejected(WriteRejectedException.Reason reason, String message) {
        rejected.increment();
        return CompletableFuture.failedFuture(new WriteRejectedException(reason, message));
    }

    public Statistics statistics() {
        return new Statistics(submitted.sum(), rejected.sum(), committedBatches.sum(), committedChanges.sum(),
                failedBatches.sum(), failedChanges.sum(), historyShed.sum());
    }

    /** Stops taking changes, writes everything already queued, and stops the thread. */
    @Override
    public void close() {
        closing.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            closing.writeLock().unlock();
        }
        try {
            queue.put(END);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while flushing the lease writer; queued changes may be unanswered", e);
        }
        log.info("Lease writer for {} stopped: {}", database.file(), statistics());
    }

    private void run() {
        List<Submission> batch = new ArrayList<>(settings.maxBatchSize());
        boolean running = true;
        while (running) {
            try {
                collect(batch);
            } catch (InterruptedException e) {
                // Nothing interrupts this thread but a JVM shutdown; close() is the way to stop it.
                // What was collected so far stays in the batch for the next round.
                log.warn("Lease writer interrupted; continuing until close()");
                continue;
            }
            queue.drainTo(batch, settings.maxBatchSize() - batch.size());
            int end = batch.indexOf(END);
            if (end >= 0) {
                // END is queued last, after closed was set, so nothing can follow it.
                batch.remove(end);
                running = false;
            }
            if (!batch.isEmpty()) {
                write(batch);
            }
            batch.clear();
        }
        discardConnection();
    }

    /**
     * Fills the batch until it is full, holds END, or its wait is over: the gather time once it holds
     * a lease change, {@link #HISTORY_WAIT_NANOS} while it holds only history. History alone gates no
     * reply, and a commit of a few rows costs nearly as much as one of dozens: an OFFERED event
     * written on its own meant a commit for every DISCOVER, so it now rides with the next change.
     */
    private void collect(List<Submission> batch) throws InterruptedException {
        if (batch.isEmpty()) {
            batch.add(queue.take());
        }
        boolean gates = batch.stream().anyMatch(submission -> submission.done() != null);
        long deadline = System.nanoTime() + (gates ? settings.gatherTime().toNanos() : HISTORY_WAIT_NANOS);
        while (batch.size() < settings.maxBatchSize() && batch.getLast() != END) {
            Submission next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            if (!gates && next.done() != null) {
                gates = true;
                deadline = System.nanoTime() + settings.gatherTime().toNanos();
            }
        }
    }

    private void write(List<Submission> batch) {
        List<Lease> batchLeases = new ArrayList<>(batch.size());
        List<LeaseEvent> batchEvents = new ArrayList<>(batch.size());
        for (Submission submission : batch) {
            if (submission.change() != null) {
                batchLeases.add(submission.change().lease());
            }
            batchEvents.add(submission.event());
        }
        try {
            Connection transaction = connection();
            leases.saveAll(transaction, batchLeases);
            events.appendAll(transaction, batchEvents);
            transaction.commit();
            // A failed checkpoint fails the batch although it is committed: the client then gets
            // no ACK and retries, which is safe, while an ACK for data only in the OS cache is not.
            if (settings.checkpointSyncPerBatch()) {
                try (PreparedStatement checkpoint = transaction.prepareStatement("CHECKPOINT SYNC")) {
                    checkpoint.execute();
                }
            }
        } catch (SQLException | RuntimeException e) {
            fail(batch, batchLeases, e);
            return;
        }
        committedBatches.increment();
        committedChanges.add(batchLeases.size());
        for (Submission submission : batch) {
            if (submission.done() != null) {
                submission.done().complete(submission.change());
            }
        }
    }

    private void fail(List<Submission> batch, List<Lease> batchLeases, Exception cause) {
        discardConnection();
        failedBatches.increment();
        failedChanges.add(batchLeases.size());
        String addresses = batchLeases.stream().limit(5).map(l -> l.address().toString())
                .collect(Collectors.joining(", ", "", batchLeases.size() > 5 ? ", ..." : ""));
        String detail = "commit of " + batchLeases.size() + " lease changes (" + addresses + ") to " + database.file()
                + " failed, no ACK sent: " + cause.getMessage();
        log.error("Lease store failure: {}", detail, cause);
        // The alarm goes first so that whoever sees a failed future can already find it in history.
        raiseAlarm(LeaseEvent.alarm(clock.instant(), detail));
        CommitFailedException failure = new CommitFailedException(detail, cause);
        for (Submission submission : batch) {
            if (submission.done() != null) {
                submission.done().completeExceptionally(failure);
            }
        }
    }

    private void raiseAlarm(LeaseEvent alarm) {
        try {
            events.append(alarm);
        } catch (StoreException e) {
            log.error("Cannot record the store-failure alarm either: {}", e.getMessage());
        }
        try {
            alarmListener.accept(alarm);
        } catch (RuntimeException e) {
            log.error("Store-failure alarm listener failed", e);
        }
    }

    /** The writer's own connection, reopened after a failure so one broken connection is not fatal. */
    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = database.connect();
            connection.setAutoCommit(false);
        }
        return connection;
    }

    private void discardConnection() {
        if (connection == null) {
            return;
        }
        try {
            if (!connection.isClosed()) {
                connection.rollback();
            }
            connection.close();
        } catch (SQLException e) {
            log.debug("Ignoring failure while discarding the writer's connection", e);
        }
        connection = null;
    }
}
