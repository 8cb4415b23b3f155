package org.leasedesk.store;

/** The batch holding a change could not be committed: the change is not stored, so no ACK. */
public final class CommitFailedException extends StoreException {

    CommitFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
