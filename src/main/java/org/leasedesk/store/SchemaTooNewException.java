package org.leasedesk.store;

/** The database was written by a newer LeaseDesk; opening it could corrupt data this version does not understand. */
public final class SchemaTooNewException extends StoreException {

    private final int foundVersion;
    private final int knownVersion;

    SchemaTooNewException(String message, int foundVersion, int knownVersion) {
        super(message);
        this.foundVersion = foundVersion;
        this.knownVersion = knownVersion;
    }

    public int foundVersion() {
        return foundVersion;
    }

    public int knownVersion() {
        return knownVersion;
    }
}
