package org.leasedesk.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.leasedesk.app.Workbench;
import org.leasedesk.app.lab.FleetCounters;
import org.leasedesk.app.lab.LabFleet;
import org.leasedesk.app.lab.LabSettings;
import org.leasedesk.server.DhcpServer;
import org.leasedesk.ui.LeaseDeskApp;

/**
 * The longest JavaFX-thread stall while the lab fleet runs at full speed with the dashboard shown.
 * A pulse is posted to the FX thread every 10 ms and its lateness recorded; an AnimationTimer
 * records the longest gap between frames. Runs headless (Monocle, software rendering) so figures do
 * not depend on a display:
 *
 * <pre>./mvnw -B -ntp -o -Pbench test-compile exec:exec@fx-stall-bench [-Dfxstall.args="60 2000"]</pre>
 *
 * Arguments: measured seconds (default 60), lab clients (default 2000; the pool has a third more). The
 * same measurement runs first with no server, for a third of the time, so the machine's own load can
 * be told apart from the lab's.
 */
public final class FxStallBenchmark {

    private static final long PULSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Path directory = Files.createTempDirectory("leasedesk-fx-stall");
        Workbench workbench = Workbench.open(directory.resolve("leases"), Clock.systemUTC());

        CountDownLatch shown = new CountDownLatch(1);
        Platform.startup(() -> {
            LeaseDeskApp.show(new Stage(), workbench);
            shown.countDown();
        });
        shown.await();
        Thread.sleep(3_000);
        // The same measurement with no server first: what this machine's load alone costs the FX thread.
        Stalls idle = measure(Math.max(10, seconds / 3));
        System.out.println("dashboard shown, no server:   " + idle);

        LabSettings settings = new LabSettings(clients, clients + clients / 3, LabSettings.FULL_SPEED, 0.2, 0.01,
                Duration.ofSeconds(20), Duration.ofSeconds(5));
        Workbench.ServerState state = workbench.startLab(settings).join();
        if (!(state instanceof Workbench.Serving)) {
            throw new IllegalStateException("the lab did not start: " + state.summary());
        }
        LabFleet fleet = workbench.lab().orElseThrow();
        DhcpServer server = workbench.server().orElseThrow();
        System.out.printf(Locale.ROOT, "lab: %,d clients, pool %,d, full speed, 20 s leases; warming up 10 s%n",
                settings.clients(), settings.poolSize());
        Thread.sleep(10_000);
        FleetCounters before = fleet.counters();
        long packetsBefore = packets(server);
        long start = System.nanoTime();
        Stalls loaded = measure(seconds);
        double elapsed = (System.nanoTime() - start) / 1e9;
        FleetCounters after = fleet.counters();
        System.out.println("dashboard shown, lab at full speed: " + loaded);
        System.out.printf(Locale.ROOT, "fleet: %,.0f DORA/s, %,.0f renewals/s, %,.0f packets/s received by the server, %,d timeouts%n",
                (after.doraCompleted() - before.doraCompleted()) / elapsed, (after.renewals() - before.renewals()) / elapsed,
                (packets(server) - packetsBefore) / elapsed, after.timeouts() - before.timeouts());
        System.out.printf(Locale.ROOT, "machine load average at the end: %.1f on %d cores%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        workbench.close();
        Platform.exit();
        System.exit(0);
    }

    /** FX-thread lateness of pulses posted every 10 ms, and the longest gap between animation frames. */
    private record Stalls(int pulses, double seconds, long median, long p99, long p999, long max, long longestFrameGap) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d pulses over %.0f s; lateness median %.1f ms, p99 %.1f ms, p99.9 %.1f ms,"
                    + " max %.1f ms; longest gap between frames %.1f ms", pulses, seconds, ms(median), ms(p99), ms(p999), ms(max),
                    ms(longestFrameGap));
        }
    }

    private static Stalls measure(int seconds) throws InterruptedException {
        long[] lateness = new long[(int) (seconds * 1e9 / PULSE_NANOS) + 10];
        AtomicInteger pulses = new AtomicInteger();
        AtomicLong longestGap = new AtomicLong();
        AnimationTimer frames = new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (last != 0) {
                    longestGap.accumulateAndGet(now - last, Math::max);
                }
                last = now;
            }
        };
        Platform.runLater(frames::start);
        AtomicLong lastRun = new AtomicLong(System.nanoTime());
        Thread fxThread = fxThread();
        ScheduledExecutorService poster = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        poster.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            Platform.runLater(() -> {
                lastRun.set(System.nanoTime());
                int index = pulses.getAndIncrement();
                if (index < lateness.length) {
                    lateness[index] = System.nanoTime() - posted;
                }
            });
        }, 0, PULSE_NANOS, TimeUnit.NANOSECONDS);
        if (Boolean.getBoolean("fxstall.stacks")) {
            // Diagnosis: what the FX thread was doing when a pulse is 250 ms late.
            poster.scheduleAtFixedRate(() -> {
                if (System.nanoTime() - lastRun.get() > TimeUnit.MILLISECONDS.toNanos(250)) {
                    StringBuilder trace = new StringBuilder("FX thread during a stall (" + fxThread.getState() + "):");
                    for (StackTraceElement frame : fxThread.getStackTrace()) {
                        trace.append("\n    ").append(frame);
                    }
                    System.out.println(trace);
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
        }
        Thread.sleep(seconds * 1000L);
        poster.shutdown();
        poster.awaitTermination(1, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        CountDownLatch stopped = new CountDownLatch(1);
        Platform.runLater(() -> {
            frames.stop();
            stopped.countDown();
        });
        stopped.await();
        long[] measured = Arrays.copyOf(lateness, Math.min(pulses.get(), lateness.length));
        Arrays.sort(measured);
        return new Stalls(measured.length, elapsed, percentile(measured, 0.5), percentile(measured, 0.99),
                percentile(measured, 0.999), measured[measured.length - 1], longestGap.get());
    }

    private static Thread fxThread() throws InterruptedException {
        java.util.concurrent.atomic.AtomicReference<Thread> thread = new java.util.concurrent.atomic.AtomicReference<>();
        CountDownLatch found = new CountDownLatch(1);
        Platform.runLater(() -> {
            thread.set(Thread.currentThread());
            found.countDown();
        });
        found.await();
        return thread.get();
    }

    private static long packets(DhcpServer server) {
        return server.statistics().received().values().stream().mapToLong(Long::longValue).sum();
    }

    private static long percentile(long[] sorted, double share) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(share * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
