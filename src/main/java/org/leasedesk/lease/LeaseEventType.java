package org.leasedesk.lease;

/** What happened, as recorded in the lease history. */
public enum LeaseEventType {
    OFFERED,
    GRANTED,
    RENEWED,
    RELEASED,
    DECLINED,
    EXPIRED,
    RECLAIMED,
    NAKED,
    /** The store could not commit a batch: the affected clients got no ACK. */
    STORE_FAILURE;

    /** Whether this event calls for an administrator's attention rather than recording a lease change. */
    public boolean isAlarm() {
        return this == STORE_FAILURE;
    }
}
