package org.leasedesk.server.allocation;

/** Whether a client may have the address its REQUEST names: a reason for a NAK, or the pool to bind from. */
public sealed interface RequestCheck permits RequestCheck.Acceptable, RequestCheck.Refused {

    /** {@code poolId} is the pool's id (1 and up), or 0 for a reserved address outside every pool. */
    record Acceptable(long poolId) implements RequestCheck {}

    record Refused(String reason) implements RequestCheck {}
}
