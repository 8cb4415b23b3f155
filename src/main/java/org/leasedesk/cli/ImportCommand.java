package org.leasedesk.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.leasedesk.lease.Lease;
import org.leasedesk.report.ImportOptions;
import org.leasedesk.report.ImportOutcome;
import org.leasedesk.report.LeaseImport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code leasedesk import}: reads a Kea, ISC dhcpd or dnsmasq lease file and lists its leases. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Read a lease file of Kea (kea-leases4.csv), ISC dhcpd (dhcpd.leases) or dnsmasq and list its leases.",
            "The format is recognised from the content; bad lines are reported with their line number and skipped."})
final class ImportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(names = "--subnet-id", defaultValue = "1", description = "Subnet id for formats that do not record one (default: ${DEFAULT-VALUE}).")
    long subnetId;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ImportOutcome outcome = LeaseImport.read(file, new ImportOptions(subnetId, ImportOptions.DEFAULTS.assumedLifetime()));
        return switch (outcome) {
            case ImportOutcome.Rejected rejected -> {
                err.println("leasedesk import: " + rejected.reason());
                yield 1;
            }
            case ImportOutcome.Imported imported -> {
                out.println(String.format("%-15s  %-17s  %-9s  %-20s  %s", "ADDRESS", "MAC", "STATE", "EXPIRES", "HOSTNAME"));
                for (Lease lease : imported.leases()) {
                    out.println(String.format("%-15s  %-17s  %-9s  %-20s  %s", lease.address(), lease.hardwareAddress(), lease.state(),
                            lease.expiry(), lease.hostname()));
                }
                imported.problems().forEach(problem -> err.println(problem.file() + ":" + problem.line() + ": " + problem.reason()));
                out.println(imported.leases().size() + " lease(s), " + imported.problems().size() + " line(s) skipped");
                yield 0;
            }
        };
    }
}
