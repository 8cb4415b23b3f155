package org.leasedesk.store;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Child process for {@link DurabilityTest}: writes leases through the {@link LeaseWriter} as fast
 * as it can and prints the number of each lease whose future completed, as a server would send
 * its ACK. The parent kills it with SIGKILL in the middle.
 */
public final class AcknowledgingWriterMain {

    private AcknowledgingWriterMain() {}

    public static void main(String[] args) throws InterruptedException {
        PrintStream acks = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        LeaseDatabase database = LeaseDatabase.open(Path.of(args[0]));
        LeaseWriter writer = new LeaseWriter(database, LeaseWriter.Settings.DEFAULTS, Clock.systemUTC(), alarm -> {});
        // Bounded in flight, like a server whose clients wait for answers; never the queue limit.
        Semaphore inFlight = new Semaphore(1024);
        for (int n = 1; n < 1_000_000; n++) {
            inFlight.acquire();
            int number = n;
            CompletableFuture<LeaseChange> done = writer.submit(TestLeases.granted(number));
            done.whenComplete((change, failure) -> {
                if (failure == null) {
                    synchronized (acks) {
                        acks.println(number);
                        acks.flush();
                    }
                }
                inFlight.release();
            });
        }
    }
}
