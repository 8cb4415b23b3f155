package org.leasedesk.lease;

import java.time.Instant;
import java.util.Objects;

/**
 * A client an administrator quarantined: the server ignores its DISCOVER and REQUEST until the
 * administrator allows it again.
 */
public record DeniedClient(HardwareAddress hardwareAddress, Instant since, String reason) {

    public DeniedClient {
        Objects.requireNonNull(hardwareAddress, "hardwareAddress");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(reason, "reason");
        if (!hardwareAddress.isKnown()) {
            throw new IllegalArgumentException("only a client with a hardware address can be denied");
        }
        if (reason.length() > LeaseEvent.MAX_DETAIL_LENGTH) {
            throw new IllegalArgumentException("a denial's reason has at most " + LeaseEvent.MAX_DETAIL_LENGTH + " characters");
        }
    }
}
