package org.leasedesk.store;

/** The lease store could not do what was asked; the message says what and, where known, what to do. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
