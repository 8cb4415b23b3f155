package org.leasedesk.platform;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a release or renew did: the backend's own description of the operation, every command it
 * ran with its output, and the lease read back afterwards (empty after a release, or when the
 * backend cannot tell).
 */
public record OperationOutcome(String description, List<CommandOutput> commands, Optional<BackendLease> leaseAfter) {

    public OperationOutcome {
        Objects.requireNonNull(description, "description");
        commands = List.copyOf(commands);
        Objects.requireNonNull(leaseAfter, "leaseAfter");
    }
}
