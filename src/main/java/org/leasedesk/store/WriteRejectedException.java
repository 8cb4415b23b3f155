package org.leasedesk.store;

/** The writer did not take a change: nothing was stored, and the client must not get an ACK. */
public final class WriteRejectedException extends StoreException {

    public enum Reason {
        /**
         * The queue is full: the disk is slower than the request rate. Answering later would be
         * worse than not answering, since clients time out and retransmit anyway.
         */
        QUEUE_FULL,
        /** The writer is shutting down. */
        CLOSED
    }

    private final Reason reason;

    WriteRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
