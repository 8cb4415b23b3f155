package org.leasedesk.store;

/** A stored row that failed validation on load: skipped, and reported with its key and the reason. */
public record RejectedRow(String table, String key, String reason) {

    @Override
    public String toString() {
        return table + " row " + key + ": " + reason;
    }
}
