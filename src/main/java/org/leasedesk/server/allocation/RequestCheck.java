package org.leasedesk.server.allocation;

/**
 * Whether a client may have the address its REQUEST names: the pool to bind from, a reason for a
 * NAK, or an address the server does not hand out at all (in no pool of the subnet and not
 * reserved for the client), which Kea leaves unanswered rather than NAK, since another server may
 * own it.
 */
public sealed interface RequestCheck permits RequestCheck.Acceptable, RequestCheck.Refused, RequestCheck.NotOurs {

    /** {@code poolId} is the pool's id (1 and up), or 0 for a reserved address outside every pool. */
    record Acceptable(long poolId) implements RequestCheck {}

    record Refused(String reason) implements RequestCheck {}

    record NotOurs(String reason) implements RequestCheck {}
}
