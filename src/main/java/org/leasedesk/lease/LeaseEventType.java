package org.leasedesk.lease;

/** What happened, as recorded in the lease history. Names fit the history's 16-character type column. */
public enum LeaseEventType {
    OFFERED,
    GRANTED,
    RENEWED,
    RELEASED,
    DECLINED,
    EXPIRED,
    RECLAIMED,
    NAKED,
    /**
     * A lease taken over from another server's lease file (a cut-over): the client holds the address
     * from then on, as after a grant. Stored by name like every type, so no migration is needed.
     */
    IMPORTED,
    /** The store could not commit a batch: the affected clients got no ACK. */
    STORE_FAILURE,
    /** A pool's utilisation rose past its warning or critical threshold. */
    THRESHOLD_RAISED,
    /** A pool's utilisation fell back below a threshold it had crossed. */
    THRESHOLD_CLEAR,
    /** No lease was granted for a while although clients kept asking. */
    SERVER_STUCK,
    /** Leases are granted again after {@link #SERVER_STUCK}. */
    SERVER_RECOVERED;

    /**
     * Whether this event calls for an administrator's attention rather than recording a lease change.
     * The clearing events count too: they concern no client, and a notification list shows them beside
     * the alarm they end.
     */
    public boolean isAlarm() {
        return switch (this) {
            case STORE_FAILURE, THRESHOLD_RAISED, THRESHOLD_CLEAR, SERVER_STUCK, SERVER_RECOVERED -> true;
            default -> false;
        };
    }
}
