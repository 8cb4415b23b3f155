package org.leasedesk.app;

import java.io.IOException;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.leasedesk.lease.AddressRange;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Subnet;
import org.leasedesk.platform.LocalInterface;
import org.leasedesk.platform.LocalInterfaces;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.server.config.ConfigException;
import org.leasedesk.server.config.ServerConfigLoader;

/**
 * The first start: lists the interfaces a server could serve, proposes a subnet and a pool from an
 * interface's own address, and writes the proposal as a Kea-style configuration once the loader the
 * server uses has accepted it.
 */
public final class ServerSetup {

    /** An interface with an IPv4 address, as the setup offers it. */
    public record Candidate(String name, Ipv4Address address, int prefixLength, boolean up, String dhcpManagedBy) {
        public Candidate {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(dhcpManagedBy, "dhcpManagedBy");
        }

        public Subnet subnet() {
            return new Subnet(new Ipv4Address(address.bits() & new Subnet(Ipv4Address.ANY, prefixLength).mask().bits()),
                    prefixLength);
        }

        @Override
        public String toString() {
            return name + " (" + address + "/" + prefixLength + ")";
        }
    }

    /** What the configuration will say: serve {@code subnet} on the interface, handing out {@code pool}. */
    public record Proposal(String interfaceName, Ipv4Address serverAddress, Subnet subnet, AddressRange pool, Duration leaseTime) {
        public Proposal {
            Objects.requireNonNull(interfaceName, "interfaceName");
            Objects.requireNonNull(serverAddress, "serverAddress");
            Objects.requireNonNull(subnet, "subnet");
            Objects.requireNonNull(pool, "pool");
            Objects.requireNonNull(leaseTime, "leaseTime");
            if (!subnet.contains(pool)) {
                throw new IllegalArgumentException("the pool " + pool.first() + " - " + pool.last() + " lies outside " + subnet);
            }
            if (pool.contains(serverAddress)) {
                throw new IllegalArgumentException("the pool must not hand out the server's own address " + serverAddress);
            }
        }
    }

    private final LocalInterfaces interfaces;
    private final ServerConfigLoader loader = new ServerConfigLoader(OptionRegistry.standard());

    public ServerSetup(LocalInterfaces interfaces) {
        this.interfaces = interfaces;
    }

    public ServerSetup() {
        this(new LocalInterfaces());
    }

    /** Interfaces with an IPv4 address, loopback left out: a server there would answer nobody. */
    public List<Candidate> candidates() throws SocketException {
        return interfaces.list().stream()
                .filter(nic -> !nic.loopback() && !nic.addresses().isEmpty())
                .map(ServerSetup::candidate)
                .toList();
    }

    private static Candidate candidate(LocalInterface nic) {
        LocalInterface.Address first = nic.addresses().get(0);
        return new Candidate(nic.name(), Ipv4Address.of(first.address()), first.prefixLength(), nic.up(),
                nic.dhcp().owner().description());
    }

    /**
     * The interface's own subnet, with the upper half of its hosts as the pool (the lower half is
     * where routers, printers and this server usually sit); when the server's address lies in the
     * upper half, the pool is the lower half above the first tenth instead.
     */
    public static Proposal propose(Candidate candidate) {
        if (candidate.prefixLength() > 29) {
            throw new IllegalArgumentException(candidate + " is on a /" + candidate.prefixLength()
                    + ", too small to share addresses with clients");
        }
        Subnet subnet = candidate.subnet();
        AddressRange hosts = subnet.hostRange();
        long half = hosts.size() / 2;
        AddressRange upper = new AddressRange(hosts.first().plus(half), hosts.last());
        AddressRange lower = new AddressRange(hosts.first().plus(Math.max(1, hosts.size() / 10)), hosts.first().plus(half - 1));
        AddressRange pool = upper.contains(candidate.address()) ? lower : upper;
        return new Proposal(candidate.name(), candidate.address(), subnet, pool, Duration.ofHours(1));
    }

    /** The proposal in Kea's format, so the same file runs under Kea unchanged. */
    public static String configuration(Proposal proposal) {
        long valid = proposal.leaseTime().toSeconds();
        return """
                {
                  "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "%1$s" ] },
                    "valid-lifetime": %2$d,
                    "renew-timer": %3$d,
                    "rebind-timer": %4$d,
                    "subnet4": [
                      {
                        "id": 1,
                        "subnet": "%5$s",
                        "interface": "%1$s",
                        "pools": [ { "pool": "%6$s - %7$s" } ]
                      }
                    ]
                  }
                }
                """.formatted(proposal.interfaceName(), valid, valid / 2, valid * 7 / 8, proposal.subnet(),
                proposal.pool().first(), proposal.pool().last());
    }

    /**
     * Checks the configuration with the server's own loader, then writes it through a temporary
     * file; a configuration the loader rejects is not written and the exception says why.
     */
    public Path write(Proposal proposal, Path file) throws ConfigException, IOException {
        String text = configuration(proposal);
        loader.load(text, file.toString());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
