package org.leasedesk.server.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.leasedesk.lease.HostIdentifier;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Pool;
import org.leasedesk.lease.Subnet;
import org.leasedesk.protocol.DhcpOption;
import org.leasedesk.protocol.OptionDefinition;
import org.leasedesk.protocol.OptionRegistry;

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

    /**
     * An option to hand out, already in wire form; sent when the client asks for it, or always.
     *
     * <p>Most are top-level options (space {@code dhcp4}), complete with the sub-options their scope
     * configures for the space they encapsulate (option 43 with its vendor-encapsulated-options-space
     * sub-options, say), as Kea 2.2 builds them. The others are sub-options of a vendor's space
     * ({@code vendor-4491}): as in Kea, they go into option 125 of a reply only when the client asks for
     * them in its own option 125 (CableLabs' ORO) or they are always sent; see {@link #vendorId()}.
     */
    public record ConfiguredOption(String space, int code, byte[] value, boolean alwaysSend) {

        public ConfiguredOption {
            Objects.requireNonNull(space, "space");
            if (space.equals(OptionDefinition.DHCP4)) {
                new DhcpOption(code, value);
            } else if (vendorIdOf(space).isEmpty()) {
                throw new IllegalArgumentException("only dhcp4 options and vendor sub-options are handed out, not space " + space);
            } else if (code < 0 || code > 255) {
                throw new IllegalArgumentException("sub-option codes run from 0 to 255, not " + code);
            }
            value = value.clone();
        }

        /** A top-level option. */
        public ConfiguredOption(DhcpOption option, boolean alwaysSend) {
            this(OptionDefinition.DHCP4, option.code(), option.value(), alwaysSend);
        }

        /** A sub-option of a vendor's space, {@code vendor-<enterpriseId>}. */
        public static ConfiguredOption vendor(long enterpriseId, int code, byte[] value, boolean alwaysSend) {
            return new ConfiguredOption(OptionRegistry.vendorSpace(enterpriseId), code, value, alwaysSend);
        }

        /** Whether this is a top-level option rather than a vendor sub-option. */
        public boolean topLevel() {
            return space.equals(OptionDefinition.DHCP4);
        }

        /** The top-level option as a message carries it. */
        public DhcpOption option() {
            if (!topLevel()) {
                throw new IllegalStateException("sub-option " + code + " of " + space + " is not a top-level option");
            }
            return new DhcpOption(code, value);
        }

        /** The enterprise number of a vendor sub-option's space; empty for a top-level option. */
        public OptionalLong vendorId() {
            return vendorIdOf(space);
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        /** Kea's rule: {@code vendor-} and a number that fits in 32 bits. */
        public static OptionalLong vendorIdOf(String space) {
            if (!space.startsWith("vendor-") || space.length() < 8) {
                return OptionalLong.empty();
            }
            String digits = space.substring(7);
            int start = digits.startsWith("+") || digits.startsWith("-") ? 1 : 0;
            if (digits.length() == start || digits.length() > 12 || !digits.substring(start).chars().allMatch(c -> c >= '0' && c <= '9')) {
                return OptionalLong.empty();
            }
            long id = Long.parseLong(digits.startsWith("+") ? digits.substring(1) : digits);
            // Kea treats vendor-0 as no vendor at all.
            return id > 0 && id <= 0xffff_ffffL ? OptionalLong.of(id) : OptionalLong.empty();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ConfiguredOption that && space.equals(that.space) && code == that.code
                    && alwaysSend == that.alwaysSend && Arrays.equals(value, that.value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(space, code, alwaysSend, Arrays.hashCode(value));
        }

        @Override
        public String toString() {
            return "ConfiguredOption[" + space + "." + code + "=" + HexFormat.ofDelimiter(":").formatHex(value)
                    + (alwaysSend ? ", always-send" : "") + "]";
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
