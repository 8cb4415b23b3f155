package org.leasedesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEventType;

class LeaseWriterTest {

    @TempDir
    Path dir;

    LeaseDatabase database;
    final List<LeaseEvent> alarms = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        database = LeaseDatabase.open(dir.resolve("db"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private LeaseWriter writer(LeaseWriter.Settings settings) {
        return new LeaseWriter(database, settings, Clock.systemUTC(), alarms::add);
    }

    /** A connection holding an uncommitted update of lease 1, so a write of lease 1 waits for its rollback. */
    private Connection lockingLeaseOne() throws SQLException {
        Connection blocker = database.connect();
        blocker.setAutoCommit(false);
        try (PreparedStatement lockRow = blocker.prepareStatement("UPDATE leases SET hostname = 'held' WHERE address = ?")) {
            lockRow.setLong(1, TestLeases.address(1).toLong());
            lockRow.executeUpdate();
        }
        return blocker;
    }

    private long storedEvents() {
        return new EventRepository(database).between(TimeRange.ALL, PageRequest.first(PageRequest.MAX_SIZE)).events()
                .size();
    }

    @Test
    void manyConcurrentSubmittersShareCommits() throws Exception {
        int submitters = 8;
        int perSubmitter = 500;
        List<CompletableFuture<LeaseChange>> futures = new CopyOnWriteArrayList<>();
        try (LeaseWriter writer = writer(new LeaseWriter.Settings(8192, 64, false, Duration.ZERO))) {
            ExecutorService pool = Executors.newFixedThreadPool(submitters);
            CountDownLatch start = new CountDownLatch(1);
            for (int s = 0; s < submitters; s++) {
                int first = s * perSubmitter + 1;
                pool.submit(() -> {
                    start.await();
                    for (int n = first; n < first + perSubmitter; n++) {
                        futures.add(writer.submit(TestLeases.granted(n)));
                    }
                    return null;
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            LeaseWriter.Statistics statistics = writer.statistics();
            assertThat(statistics.committedChanges()).isEqualTo(submitters * perSubmitter);
            assertThat(statistics.committedBatches()).isLessThan(submitters * perSubmitter);
            assertThat(statistics.failedBatches()).isZero();
        }
        assertThat(new LeaseRepository(database).loadAll().leases()).hasSize(submitters * perSubmitter);
        assertThat(storedEvents()).isEqualTo(submitters * perSubmitter);
    }

    @Test
    void aCompletedFutureMeansLeaseAndEventAreCommitted() throws Exception {
        try (LeaseWriter writer = writer(LeaseWriter.Settings.DEFAULTS.withCheckpointSync(true))) {
            writer.submit(TestLeases.granted(1)).get(5, TimeUnit.SECONDS);
            // Read on another connection while the writer is still running: the commit is visible.
            assertThat(new LeaseRepository(database).find(TestLeases.address(1))).contains(TestLeases.lease(1));
            assertThat(storedEvents()).isEqualTo(1);
        }
    }

    @Test
    void aBatchThatCannotCommitFailsEveryFutureInItAndRaisesAnAlarm() throws Exception {
        try (Connection connection = database.connect();
                PreparedStatement forbid = connection.prepareStatement(
                        "ALTER TABLE leases ADD CONSTRAINT refuse_lease_7 CHECK (address <> "
                                + TestLeases.address(7).toLong() + ")")) {
            forbid.execute();
        }
        List<CompletableFuture<LeaseChange>> futures = new ArrayList<>();
        try (LeaseWriter writer = writer(new LeaseWriter.Settings(1024, 1024, false, Duration.ZERO))) {
            for (int n = 1; n <= 200; n++) {
                futures.add(writer.submit(TestLeases.granted(n)));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(10, TimeUnit.SECONDS);
        }
        assertThatThrownBy(futures.get(6)::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(CommitFailedException.class)
                .hasMessageContaining("no ACK");

        // All or nothing per change: a failed future's lease and event are absent, a completed one's present.
        LeaseRepository leases = new LeaseRepository(database);
        long failed = 0;
        for (int n = 1; n <= 200; n++) {
            boolean stored = leases.find(TestLeases.address(n)).isPresent();
            assertThat(stored).as("lease %d stored iff its future completed", n)
                    .isEqualTo(!futures.get(n - 1).isCompletedExceptionally());
            failed += stored ? 0 : 1;
        }
        assertThat(storedEvents()).as("one GRANTED per stored lease, plus the alarm").isEqualTo(200 - failed + 1);
        assertThat(alarms).singleElement().satisfies(alarm -> {
            assertThat(alarm.type()).isEqualTo(LeaseEventType.STORE_FAILURE);
            assertThat(alarm.detail()).contains("lease changes", "failed");
        });
    }

    @Test
    void writerKeepsWorkingAfterAFailedBatch() throws Exception {
        try (LeaseWriter writer = writer(LeaseWriter.Settings.DEFAULTS)) {
            writer.submit(TestLeases.granted(1)).get(5, TimeUnit.SECONDS);
            try (Connection connection = database.connect();
                    PreparedStatement hide = connection.prepareStatement("ALTER TABLE lease_events RENAME TO hidden")) {
                hide.execute();
            }
            assertThatThrownBy(() -> writer.submit(TestLeases.granted(2)).get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(CommitFailedException.class);
            try (Connection connection = database.connect();
                    PreparedStatement restore = connection.prepareStatement("ALTER TABLE hidden RENAME TO lease_events")) {
                restore.execute();
            }
            writer.submit(TestLeases.granted(3)).get(5, TimeUnit.SECONDS);
        }
        assertThat(new LeaseRepository(database).loadAll().leases())
                .extracting(l -> l.address()).containsExactly(TestLeases.address(1), TestLeases.address(3));
    }

    @Test
    void closedDatabaseFailsTheChangeInsteadOfAcknowledgingIt() throws Exception {
        try (LeaseWriter writer = writer(LeaseWriter.Settings.DEFAULTS)) {
            writer.submit(TestLeases.granted(1)).get(5, TimeUnit.SECONDS);
            database.close();
            CompletableFuture<LeaseChange> afterClose = writer.submit(TestLeases.granted(2));
            assertThatThrownBy(() -> afterClose.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(CommitFailedException.class);
            assertThat(alarms).hasSize(1);
        }
    }

    @Test
    void fullQueueRejectsAtOnceInsteadOfQueueingUnboundedly() throws Exception {
        LeaseWriter writer = writer(new LeaseWriter.Settings(4, 1, false, Duration.ZERO));
        writer.submit(TestLeases.granted(1)).get(5, TimeUnit.SECONDS);
        List<CompletableFuture<LeaseChange>> futures = new ArrayList<>();
        // An uncommitted update of lease 1 holds its row lock, so the writer's next batch (lease 1
        // again) waits for it and the queue fills behind it.
        try (Connection blocker = lockingLeaseOne()) {
            for (int n = 1; n <= 50; n++) {
                futures.add(writer.submit(TestLeases.granted(1)));
            }
            long rejectedAtOnce = futures.stream()
                    .filter(f -> f.isCompletedExceptionally()
                            && f.exceptionNow() instanceof WriteRejectedException r
                            && r.reason() == WriteRejectedException.Reason.QUEUE_FULL)
                    .count();
            assertThat(rejectedAtOnce).isGreaterThanOrEqualTo(50 - 4 - 1);
            assertThat(writer.statistics().rejected()).isEqualTo(rejectedAtOnce);
            assertThat(futures).filteredOn(f -> !f.isDone()).as("accepted, waiting for the lock").isNotEmpty();
            blocker.rollback();
        }
        writer.close();
        assertThat(futures).allMatch(CompletableFuture::isDone);
    }

    @Test
    void closeFlushesEverythingPendingThenRefusesNewChanges() throws Exception {
        List<CompletableFuture<LeaseChange>> futures = new ArrayList<>();
        LeaseWriter writer = writer(new LeaseWriter.Settings(4096, 16, false, Duration.ZERO));
        for (int n = 1; n <= 1000; n++) {
            futures.add(writer.submit(TestLeases.granted(n)));
        }
        writer.close();
        assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(new LeaseRepository(database).loadAll().leases()).hasSize(1000);
        CompletableFuture<LeaseChange> late = writer.submit(TestLeases.granted(1001));
        assertThat(late.exceptionNow()).isInstanceOf(WriteRejectedException.class)
                .satisfies(e -> assertThat(((WriteRejectedException) e).reason()).isEqualTo(WriteRejectedException.Reason.CLOSED));
    }

    @Test
    void historyOnlyEventsAreWrittenWithTheNextBatchAndGateNothing() throws Exception {
        try (LeaseWriter writer = writer(LeaseWriter.Settings.DEFAULTS)) {
            writer.record(LeaseEvent.of(LeaseEventType.OFFERED, TestLeases.lease(7), TestLeases.T0, "offered to a client"));
            writer.submit(TestLeases.granted(8)).get(5, TimeUnit.SECONDS);
        }
        List<LeaseEventType> types = new EventRepository(database).between(TimeRange.ALL, PageRequest.first(10)).events().stream()
                .map(stored -> stored.event().type()).toList();
        assertThat(types).containsExactlyInAnyOrder(LeaseEventType.OFFERED, LeaseEventType.GRANTED);
        assertThat(new LeaseRepository(database).loadAll().leases()).extracting(Lease::address)
                .as("an offer changes no lease").containsExactly(TestLeases.address(8));
    }

    @Test
    void changesArrivingWithinTheGatherTimeShareOneCommit() throws Exception {
        try (LeaseWriter writer = writer(new LeaseWriter.Settings(4096, 64, false, Duration.ofSeconds(1)))) {
            CompletableFuture<LeaseChange> first = writer.submit(TestLeases.granted(1));
            Thread.sleep(100);
            assertThat(first).as("the first change waits for company").isNotDone();
            CompletableFuture<LeaseChange> second = writer.submit(TestLeases.granted(2));
            CompletableFuture.allOf(first, second).get(5, TimeUnit.SECONDS);
            assertThat(writer.statistics().committedBatches()).isEqualTo(1);
        }
    }

    @Test
    void aFullBatchIsCommittedWithoutWaitingOutTheGatherTime() throws Exception {
        try (LeaseWriter writer = writer(new LeaseWriter.Settings(4096, 2, false, Duration.ofHours(1)))) {
            CompletableFuture<LeaseChange> first = writer.submit(TestLeases.granted(1));
            CompletableFuture<LeaseChange> second = writer.submit(TestLeases.granted(2));
            CompletableFuture.allOf(first, second).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void historyAloneWaitsForTheNextChangeButNotForever() throws Exception {
        try (LeaseWriter writer = writer(new LeaseWriter.Settings(4096, 64, false, Duration.ZERO))) {
            writer.record(LeaseEvent.of(LeaseEventType.OFFERED, TestLeases.lease(1), TestLeases.T0, "offer without a request"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (storedEvents() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(storedEvents()).as("an offer nobody requests is still written").isEqualTo(1);

            writer.record(LeaseEvent.of(LeaseEventType.OFFERED, TestLeases.lease(2), TestLeases.T0, "offer before its request"));
            writer.submit(TestLeases.granted(2)).get(5, TimeUnit.SECONDS);
            assertThat(writer.statistics().committedBatches()).as("the second offer shares the ACK's commit").isEqualTo(2);
        }
        assertThat(storedEvents()).isEqualTo(3);
    }

    @Test
    void historyOnlyEventsAreShedBeforeTheyCrowdOutLeaseChanges() throws Exception {
        LeaseWriter writer = writer(new LeaseWriter.Settings(8, 1, false, Duration.ZERO));
        writer.submit(TestLeases.granted(1)).get(5, TimeUnit.SECONDS);
        List<CompletableFuture<LeaseChange>> changes = new ArrayList<>();
        try (Connection blocker = lockingLeaseOne()) {
            // The writer stalls on the locked row; half the queue fills with offers, the rest stays for changes.
            changes.add(writer.submit(TestLeases.granted(1)));
            for (int n = 0; n < 20; n++) {
                writer.record(LeaseEvent.of(LeaseEventType.OFFERED, TestLeases.lease(2), TestLeases.T0, "offer " + n));
            }
            for (int n = 3; n <= 5; n++) {
                changes.add(writer.submit(TestLeases.granted(n)));
            }
            assertThat(changes).noneMatch(CompletableFuture::isCompletedExceptionally);
            assertThat(writer.statistics().historyShed()).isGreaterThanOrEqualTo(20 - 8 / 2);
            blocker.rollback();
        }
        writer.close();
        assertThat(changes).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    }

    @Test
    void aBulkSubmissionLargerThanTheQueueIsStoredInOrderAndLeavesRoomForOtherChanges() throws Exception {
        List<LeaseChange> changes = new ArrayList<>();
        for (int n = 1; n <= 300; n++) {
            changes.add(TestLeases.granted(n));
        }
        Lease released = TestLeases.lease(1).released(TestLeases.T0.plusSeconds(60));
        changes.add(new LeaseChange(released, LeaseEvent.of(LeaseEventType.RELEASED, released, TestLeases.T0.plusSeconds(60), "later")));
        try (LeaseWriter writer = writer(new LeaseWriter.Settings(8, 4, false, Duration.ZERO))) {
            List<CompletableFuture<LeaseChange>> bulk = writer.submitAll(changes);
            CompletableFuture<LeaseChange> beside = writer.submit(TestLeases.granted(1000));

            CompletableFuture.allOf(bulk.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            beside.get(5, TimeUnit.SECONDS);
            assertThat(bulk).hasSize(301).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
            assertThat(writer.statistics().rejected()).as("the bulk never held more than a quarter of the queue").isZero();
        }
        LeaseRepository leases = new LeaseRepository(database);
        assertThat(leases.count()).isEqualTo(301);
        assertThat(leases.find(TestLeases.address(1))).as("the later change to the same address wins").contains(released);
        assertThat(storedEvents()).isEqualTo(302);
    }

    @Test
    void aBulkSubmissionToAClosedWriterFailsEachChangeAlone() {
        LeaseWriter writer = writer(new LeaseWriter.Settings(8, 4, false, Duration.ZERO));
        writer.close();
        List<LeaseChange> changes = new ArrayList<>();
        for (int n = 1; n <= 20_000; n++) {
            changes.add(TestLeases.granted(n));
        }

        List<CompletableFuture<LeaseChange>> bulk = writer.submitAll(changes);

        assertThat(bulk).hasSize(20_000).allMatch(f -> f.isCompletedExceptionally()
                && f.exceptionNow() instanceof WriteRejectedException rejected && rejected.reason() == WriteRejectedException.Reason.CLOSED);
    }
}
