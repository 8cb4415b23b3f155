package org.leasedesk.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a lease on a Linux interface and takes it off again with iproute2, in the network
 * namespace of the calling thread. Every argument comes from a validated {@link InterfaceName}
 * or from parsed {@link org.leasedesk.lease.Ipv4Address} values formatted here; no text from a
 * packet reaches the command. {@code replace} makes applying the same lease twice (a renewal)
 * harmless.
 */
public final class LinuxAddressConfigurator {

    private static final Logger LOG = LoggerFactory.getLogger(LinuxAddressConfigurator.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final CommandRunner runner;

    public LinuxAddressConfigurator(CommandRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /** The commands that apply the assignment, in order: the address first, as the route's gateway must be reachable. */
    List<List<String>> applyCommands(AddressAssignment assignment) {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("ip", "-4", "address", "replace", assignment.addressWithPrefix(), "broadcast",
                assignment.broadcast().toString(), "dev", assignment.interfaceName().value()));
        assignment.router().ifPresent(router -> commands.add(List.of("ip", "-4", "route", "replace", "default", "via",
                router.toString(), "dev", assignment.interfaceName().value())));
        return commands;
    }

    /** The commands that remove it, in the opposite order; the route goes with the address anyway, but only ours is deleted. */
    List<List<String>> removeCommands(AddressAssignment assignment) {
        List<List<String>> commands = new ArrayList<>();
        assignment.router().ifPresent(router -> commands.add(List.of("ip", "-4", "route", "del", "default", "via",
                router.toString(), "dev", assignment.interfaceName().value())));
        commands.add(List.of("ip", "-4", "address", "del", assignment.addressWithPrefix(), "dev", assignment.interfaceName().value()));
        return commands;
    }

    /**
     * A host route for 255.255.255.255 through the interface, for the time an exchange runs. A UDP
     * socket cannot send the limited broadcast before the interface has an address unless a route
     * says where it goes (raw-socket clients avoid this by building frames themselves); this one
     * route is added, and removed again by {@link #removeBroadcastRoute}, and nothing else changes.
     */
    List<String> broadcastRouteCommand(InterfaceName interfaceName, boolean add) {
        return List.of("ip", "-4", "route", add ? "replace" : "del", "255.255.255.255/32", "dev", interfaceName.value());
    }

    public void addBroadcastRoute(InterfaceName interfaceName) {
        runner.run(broadcastRouteCommand(interfaceName, true), TIMEOUT).orThrow();
    }

    /** Removes the route; one already gone is fine. */
    public void removeBroadcastRoute(InterfaceName interfaceName) {
        CommandOutput output = runner.run(broadcastRouteCommand(interfaceName, false), TIMEOUT);
        if (!output.succeeded()) {
            LOG.debug("{}: broadcast route already gone: {}", interfaceName, output.stderr().strip());
        }
    }

    /** @throws PlatformException naming the command that failed */
    public void apply(AddressAssignment assignment) {
        for (List<String> command : applyCommands(assignment)) {
            runner.run(command, TIMEOUT).orThrow();
        }
        LOG.info("{}: applied {} broadcast {}{}", assignment.interfaceName(), assignment.addressWithPrefix(), assignment.broadcast(),
                assignment.router().map(router -> " default via " + router).orElse(""));
    }

    /**
     * Removes what {@link #apply} set. The route may already be gone (removing the address removes
     * routes through it, or an admin deleted it), so only the address's removal must succeed.
     */
    public void remove(AddressAssignment assignment) {
        List<List<String>> commands = removeCommands(assignment);
        for (List<String> command : commands.subList(0, commands.size() - 1)) {
            CommandOutput output = runner.run(command, TIMEOUT);
            if (!output.succeeded()) {
                LOG.debug("{}: route already gone: {}", assignment.interfaceName(), output.stderr().strip());
            }
        }
        runner.run(commands.getLast(), TIMEOUT).orThrow();
        LOG.info("{}: removed {}", assignment.interfaceName(), assignment.addressWithPrefix());
    }
}
