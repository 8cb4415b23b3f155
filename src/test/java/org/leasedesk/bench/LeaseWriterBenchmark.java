package org.leasedesk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.RelayInfo;
import org.leasedesk.store.LeaseChange;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.LeaseWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lease changes committed per second through the group-commit writer, with and without
 * {@code CHECKPOINT SYNC} per batch. One operation is one acknowledged change (lease + event).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class LeaseWriterBenchmark {

    private static final int IN_FLIGHT = 1024;
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    @Param({"false", "true"})
    public boolean checkpointSync;

    private Path directory;
    private LeaseDatabase database;
    private LeaseWriter writer;
    private int next;

    @Setup(Level.Trial)
    public void open() throws IOException {
        directory = Files.createTempDirectory("leasedesk-bench");
        database = LeaseDatabase.open(directory.resolve("bench"));
        writer = new LeaseWriter(database, LeaseWriter.Settings.DEFAULTS.withCheckpointSync(checkpointSync), Clock.systemUTC(),
                alarm -> {});
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        writer.close();
        database.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Submits {@value #IN_FLIGHT} changes as concurrent clients would, and waits for every acknowledgement. */
    @Benchmark
    @OperationsPerInvocation(IN_FLIGHT)
    public void acknowledgedChanges() {
        CompletableFuture<?>[] acks = new CompletableFuture<?>[IN_FLIGHT];
        for (int i = 0; i < IN_FLIGHT; i++) {
            acks[i] = writer.submit(change(next++));
        }
        CompletableFuture.allOf(acks).join();
    }

    private static LeaseChange change(int n) {
        // Addresses cycle through a /16 so the table stays the size of a real site while rows keep changing.
        int host = n & 0xFFFF;
        Lease lease = Lease.granted(Ipv4Address.parse("10.1.0.0").plus(host + 1L),
                new HardwareAddress(HardwareAddress.ETHERNET,
                        Octets.of((byte) 2, (byte) 0, (byte) 0, (byte) 0, (byte) (host >>> 8), (byte) host)),
                Octets.EMPTY, "bench-" + host, 1, 1, START, Duration.ofHours(1), RelayInfo.NONE);
        return new LeaseChange(lease, LeaseEvent.of(LeaseEventType.GRANTED, lease, START, ""));
    }
}
