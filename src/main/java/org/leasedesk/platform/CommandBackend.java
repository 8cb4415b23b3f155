package org.leasedesk.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A backend that drives its client with commands: the subclasses say which argument lists
 * release and renew, and how the lease is read; running them, failing with one sentence and
 * reading the lease back afterwards is done once, here.
 */
abstract class CommandBackend implements DhcpBackend {

    /** DHCP clients wait for the server before they return; four of the RFC's retransmissions fit. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    protected final CommandRunner runner;

    CommandBackend(CommandRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** The argument lists {@link #release} runs, in order; exposed so tests see exactly what would run. */
    abstract List<List<String>> releaseCommands(InterfaceName interfaceName);

    abstract List<List<String>> renewCommands(InterfaceName interfaceName);

    @Override
    public OperationOutcome release(InterfaceName interfaceName) {
        return new OperationOutcome(releaseDescription(), runAll(releaseCommands(interfaceName)), Optional.empty());
    }

    @Override
    public OperationOutcome renew(InterfaceName interfaceName) {
        List<CommandOutput> outputs = runAll(renewCommands(interfaceName));
        return new OperationOutcome(renewDescription(), outputs, currentLease(interfaceName));
    }

    private List<CommandOutput> runAll(List<List<String>> commands) {
        List<CommandOutput> outputs = new ArrayList<>();
        for (List<String> command : commands) {
            outputs.add(runner.run(command, TIMEOUT).orThrow());
        }
        return outputs;
    }
}
