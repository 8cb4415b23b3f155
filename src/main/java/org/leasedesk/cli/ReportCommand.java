package org.leasedesk.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.leasedesk.app.LeaseFilter;
import org.leasedesk.app.LeaseReports;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.report.ExportFormat;
import org.leasedesk.report.ExportMonitor;
import org.leasedesk.report.ExportOutcome;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code leasedesk report}: the stored lease table, filtered, as CSV, JSON, HTML, PDF or Kea's CSV. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Export the lease table to a file.")
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "csv, json, html, pdf or kea-csv (Kea's memfile format, to seed a Kea server).")
    ExportFormat format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write; written whole or not at all.")
    Path out;

    @Option(names = "--subnet", paramLabel = "ID", description = "Only this subnet.")
    Long subnet;

    @Option(names = "--state", paramLabel = "STATE", description = "Only leases in this state: ${COMPLETION-CANDIDATES}.")
    LeaseState state;

    @Option(names = "--search", paramLabel = "TEXT", description = "Only leases whose address, MAC, client id or host name contains it.")
    String search;

    @Mixin
    DatabaseOption database;

    @Override
    public Integer call() throws Exception {
        LeaseFilter filter = new LeaseFilter(subnet == null ? OptionalLong.empty() : OptionalLong.of(subnet),
                Optional.ofNullable(state), Optional.ofNullable(search));
        try (LeaseDatabase db = database.open()) {
            ExportOutcome outcome = new LeaseReports(Clock.systemUTC()).exportLeases(db, format, filter, out, ExportMonitor.NONE);
            if (outcome instanceof ExportOutcome.Written written) {
                spec.commandLine().getOut().println("wrote " + written.rows() + " lease(s) to " + written.file());
            }
            return 0;
        } catch (StoreException e) {
            spec.commandLine().getErr().println("leasedesk report: " + e.getMessage());
            return 3;
        }
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
