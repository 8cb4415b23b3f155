package org.leasedesk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.leasedesk.app.ImportReport;
import org.leasedesk.app.LeaseCutover;
import org.leasedesk.app.ServerLauncher;
import org.leasedesk.lease.Lease;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.server.config.ConfigException;
import org.leasedesk.server.config.ServerConfigLoader;
import org.leasedesk.store.DatabaseInUseException;
import org.leasedesk.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code leasedesk import}: a cut-over from Kea, ISC dhcpd or dnsmasq. Writes the active leases of the
 * other server's lease file into the lease database of a LeaseDesk server that is not running; or,
 * with {@code --list}, only lists the file's leases.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Take over the leases of the DHCP server LeaseDesk replaces, so that every client keeps its address: read its lease"
                    + " file (Kea's kea-leases4.csv and its .1 and .2 parts, ISC dhcpd.leases or a dnsmasq lease file, recognised from"
                    + " the content) and write its active, unexpired leases into the lease database of the LeaseDesk server that"
                    + " --config configures. Stop that server first: a running server holds its database (to import into a running"
                    + " server, use the desktop's Reports page).",
            "",
            "Each lease goes into the configured subnet that contains its address (a Kea subnet-id that says otherwise is"
                    + " noted) and the pool containing it (pool 0 outside every pool); leases outside every configured subnet are"
                    + " refused. Each imported lease gets an IMPORTED history event naming the file.",
            "",
            "Conflicts are reported and the lease is left out: another client holds the address in LeaseDesk (or it is in"
                    + " decline probation), the configuration reserves it for another client, the client already holds another"
                    + " address in that subnet, or the file gives one address to two clients or one client two addresses. The"
                    + " same client already holding the same address is 'already present': nothing to do.",
            "",
            "The report lists every lease written, already present, in conflict or skipped, every unreadable line (as"
                    + " FILE:LINE) and notes, then a summary with the counts."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Every active lease of the file is in LeaseDesk: imported, already present, or settled by --replace"
                    + " (with --dry-run: would be).",
            "1:The file is not a lease file LeaseDesk reads, or cannot be read. Nothing written.",
            "2:Bad options, or a configuration LeaseDesk refuses. Nothing written.",
            "3:The lease database cannot be opened (a running server holds it) or did not take every change.",
            "4:Some leases were left out: conflicts, leases outside the configured subnets, or unreadable lines."
                    + " The rest is imported (with --dry-run: would be)."})
final class ImportCommand implements Callable<Integer> {

    static final int FILE_REFUSED = 1;
    static final int BAD_INPUT = 2;
    static final int DATABASE_FAILED = 3;
    static final int INCOMPLETE = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The other server's lease file.")
    Path file;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Kea-style Dhcp4 configuration of the LeaseDesk server that takes the leases over (as for 'serve').")
    Path config;

    @Option(names = "--database", paramLabel = "FILE",
            description = "H2 lease database to write (default: the configuration's lease-database name, else the one in the"
                    + " user's data directory: the one 'serve --config' uses).")
    Path database;

    @Option(names = "--dry-run", description = "Report what the import would write and every conflict; write nothing."
            + " The exit code is the one the import would return.")
    boolean dryRun;

    @Option(names = "--replace", description = "Let the file win conflicts with LeaseDesk: the lease another client holds on"
            + " the address is overwritten, the client's other address in the subnet is released, and of two leases the file"
            + " lists for one address or one client the newer is taken. A reservation in the configuration always wins: change"
            + " the configuration instead.")
    boolean replace;

    @Option(names = "--list", description = "Only list the file's leases (no configuration or database needed); bad lines go"
            + " to standard error.")
    boolean list;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list && (config != null || database != null || dryRun || replace)) {
            err.println("leasedesk import: --list only lists the file; leave out --config, --database, --dry-run and --replace");
            return BAD_INPUT;
        }
        if (!list && config == null) {
            err.println("leasedesk import: name the configuration of the LeaseDesk server that takes the leases over (--config FILE),"
                    + " or only list the file's leases with --list");
            return BAD_INPUT;
        }
        LeaseCutover.LeaseFile read;
        try {
            read = LeaseCutover.read(file);
        } catch (LeaseCutover.FileRefusedException e) {
            err.println("leasedesk import: " + e.getMessage());
            return FILE_REFUSED;
        } catch (IOException e) {
            err.println("leasedesk import: cannot read " + file + ": " + e.getMessage());
            return FILE_REFUSED;
        }
        if (list) {
            list(read, out, err);
            return 0;
        }
        ServerConfigLoader.Loaded loaded;
        try {
            loaded = new ServerConfigLoader(OptionRegistry.standard()).load(config);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return BAD_INPUT;
        }
        loaded.warnings().forEach(err::println);
        Path databaseFile = ServerLauncher.databaseFile(Optional.ofNullable(database), loaded.config());
        try {
            ImportReport report = LeaseCutover.intoStore(read, loaded.config(), databaseFile, replace, dryRun, Clock.systemUTC());
            report.lines().forEach(out::println);
            out.println(report.summary());
            return report.complete() ? 0 : INCOMPLETE;
        } catch (DatabaseInUseException e) {
            err.println("leasedesk import: " + e.getMessage() + " An import writes into the database directly, so the server that"
                    + " uses it must be stopped: stop it (for example 'systemctl stop leasedesk'), import, and start it again; or"
                    + " import into the running server from the desktop's Reports page. Nothing was written.");
            return DATABASE_FAILED;
        } catch (StoreException e) {
            err.println("leasedesk import: " + e.getMessage());
            return DATABASE_FAILED;
        }
    }

    /** The file's leases as they are, one per line, as this command printed them before it imported. */
    private static void list(LeaseCutover.LeaseFile read, PrintWriter out, PrintWriter err) {
        out.println(String.format("%-15s  %-17s  %-9s  %-20s  %s", "ADDRESS", "MAC", "STATE", "EXPIRES", "HOSTNAME"));
        for (Lease lease : read.leases()) {
            out.println(String.format("%-15s  %-17s  %-9s  %-20s  %s", lease.address(), lease.hardwareAddress(), lease.state(),
                    lease.expiry(), lease.hostname()));
        }
        read.badLines().forEach(problem -> err.println(problem.file() + ":" + problem.line() + ": " + problem.reason()));
        out.println(read.leases().size() + " lease(s), " + read.badLines().size() + " line(s) skipped");
    }
}
