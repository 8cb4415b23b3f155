package org.leasedesk.client;

/**
 * Sees each entry of an exchange as it is recorded, on the client's thread: a listener that
 * updates a UI hands the work to its own thread and returns at once.
 */
@FunctionalInterface
public interface ExchangeListener {

    /**
     * @param exchange the exchange so far, including the new entry
     * @param entry the entry just recorded
     */
    void entryRecorded(Exchange exchange, ExchangeEntry entry);
}
