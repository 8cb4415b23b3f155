package org.leasedesk.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.leasedesk.app.ExhaustionForecast;
import org.leasedesk.app.UtilisationAnalytics;
import org.leasedesk.lease.PoolRef;
import org.leasedesk.lease.PoolUsage;
import org.leasedesk.lease.UtilisationSample;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.StoreException;
import org.leasedesk.store.TimeRange;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code leasedesk utilisation}: each pool's last recorded usage and exhaustion forecast, or its usage over time. */
@Command(name = "utilisation", aliases = "utilization", mixinStandardHelpOptions = true,
        description = {"Show pool utilisation from the samples a serving LeaseDesk records every minute.",
            "Without --series: each pool's last sample, split into its parts, and when it will run out at the current trend.",
            "With --series: the usage over --from..--until (default: the last 7 days), at most --points lines,",
            "each the busiest sample of its stretch of time."})
final class UtilisationCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--pool", paramLabel = "SUBNET/POOL", description = "Only this pool, as 1/2.")
    String pool;

    @Option(names = "--subnet", paramLabel = "ID", description = "With --series: the subnet's pools added up.")
    Long subnet;

    @Option(names = "--series", description = "Show usage over time instead of the last sample.")
    boolean series;

    @Option(names = "--from", paramLabel = "TIME", description = "With --series: from this time (ISO-8601, default: 7 days before --until).")
    String from;

    @Option(names = "--until", paramLabel = "TIME", description = "With --series: until this time (default: now).")
    String until;

    @Option(names = "--points", paramLabel = "N", defaultValue = "48",
            description = "With --series: at most this many lines (default: ${DEFAULT-VALUE}).")
    int points;

    @Mixin
    DatabaseOption database;

    private final Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (!series && (from != null || until != null || subnet != null)) {
                err.println("leasedesk utilisation: --from, --until and --subnet go with --series");
                return 2;
            }
            if (pool != null && subnet != null) {
                err.println("leasedesk utilisation: name --pool or --subnet, not both");
                return 2;
            }
            Optional<PoolRef> onlyPool = Optional.ofNullable(pool).map(PoolRef::parse);
            try (LeaseDatabase db = database.open()) {
                UtilisationAnalytics analytics = new UtilisationAnalytics(db);
                List<PoolRef> pools = onlyPool.map(List::of).orElseGet(analytics::sampledPools);
                if (series) {
                    Instant end = until == null ? clock.instant() : TimeOption.parse("--until", until);
                    Instant start = from == null ? end.minus(Duration.ofDays(7)) : TimeOption.parse("--from", from);
                    TimeRange range = new TimeRange(start, end);
                    if (subnet != null) {
                        printSeries(analytics.subnetSeries(subnet, range, points), out);
                    } else {
                        for (PoolRef each : pools) {
                            printSeries(analytics.poolSeries(each, range, points), out);
                        }
                    }
                } else {
                    printNow(analytics, pools, out);
                }
                if (pools.isEmpty() && subnet == null) {
                    out.println("no utilisation samples recorded (they are written while 'leasedesk serve' runs)");
                }
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("leasedesk utilisation: " + e.getMessage());
            return 2;
        } catch (StoreException e) {
            err.println("leasedesk utilisation: " + e.getMessage());
            return 3;
        }
    }

    private void printNow(UtilisationAnalytics analytics, List<PoolRef> pools, PrintWriter out) {
        ExhaustionForecast forecast = new ExhaustionForecast();
        for (PoolRef each : pools) {
            Optional<UtilisationSample> latest = analytics.latest(each, TimeRange.ALL);
            if (latest.isEmpty()) {
                out.println("pool " + each + ": no samples recorded");
                continue;
            }
            out.println("pool " + each + ": " + describe(latest.get().usage()) + " (sampled " + latest.get().time() + ")");
            Instant newest = latest.get().time();
            TimeRange window = new TimeRange(newest.minus(ExhaustionForecast.DEFAULT_WINDOW), newest.plusMillis(1));
            out.println("  forecast: " + describe(forecast.forecast(analytics.samplesOf(each, window))));
        }
    }

    private static void printSeries(UtilisationAnalytics.Series shown, PrintWriter out) {
        out.println(shown.subject() + ", " + shown.range().from() + " to " + shown.range().until() + ": " + shown.samples() + " samples"
                + (shown.isDownsampled() ? ", each line the busiest sample of " + shown.bucket() : ""));
        for (UtilisationAnalytics.Point point : shown.points()) {
            out.println("  " + point.at() + "  " + describe(point.usage()));
        }
    }

    static String describe(PoolUsage usage) {
        return usage.utilisationPercent() + " % used of " + usage.total() + ": leased " + usage.dynamicLeased()
                + ", reserved " + usage.reservedInPool() + ", reserved outside " + usage.reservedOutsidePool()
                + ", declined " + usage.declined() + ", offered " + usage.offered() + ", free " + usage.free();
    }

    static String describe(ExhaustionForecast.Outcome outcome) {
        return switch (outcome) {
            case ExhaustionForecast.FullAt full -> String.format(Locale.ROOT,
                    "full around %s (daily peaks growing %.1f addresses/day over %d days)", full.when(), full.addressesPerDay(), full.peaks());
            case ExhaustionForecast.AlreadyFull full -> "full now (no free address at " + full.since() + ")";
            case ExhaustionForecast.NotAtCurrentTrend trend -> String.format(Locale.ROOT,
                    "not full at the current trend (daily peaks %+.1f addresses/day over %d days)", trend.addressesPerDay(), trend.peaks());
            case ExhaustionForecast.InsufficientHistory insufficient -> "none yet: " + insufficient.reason();
        };
    }
}
