package org.leasedesk.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.leasedesk.lease.HostIdentifier;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Pool;
import org.leasedesk.lease.Subnet;
import org.leasedesk.protocol.DhcpOption;

/**
 * The embedded server's configuration, validated and with every inherited value resolved: a
 * subnet carries its own lifetimes, boot fields and flags, whether the file set them on the subnet
 * or globally.
 */
public record ServerConfig(
        List<String> interfaces,
        List<ConfiguredOption> globalOptions,
        List<SubnetConfig> subnets,
        List<Reservation> globalReservations,
        List<HostIdentifier.Type> hostReservationIdentifiers,
        Duration declineProbation,
        boolean echoClientId,
        LeaseDatabase leaseDatabase,
        Reclamation reclamation) {

    public ServerConfig {
        interfaces = List.copyOf(interfaces);
        globalOptions = List.copyOf(globalOptions);
        subnets = List.copyOf(subnets);
        globalReservations = List.copyOf(globalReservations);
        hostReservationIdentifiers = List.copyOf(hostReservationIdentifiers);
        Objects.requireNonNull(declineProbation, "declineProbation");
        Objects.requireNonNull(leaseDatabase, "leaseDatabase");
        Objects.requireNonNull(reclamation, "reclamation");
    }

    /**
     * The subnets a client of {@code subnet} may be served from: the subnet itself first, then the
     * other subnets of its shared network in configuration order (Kea moves to them when one is full).
     */
    public List<SubnetConfig> sharedWith(SubnetConfig subnet) {
        if (subnet.sharedNetwork().isEmpty()) {
            return List.of(subnet);
        }
        List<SubnetConfig> shared = new java.util.ArrayList<>();
        shared.add(subnet);
        subnets.stream().filter(other -> other != subnet && other.sharedNetwork().equals(subnet.sharedNetwork())).forEach(shared::add);
        return shared;
    }

    /** An option to hand out, already in wire form; sent when the client asks for it, or always. */
    public record ConfiguredOption(DhcpOption option, boolean alwaysSend) {
        public ConfiguredOption {
            Objects.requireNonNull(option, "option");
        }
    }

    /**
     * Lease times in seconds. Without renew and rebind timers the server sends none, unless
     * {@code calculateTeeTimes} asks it to derive them from the lifetime.
     */
    public record Lifetimes(long valid, long min, long max, OptionalLong renew, OptionalLong rebind,
                            boolean calculateTeeTimes, double t1Percent, double t2Percent) {}

    /** The BOOTP fields siaddr, sname and file. */
    public record BootFields(Optional<Ipv4Address> nextServer, String serverHostname, String bootFileName) {}

    /**
     * Which reservations apply to a subnet's clients (Kea's reservations-global/in-subnet/out-of-pool).
     * With {@code outOfPool} the administrator promises that reservations lie outside the pools, so
     * an in-pool reserved address is not kept from other clients, as in Kea.
     */
    public record ReservationScope(boolean global, boolean inSubnet, boolean outOfPool) {}

    public record PoolConfig(Pool pool, List<ConfiguredOption> options) {
        public PoolConfig {
            Objects.requireNonNull(pool, "pool");
            options = List.copyOf(options);
        }
    }

    /**
     * A fixed assignment for one client, recognised by {@code identifier}: an address, a host name,
     * options, or any of them.
     */
    public record Reservation(HostIdentifier identifier, Optional<Ipv4Address> address, Optional<String> hostname,
                              List<ConfiguredOption> options, BootFields boot) {
        public Reservation {
            Objects.requireNonNull(identifier, "identifier");
            options = List.copyOf(options);
        }
    }

    /** A subnet with every inherited value resolved; {@code sharedNetwork} names the shared network it belongs to, if any. */
    public record SubnetConfig(
            long id,
            Subnet subnet,
            List<PoolConfig> pools,
            List<ConfiguredOption> options,
            List<Ipv4Address> relayAddresses,
            Optional<String> interfaceName,
            List<Reservation> reservations,
            Lifetimes lifetimes,
            BootFields boot,
            ReservationScope reservationScope,
            boolean authoritative,
            boolean matchClientId,
            Optional<String> sharedNetwork) {

        public SubnetConfig {
            Objects.requireNonNull(subnet, "subnet");
            Objects.requireNonNull(sharedNetwork, "sharedNetwork");
            pools = List.copyOf(pools);
            options = List.copyOf(options);
            relayAddresses = List.copyOf(relayAddresses);
            reservations = List.copyOf(reservations);
        }
    }

    /** Where leases are kept: an H2 file, in the default location when no name is given. */
    public record LeaseDatabase(Optional<String> name) {}

    /**
     * How expired leases are reclaimed: how often, how much per cycle (at most so many leases and so
     * much time; 0 means no limit, as in Kea), and how long affinity lasts.
     */
    public record Reclamation(Duration interval, Duration holdReclaimed, int maxLeasesPerCycle, Duration maxTimePerCycle) {}
}
