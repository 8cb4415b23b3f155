package org.leasedesk.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * dhcpcd: {@code dhcpcd -k IF} releases (the server is told, the address removed, and the
 * interface's dhcpcd exits), {@code dhcpcd -n IF} renews (it rebinds: a broadcast REQUEST for the
 * address it holds, or starts one when none runs), and {@code dhcpcd -U IF} dumps the lease as
 * shell variables. These talk to the running dhcpcd through its control socket, whose name
 * depends on whether it was started for IPv4 only ({@code IF-4.sock}): the same {@code -4} is
 * passed when the running one has it, or else dhcpcd answers "dhcpcd is not running".
 */
final class DhcpcdBackend extends CommandBackend {

    private static final KeyValueLease.Keys KEYS = new KeyValueLease.Keys("ip_address", "dhcp_server_identifier",
            "dhcp_lease_time", "dhcp_renewal_time", "dhcp_rebinding_time", "");

    private final boolean ipv4Only;

    /** @param runningCommandLine the running dhcpcd's arguments, empty when none runs */
    DhcpcdBackend(CommandRunner runner, List<String> runningCommandLine) {
        super(runner);
        // Started with -4, or retitled "dhcpcd: eth0 [ip4]" without an [ip6] part.
        this.ipv4Only = runningCommandLine.stream().anyMatch(arg -> arg.equals("-4") || arg.equals("--ipv4only"))
                || runningCommandLine.contains("[ip4]") && !runningCommandLine.contains("[ip6]");
    }

    @Override
    public String name() {
        return "dhcpcd";
    }

    @Override
    public String releaseDescription() {
        return "dhcpcd -k: dhcpcd sends a DHCPRELEASE, removes the address and stops for this interface.";
    }

    @Override
    public String renewDescription() {
        return "dhcpcd -n: dhcpcd rebinds the lease it holds (or starts on the interface when it was stopped).";
    }

    @Override
    List<List<String>> releaseCommands(InterfaceName interfaceName) {
        return List.of(command("-k", interfaceName));
    }

    @Override
    List<List<String>> renewCommands(InterfaceName interfaceName) {
        return List.of(command("-n", interfaceName));
    }

    @Override
    public Optional<BackendLease> currentLease(InterfaceName interfaceName) {
        CommandOutput dump = runner.run(command("-U", interfaceName), TIMEOUT);
        return dump.succeeded() ? parseDump(dump.stdout()) : Optional.empty();
    }

    List<String> command(String action, InterfaceName interfaceName) {
        List<String> command = new ArrayList<>(List.of("dhcpcd"));
        if (ipv4Only) {
            command.add("-4");
        }
        command.add(action);
        command.add(interfaceName.value());
        return command;
    }

    /** dhcpcd -U: {@code ip_address=192.0.2.103}, {@code dhcp_lease_time=120}, ... one per line. */
    static Optional<BackendLease> parseDump(String dump) {
        return KeyValueLease.lease(KeyValueLease.fields(dump, "="), KEYS);
    }
}
