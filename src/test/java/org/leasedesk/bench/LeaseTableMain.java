package org.leasedesk.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.leasedesk.app.Workbench;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.RelayInfo;
import org.leasedesk.ui.leases.LeasesView;
import org.leasedesk.ui.leases.LeaseRow;
import org.leasedesk.ui.leases.LeasesViewModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 100,000 leases in the Leases view, shown in a real (headless Monocle) window: how long loading,
 * a search, a sort and a burst of 1,000 lease changes take on the FX thread, each measured until
 * the table has laid out its visible rows again. Medians of several runs are logged.
 *
 * <pre>{@code ./mvnw -B -ntp -o -Pbench test-compile exec:exec@lease-table-bench}</pre>
 */
public final class LeaseTableMain {

    private static final Logger log = LoggerFactory.getLogger(LeaseTableMain.class);
    private static final int RUNS = 7;

    private LeaseTableMain() {}

    public static void main(String[] args) {
        int status = 1;
        try {
            run(args.length > 0 ? Integer.parseInt(args[0]) : 100_000);
            status = 0;
        } catch (Exception e) {
            log.error("the lease-table benchmark failed", e);
        } finally {
            Platform.exit();
        }
        // Monocle's FX thread may outlive Platform.exit(); a benchmark has nothing else to wait for.
        System.exit(status);
    }

    private static void run(int count) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("testfx.headless", "true");
        List<Lease> leases = leases(count, Instant.now());
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.join();
        java.nio.file.Path directory = java.nio.file.Files.createTempDirectory("lease-table-bench");
        try (Workbench workbench = Workbench.open(directory.resolve("leases"), java.time.Clock.systemUTC())) {
            LeasesView view = onFx(() -> {
                LeasesView shown = new LeasesView(workbench);
                Stage stage = new Stage();
                stage.setScene(new Scene(shown, 1200, 760));
                stage.show();
                return shown;
            });
            LeasesViewModel model = view.model();
            LeasesViewModel.Prepared prepared = model.prepare(new org.leasedesk.app.LeaseFeed.Update(true, leases));
            long building = System.nanoTime();
            model.prepare(new org.leasedesk.app.LeaseFeed.Update(true, leases));
            log.info("building {} rows off the FX thread: {} ms", count, Duration.ofNanos(System.nanoTime() - building).toMillis());
            measure("load " + count + " prepared rows into the table (FX thread)", () -> {
                model.apply(prepared);
                layout(view);
            }, () -> model.replaceAll(List.of()));
            onFx(() -> {
                model.apply(prepared);
                return null;
            });
            measure("search 'host-4242' (" + count + " rows filtered)", () -> {
                model.search().set("host-4242");
                layout(view);
                check(model.shown().size() == 10, "10 rows match host-4242");
            }, () -> model.search().set(""));
            measure("search a MAC spelled aa-bb-cc", () -> {
                model.search().set("02-00-00-01-86-9f");
                layout(view);
                check(model.shown().size() == 1, "one row matches the MAC");
            }, () -> model.search().set(""));
            measure("sort by host name", () -> {
                sortBy(view, Comparator.comparing(row -> row.lease().hostname()));
                layout(view);
            }, () -> sortBy(view, null));
            onFx(() -> {
                sortBy(view, Comparator.comparing(row -> row.lease().hostname()));
                return null;
            });
            List<Lease> changed = leases.subList(0, 1000).stream().map(lease -> lease.state() == LeaseState.ACTIVE ? lease.released(Instant.now())
                    : lease.renewed(Instant.now(), Duration.ofHours(2), RelayInfo.NONE)).toList();
            measure("1,000 lease changes into the sorted table", () -> {
                model.update(changed);
                layout(view);
            }, () -> model.update(leases.subList(0, 1000)));
            onFx(() -> {
                view.getScene().getWindow().hide();
                return null;
            });
        }
    }

    /** Sorts as a column header click would (the benchmark stands in for the click). */
    private static void sortBy(LeasesView view, Comparator<LeaseRow> comparator) {
        view.model().shown().comparatorProperty().unbind();
        view.model().shown().setComparator(comparator);
    }

    /** CSS and layout as the next pulse would do them: the visible cells are up to date after it. */
    private static void layout(LeasesView view) {
        view.applyCss();
        view.layout();
    }

    private static void measure(String what, Runnable operation, Runnable reset) throws Exception {
        long[] millis = new long[RUNS];
        for (int run = 0; run < RUNS; run++) {
            millis[run] = onFx(() -> {
                long start = System.nanoTime();
                operation.run();
                long elapsed = System.nanoTime() - start;
                reset.run();
                return Duration.ofNanos(elapsed).toMillis();
            });
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        log.info("{}: median {} ms, best {} ms, worst {} ms (runs: {})", what, sorted[RUNS / 2], sorted[0], sorted[RUNS - 1],
                Arrays.toString(millis));
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark check failed: " + what);
        }
    }

    private static <T> T onFx(Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get();
    }

    /** Leases across 4 pools; host names repeat every 10,000 so a search matches a handful of rows. */
    static List<Lease> leases(int count, Instant now) {
        List<Lease> leases = new ArrayList<>(count);
        Ipv4Address first = Ipv4Address.parse("10.0.0.1");
        LeaseState[] states = {LeaseState.ACTIVE, LeaseState.ACTIVE, LeaseState.ACTIVE, LeaseState.RELEASED, LeaseState.EXPIRED};
        for (int i = 0; i < count; i++) {
            byte[] mac = {(byte) (i % 3 == 0 ? 0x02 : 0x00), 0x00, 0x00, (byte) (i >> 16), (byte) (i >> 8), (byte) i};
            Lease lease = Lease.granted(first.plus(i), new HardwareAddress(HardwareAddress.ETHERNET, Octets.of(mac)), Octets.EMPTY,
                    "host-" + (i % 10_000), 1, 1 + i % 4, now.minusSeconds(i % 3600), Duration.ofHours(2), RelayInfo.NONE);
            LeaseState state = states[i % states.length];
            leases.add(state == LeaseState.ACTIVE ? lease : state == LeaseState.RELEASED ? lease.released(now) : lease.expired(now));
        }
        return leases;
    }
}
