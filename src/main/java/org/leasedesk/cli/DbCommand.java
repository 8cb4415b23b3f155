package org.leasedesk.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.leasedesk.store.DataDirectory;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.StoreException;
import org.leasedesk.store.StoreMaintenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code leasedesk db}: backup, restore, compaction and pruning of the lease database. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Maintain the lease database.",
        subcommands = {DbCommand.Backup.class, DbCommand.Restore.class, DbCommand.Compact.class, DbCommand.Prune.class})
final class DbCommand {

    /** Runs one maintenance step, turning store failures (such as a database in use) into one clear line. */
    abstract static class Step implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DatabaseOption database;

        @Override
        public Integer call() {
            try {
                spec.commandLine().getOut().println(run());
                return 0;
            } catch (StoreException e) {
                spec.commandLine().getErr().println("leasedesk db " + spec.name() + ": " + e.getMessage());
                return 3;
            }
        }

        abstract String run();
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = "Write a consistent copy of the database to a zip file (safe while it is in use by this process).")
    static final class Backup extends Step {
        @Option(names = "--to", paramLabel = "DIR", description = "Directory for the backup (default: backups/ in the data directory).")
        Path directory;

        @Override
        String run() {
            try (LeaseDatabase db = database.open()) {
                Path into = directory != null ? directory : DataDirectory.forCurrentUser().resolve("backups");
                return "backed up to " + new StoreMaintenance(db, Clock.systemUTC()).backupInto(into);
            }
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Put a backup in place of the database; the replaced database is kept beside it.",
                "Stop the server first: a database in use is refused."})
    static final class Restore extends Step {
        @Parameters(paramLabel = "BACKUP.zip")
        Path backup;

        @Override
        String run() {
            Path target = database.file != null ? database.file
                    : DataDirectory.forCurrentUser().resolve(LeaseDatabase.DEFAULT_NAME);
            return "restored " + backup + StoreMaintenance.restore(backup, target, Clock.systemUTC())
                    .map(replaced -> "; the previous database is kept as " + replaced).orElse("");
        }
    }

    @Command(name = "compact", mixinStandardHelpOptions = true, description = "Rewrite the database file without its free space.")
    static final class Compact extends Step {
        @Override
        String run() {
            LeaseDatabase db = database.open();
            Path file = db.file();
            db.closeAndCompact();
            return "compacted " + file;
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true, description = "Delete history older than a number of days; current leases stay.")
    static final class Prune extends Step {
        @Option(names = "--older-than", required = true, paramLabel = "DAYS", description = "Age in days.")
        long days;

        @Override
        String run() {
            try (LeaseDatabase db = database.open()) {
                StoreMaintenance.PruneResult result = new StoreMaintenance(db, Clock.systemUTC()).pruneOlderThan(Duration.ofDays(days));
                return "deleted " + result.events() + " event(s), " + result.utilisationSamples() + " utilisation sample(s) and "
                        + result.clientPackets() + " client packet(s)";
            }
        }
    }
}
