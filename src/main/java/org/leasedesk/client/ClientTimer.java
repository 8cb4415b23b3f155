package org.leasedesk.client;

/** The timers the state machine arms; at most one of each kind is armed at a time. */
public enum ClientTimer {
    /** Resend the pending DISCOVER, REQUEST or INFORM, or give up. */
    RETRANSMIT,
    /** Stop collecting offers and choose one. */
    OFFER_WINDOW,
    /** T1: start renewing with the leasing server. */
    RENEWAL,
    /** T2: start rebinding with any server. */
    REBINDING,
    /** The lease ends: stop using the address. */
    EXPIRY,
    /** The wait after a DECLINE before starting over. */
    DECLINE_BACKOFF
}
