package org.leasedesk.client;

/**
 * The states of RFC 2131 figure 5 (section 4.4), plus the few a real client needs around them:
 * idle before start and after stop or release, the address check between ACK and BOUND, the wait
 * after a DECLINE, and the INFORM mode of hosts configured by hand.
 */
public enum ClientState {
    /** Not running: before start, after stop, after release, after giving up. */
    IDLE,
    INIT,
    SELECTING,
    REQUESTING,
    /** ACK received; asking {@link AddressConflictCheck} whether someone else already uses the address. */
    CHECKING_ADDRESS,
    /** DECLINE sent; waiting before starting over so a broken server is not hammered (RFC 2131 3.1.5). */
    DECLINING,
    BOUND,
    RENEWING,
    REBINDING,
    INIT_REBOOT,
    REBOOTING,
    /** INFORM sent for a host whose address was configured by hand; waiting for the ACK. */
    INFORMING,
    /** The INFORM was answered; nothing is leased, so nothing is timed. */
    INFORMED;

    /** True while the client holds a lease it may use. */
    public boolean holdsLease() {
        return this == BOUND || this == RENEWING || this == REBINDING;
    }

    /** The RFC's spelling, e.g. INIT-REBOOT, for logs and the UI. */
    public String displayName() {
        return name().replace('_', '-');
    }
}
