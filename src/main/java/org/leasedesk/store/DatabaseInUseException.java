package org.leasedesk.store;

import java.nio.file.Path;
import java.util.OptionalLong;

/** Another process has the database file open; H2 allows one process at a time. */
public final class DatabaseInUseException extends StoreException {

    private final Path file;
    private final OptionalLong holderPid;

    DatabaseInUseException(String message, Path file, OptionalLong holderPid, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.holderPid = holderPid;
    }

    public Path file() {
        return file;
    }

    /** The process holding the lock, when the operating system tells (Linux /proc/locks). */
    public OptionalLong holderPid() {
        return holderPid;
    }
}
