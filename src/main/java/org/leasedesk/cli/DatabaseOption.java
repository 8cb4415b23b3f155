package org.leasedesk.cli;

import java.nio.file.Path;
import org.leasedesk.store.LeaseDatabase;
import picocli.CommandLine.Option;

/** The {@code --database} option the commands that read the lease store share. */
final class DatabaseOption {

    @Option(names = "--database", paramLabel = "FILE",
            description = "H2 lease database (default: the one in the user's data directory, as 'serve' uses).")
    Path file;

    /** Opens it; a database held by a running server fails with a message naming that process. */
    LeaseDatabase open() {
        return file == null ? LeaseDatabase.openDefault() : LeaseDatabase.open(file);
    }
}
