package org.leasedesk.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.leasedesk.app.HistoryFilter;
import org.leasedesk.app.LeaseFilter;
import org.leasedesk.app.Reports;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.report.ExportFormat;
import org.leasedesk.report.ExportMonitor;
import org.leasedesk.report.ExportOutcome;
import org.leasedesk.report.ReportTable;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code leasedesk report}: the stored lease table or the history, filtered, as CSV, JSON, HTML or
 * PDF, and leases also as Kea's CSV. The header's pool figures are the last ones a server sampled
 * into the database.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Export the lease table or the lease history to a file.",
            "Leases: filter with --subnet, --pool, --state, --from/--until (last change) and --search.",
            "History: filter with --ip, --mac, --type, --pool, --from/--until (event time) and --search.",
            "Times are ISO-8601 in UTC, e.g. 2026-11-17T14:30:00Z."})
final class ReportCommand implements Callable<Integer> {

    /** What a report lists, as the CLI spells it. */
    enum Contents { leases, history }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--contents", paramLabel = "WHAT", defaultValue = "leases",
            description = "leases (the lease table, default) or history (the lease events).")
    Contents contents;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "csv, json, html, pdf or kea-csv (Kea's memfile format, to seed a Kea server; leases only).")
    ExportFormat format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write; written whole or not at all.")
    Path out;

    @Option(names = "--subnet", paramLabel = "ID", description = "Leases: only this subnet.")
    Long subnet;

    @Option(names = "--state", paramLabel = "STATE", description = "Leases: only this state: ${COMPLETION-CANDIDATES}.")
    LeaseState state;

    @Option(names = "--search", paramLabel = "TEXT",
            description = "Only rows whose address, MAC, client id or host name (or an event's detail) contains it.")
    String search;

    @Mixin
    EventCriteria criteria;

    @Mixin
    DatabaseOption database;

    @Override
    public Integer call() throws Exception {
        try {
            String refused = refusedCombination();
            if (refused != null) {
                spec.commandLine().getErr().println("leasedesk report: " + refused);
                return 2;
            }
            try (LeaseDatabase db = database.open()) {
                Reports reports = new Reports(db, Clock.systemUTC());
                ExportOutcome outcome;
                ReportTable<?> table;
                if (contents == Contents.history) {
                    HistoryFilter filter = criteria.filter(text());
                    table = ReportTable.HISTORY;
                    outcome = reports.exportHistory(format, filter, reports.sampledPools(Reports.coveredBy(filter)), out,
                            ExportMonitor.NONE);
                } else {
                    LeaseFilter filter = new LeaseFilter(subnet == null ? OptionalLong.empty() : OptionalLong.of(subnet),
                            criteria.pool(), Optional.ofNullable(state), criteria.fromTime(), criteria.untilTime(), text());
                    table = ReportTable.LEASES;
                    outcome = reports.exportLeases(format, filter, reports.sampledPools(Reports.coveredBy(filter)), out,
                            ExportMonitor.NONE);
                }
                if (outcome instanceof ExportOutcome.Written written) {
                    spec.commandLine().getOut().println("wrote " + table.count(written.rows()) + " to " + written.file());
                }
                return 0;
            }
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("leasedesk report: " + e.getMessage());
            return 2;
        } catch (StoreException e) {
            spec.commandLine().getErr().println("leasedesk report: " + e.getMessage());
            return 3;
        }
    }

    private String text() {
        return search == null ? "" : search;
    }

    /** What this mix of options cannot mean, or null when it is fine. */
    private String refusedCombination() {
        if (contents == Contents.history) {
            if (!format.holds(ReportTable.HISTORY)) {
                return "--format " + format.name().toLowerCase(Locale.ROOT).replace('_', '-')
                        + " holds leases only; the history goes to csv, json, html or pdf";
            }
            if (subnet != null || state != null) {
                return "--subnet and --state filter leases; for the history use --pool, --ip, --mac or --type";
            }
        } else if (criteria.namesEventsOnly()) {
            return "--ip, --mac and --type filter the history (add --contents history); to find leases use --search";
        }
        return null;
    }

    /** Formats as the CLI spells them: csv, json, html, pdf, kea-csv. */
    static final class FormatConverter implements CommandLine.ITypeConverter<ExportFormat> {
        @Override
        public ExportFormat convert(String value) {
            try {
                return ExportFormat.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not one of csv, json, html, pdf, kea-csv");
            }
        }
    }
}
