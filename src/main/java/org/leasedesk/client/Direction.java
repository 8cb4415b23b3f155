package org.leasedesk.client;

/** Which way a packet went, seen from this client. */
public enum Direction {
    SENT,
    RECEIVED
}
