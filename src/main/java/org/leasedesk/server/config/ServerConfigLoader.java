package org.leasedesk.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.leasedesk.lease.AddressRange;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.HostIdentifier;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.Pool;
import org.leasedesk.lease.Subnet;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.server.config.ServerConfig.BootFields;
import org.leasedesk.server.config.ServerConfig.ConfiguredOption;
import org.leasedesk.server.config.ServerConfig.LeaseDatabase;
import org.leasedesk.server.config.ServerConfig.Lifetimes;
import org.leasedesk.server.config.ServerConfig.PoolConfig;
import org.leasedesk.server.config.ServerConfig.Reclamation;
import org.leasedesk.server.config.ServerConfig.Reservation;
import org.leasedesk.server.config.ServerConfig.ReservationScope;
import org.leasedesk.server.config.ServerConfig.SubnetConfig;

/**
 * Turns a Kea-style configuration file into a {@link ServerConfig}, or refuses it with every
 * problem named by its JSON path. Defaults are Kea 2.2's, so a file means here what it means to Kea.
 */
public final class ServerConfigLoader {

    private static final long DEFAULT_VALID_LIFETIME = 7200;
    private static final long DEFAULT_DECLINE_PROBATION = 86_400;

    /** What loading produced: the configuration and the warnings an admin should read. */
    public record Loaded(ServerConfig config, List<ConfigProblem> warnings) {
        public Loaded {
            warnings = List.copyOf(warnings);
        }
    }

    private final KeaConfigReader reader = new KeaConfigReader();
    private final OptionRegistry registry;

    public ServerConfigLoader(OptionRegistry registry) {
        this.registry = registry;
    }

    public Loaded load(Path file) throws ConfigException {
        return map(reader.readAll(file));
    }

    public Loaded load(String text, String source) throws ConfigException {
        return map(reader.readAll(text, source));
    }

    /** Checks the meaning even when keys were refused, so an admin sees every problem in one pass. */
    private Loaded map(KeaConfigReader.Document document) throws ConfigException {
        Mapping mapping = new Mapping(document.problems());
        ServerConfig config;
        try {
            config = mapping.server(document.dhcp4());
        } catch (RuntimeException unreadable) {
            // Only a file whose keys were already refused can be shaped oddly enough to get here.
            if (document.hasErrors()) {
                throw new ConfigException(document.source(), document.problems());
            }
            throw unreadable;
        }
        if (mapping.failed()) {
            throw new ConfigException(document.source(), mapping.problems);
        }
        return new Loaded(config, mapping.problems);
    }

    /** What a subnet inherits from the levels above it: the global settings, then its shared network's. */
    private record Inherited(Lifetimes lifetimes, BootFields boot, ReservationScope scope, boolean authoritative, boolean matchClientId,
                             List<ConfiguredOption> options, List<Ipv4Address> relays, Optional<String> interfaceName,
                             Optional<String> network) {}

    /** A subnet's JSON, where it stands in the file, and what it inherits there. */
    private record PlacedSubnet(JsonNode node, String path, Inherited inherited) {}

    /** One pass over one document, collecting problems instead of stopping at the first. */
    private final class Mapping {

        private final List<ConfigProblem> problems;
        private OptionDataBuilder optionData;

        Mapping(List<ConfigProblem> found) {
            this.problems = new ArrayList<>(found);
        }

        boolean failed() {
            return problems.stream().anyMatch(p -> p.severity() == ConfigProblem.Severity.ERROR);
        }

        private void error(String path, String message) {
            problems.add(ConfigProblem.error(path, message));
        }

        ServerConfig server(JsonNode dhcp4) {
            String root = "Dhcp4";
            optionData = optionData(dhcp4);
            List<String> interfaces = new ArrayList<>();
            dhcp4.path("interfaces-config").path("interfaces").forEach(name -> interfaces.add(name.asText()));
            Lifetimes lifetimes = lifetimes(dhcp4, root, new Lifetimes(DEFAULT_VALID_LIFETIME, DEFAULT_VALID_LIFETIME,
                    DEFAULT_VALID_LIFETIME, OptionalLong.empty(), OptionalLong.empty(), false, 0.5, 0.875));
            BootFields boot = boot(dhcp4, root, new BootFields(Optional.empty(), "", ""));
            ReservationScope scope = reservationScope(dhcp4, root, new ReservationScope(false, true, false));
            boolean authoritative = dhcp4.path("authoritative").asBoolean(false);
            boolean matchClientId = dhcp4.path("match-client-id").asBoolean(true);

            Inherited global = new Inherited(lifetimes, boot, scope, authoritative, matchClientId, List.of(), List.of(),
                    Optional.empty(), Optional.empty());
            // Subnets on their own and subnets in shared networks, each with its path and what it inherits.
            List<PlacedSubnet> placed = new ArrayList<>();
            JsonNode subnetNodes = dhcp4.path("subnet4");
            for (int i = 0; i < subnetNodes.size(); i++) {
                placed.add(new PlacedSubnet(subnetNodes.get(i), root + "/subnet4[" + i + "]", global));
            }
            JsonNode networks = dhcp4.path("shared-networks");
            Map<String, String> networkNames = new HashMap<>();
            for (int n = 0; n < networks.size(); n++) {
                JsonNode network = networks.get(n);
                String path = root + "/shared-networks[" + n + "]";
                Inherited inherited = sharedNetwork(network, path, global, networkNames);
                JsonNode members = network.path("subnet4");
                for (int i = 0; i < members.size(); i++) {
                    placed.add(new PlacedSubnet(members.get(i), path + "/subnet4[" + i + "]", inherited));
                }
            }

            List<SubnetConfig> subnets = new ArrayList<>();
            List<String> subnetPaths = new ArrayList<>();
            Set<Long> explicitIds = new HashSet<>();
            placed.forEach(p -> {
                if (p.node().has("id")) {
                    explicitIds.add(p.node().get("id").asLong());
                }
            });
            long nextAutomaticId = 1;
            for (PlacedSubnet candidate : placed) {
                long id;
                if (candidate.node().has("id")) {
                    id = candidate.node().get("id").asLong();
                } else {
                    while (explicitIds.contains(nextAutomaticId)) {
                        nextAutomaticId++;
                    }
                    id = nextAutomaticId++;
                    problems.add(ConfigProblem.warning(candidate.path(), "no id: using " + id + "; give the subnet an explicit id so its"
                            + " leases keep their subnet when subnets are added or reordered"));
                }
                Optional<SubnetConfig> subnet = subnet(candidate.node(), candidate.path(), id, candidate.inherited());
                if (subnet.isPresent()) {
                    subnets.add(subnet.get());
                    subnetPaths.add(candidate.path());
                }
            }
            checkSubnetsApart(subnets, subnetPaths);
            checkPoolsApart(subnets, subnetPaths);

            return new ServerConfig(
                    List.copyOf(interfaces),
                    options(dhcp4.path("option-data"), root + "/option-data"),
                    subnets,
                    reservations(dhcp4.path("reservations"), root + "/reservations", Optional.empty(), boot),
                    hostReservationIdentifiers(dhcp4.path("host-reservation-identifiers"), root + "/host-reservation-identifiers"),
                    Duration.ofSeconds(dhcp4.path("decline-probation-period").asLong(DEFAULT_DECLINE_PROBATION)),
                    dhcp4.path("echo-client-id").asBoolean(true),
                    leaseDatabase(dhcp4.path("lease-database"), root + "/lease-database"),
                    reclamation(dhcp4.path("expired-leases-processing")));
        }

        /**
         * A shared network's own settings over the global ones, for its subnets to inherit; its name
         * must be given and unique.
         */
        private Inherited sharedNetwork(JsonNode node, String path, Inherited global, Map<String, String> names) {
            String name = node.path("name").asText("");
            if (name.isBlank()) {
                error(path, "a shared network needs a \"name\"");
            } else {
                String earlier = names.putIfAbsent(name, path);
                if (earlier != null) {
                    error(path + "/name", "shared network \"" + name + "\" is already defined at " + earlier);
                }
            }
            return new Inherited(lifetimes(node, path, global.lifetimes()), boot(node, path, global.boot()),
                    reservationScope(node, path, global.scope()), node.path("authoritative").asBoolean(global.authoritative()),
                    node.path("match-client-id").asBoolean(global.matchClientId()), options(node.path("option-data"), path + "/option-data"),
                    relayAddresses(node, path), node.has("interface") ? Optional.of(node.get("interface").asText()) : Optional.empty(),
                    Optional.of(name));
        }

        private List<Ipv4Address> relayAddresses(JsonNode node, String path) {
            List<Ipv4Address> relays = new ArrayList<>();
            JsonNode relay = node.path("relay");
            JsonNode relayAddresses = relay.path("ip-addresses");
            for (int r = 0; r < relayAddresses.size(); r++) {
                parse(relayAddresses.get(r), path + "/relay/ip-addresses[" + r + "]", Ipv4Address::parse, "an IPv4 address")
                        .ifPresent(relays::add);
            }
            if (relay.has("ip-address")) {
                parse(relay.get("ip-address"), path + "/relay/ip-address", Ipv4Address::parse, "an IPv4 address").ifPresent(relays::add);
            }
            return relays;
        }

        private Optional<SubnetConfig> subnet(JsonNode node, String path, long id, Inherited parent) {
            Optional<Subnet> parsed = parse(node.path("subnet"), path + "/subnet", Subnet::parse, "a subnet such as 192.0.2.0/24");
            if (!node.has("subnet")) {
                error(path, "a subnet needs \"subnet\", for example \"192.0.2.0/24\"");
            }
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            Subnet subnet = parsed.get();
            List<PoolConfig> pools = new ArrayList<>();
            JsonNode poolNodes = node.path("pools");
            for (int p = 0; p < poolNodes.size(); p++) {
                String poolPath = path + "/pools[" + p + "]";
                JsonNode poolNode = poolNodes.get(p);
                long poolId = p + 1;
                parse(poolNode.path("pool"), poolPath + "/pool", text -> Pool.parse(poolId, text),
                        "a range like 192.0.2.10 - 192.0.2.200 or a prefix like 192.0.2.64/26")
                        .ifPresent(pool -> {
                            pool.problemWithin(subnet).ifPresent(problem -> error(poolPath + "/pool", problem));
                            pools.add(new PoolConfig(pool, options(poolNode.path("option-data"), poolPath + "/option-data")));
                        });
            }
            List<Ipv4Address> ownRelays = relayAddresses(node, path);
            BootFields boot = boot(node, path, parent.boot());
            List<Reservation> reservations = reservations(node.path("reservations"), path + "/reservations", Optional.of(subnet), boot);
            // The subnet's own options win; its shared network's fill in the codes it does not set.
            List<ConfiguredOption> options = new ArrayList<>(options(node.path("option-data"), path + "/option-data"));
            Set<String> ownCodes = new HashSet<>();
            options.forEach(option -> ownCodes.add(option.space() + "#" + option.code()));
            parent.options().stream().filter(option -> !ownCodes.contains(option.space() + "#" + option.code())).forEach(options::add);
            // Kea matches a relay on the subnet's own list, else on its shared network's.
            List<Ipv4Address> relays = ownRelays.isEmpty() ? parent.relays() : ownRelays;
            Optional<String> interfaceName = node.has("interface") ? Optional.of(node.get("interface").asText()) : parent.interfaceName();
            return Optional.of(new SubnetConfig(id, subnet, pools, options, relays, interfaceName,
                    reservations, lifetimes(node, path, parent.lifetimes()), boot, reservationScope(node, path, parent.scope()),
                    node.path("authoritative").asBoolean(parent.authoritative()),
                    node.path("match-client-id").asBoolean(parent.matchClientId()), parent.network()));
        }

        private List<Reservation> reservations(JsonNode nodes, String path, Optional<Subnet> subnet, BootFields parentBoot) {
            List<Reservation> reservations = new ArrayList<>();
            Map<Ipv4Address, String> addresses = new HashMap<>();
            Map<HostIdentifier, String> identifiers = new HashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                JsonNode node = nodes.get(i);
                String here = path + "[" + i + "]";
                Optional<HostIdentifier> identifier = reservationIdentifier(node, here);
                Optional<Ipv4Address> address = parse(node.path("ip-address"), here + "/ip-address", Ipv4Address::parse, "an IPv4 address");
                address.ifPresent(a -> {
                    subnet.filter(s -> !s.contains(a)).ifPresent(s -> error(here + "/ip-address", "reserved address " + a + " is outside subnet " + s));
                    String earlier = addresses.putIfAbsent(a, here);
                    if (earlier != null) {
                        error(here + "/ip-address", a + " is already reserved at " + earlier);
                    }
                });
                identifier.ifPresent(key -> {
                    String earlier = identifiers.putIfAbsent(key, here);
                    if (earlier != null) {
                        error(here, "client " + key + " already has a reservation at " + earlier);
                    }
                });
                Optional<String> hostname = node.has("hostname") ? Optional.of(node.get("hostname").asText()) : Optional.empty();
                List<ConfiguredOption> options = options(node.path("option-data"), here + "/option-data");
                identifier.ifPresent(key -> reservations.add(new Reservation(key, address, hostname, options, boot(node, here, parentBoot))));
            }
            return reservations;
        }

        /** Exactly one of Kea's identifier keys says whose reservation it is. */
        private Optional<HostIdentifier> reservationIdentifier(JsonNode node, String path) {
            List<HostIdentifier.Type> given = new ArrayList<>();
            for (HostIdentifier.Type type : HostIdentifier.Type.values()) {
                if (node.has(type.keaName())) {
                    given.add(type);
                }
            }
            if (given.size() != 1) {
                error(path, given.isEmpty()
                        ? "a reservation needs one of hw-address, client-id, duid, circuit-id or flex-id to know whose it is"
                        : "give one identifier, not " + given.stream().map(HostIdentifier.Type::keaName).toList());
                return Optional.empty();
            }
            HostIdentifier.Type type = given.getFirst();
            String here = path + "/" + type.keaName();
            if (type == HostIdentifier.Type.FLEX_ID) {
                problems.add(ConfigProblem.warning(here, "flex-id is computed by Kea's flex_id hook, which LeaseDesk does not have:"
                        + " this reservation loads but matches no client"));
            }
            return switch (type) {
                case HW_ADDRESS -> parse(node.get(type.keaName()), here,
                        text -> new HostIdentifier(type, HardwareAddress.parseMac(text).address()), "a MAC address such as aa:bb:cc:dd:ee:ff");
                case DUID -> parse(node.get(type.keaName()), here, text -> new HostIdentifier(type, Octets.parseHex(text)),
                        "hex bytes such as 00:03:00:01:aa:bb:cc:dd:ee:ff");
                case CLIENT_ID -> parse(node.get(type.keaName()), here, text -> new HostIdentifier(type, hexOrQuoted(text)),
                        "hex bytes such as 01:aa:bb:cc:dd:ee:ff, or a quoted text such as 'printer-1'");
                case CIRCUIT_ID, FLEX_ID -> parse(node.get(type.keaName()), here, text -> new HostIdentifier(type, hexOrQuoted(text)),
                        "hex bytes such as 00:01:02, or a quoted text such as 'port-7'");
            };
        }

        /** Kea's {@code host-reservation-identifiers}: the order in which a client's identifiers are tried. */
        private List<HostIdentifier.Type> hostReservationIdentifiers(JsonNode node, String path) {
            if (node.isMissingNode()) {
                return HostIdentifier.DEFAULT_ORDER;
            }
            List<HostIdentifier.Type> order = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                String name = node.get(i).asText();
                String here = path + "[" + i + "]";
                Optional<HostIdentifier.Type> type = HostIdentifier.Type.byKeaName(name);
                if (type.isEmpty()) {
                    error(here, "\"" + name + "\" is not an identifier: use hw-address, duid, circuit-id, client-id or flex-id");
                } else if (order.contains(type.get())) {
                    error(here, name + " is listed twice");
                } else {
                    order.add(type.get());
                }
            }
            if (node.isEmpty()) {
                error(path, "needs at least one identifier, or leave it out for Kea's default " + HostIdentifier.DEFAULT_ORDER.stream()
                        .map(HostIdentifier.Type::keaName).toList());
            }
            return order;
        }

        /** One scope's option-data, built by {@link OptionDataBuilder} with the file's option definitions. */
        private List<ConfiguredOption> options(JsonNode nodes, String path) {
            return optionData.scope(nodes, path, path.equals("Dhcp4/option-data"));
        }

        /** Reads option-def before any option-data, so every scope sees the file's definitions. */
        private OptionDataBuilder optionData(JsonNode dhcp4) {
            return new OptionDataBuilder(OptionSpaces.parse(dhcp4.path("option-def"), "Dhcp4/option-def", problems), registry, problems);
        }

        private Lifetimes lifetimes(JsonNode node, String path, Lifetimes parent) {
            long valid = node.path("valid-lifetime").asLong(parent.valid());
            // A subnet that sets its own valid lifetime without bounds is bounded by it alone, as in Kea.
            long min = node.path("min-valid-lifetime").asLong(node.has("valid-lifetime") && !node.has("min-valid-lifetime") ? valid : parent.min());
            long max = node.path("max-valid-lifetime").asLong(node.has("valid-lifetime") && !node.has("max-valid-lifetime") ? valid : parent.max());
            OptionalLong renew = node.has("renew-timer") ? OptionalLong.of(node.get("renew-timer").asLong()) : parent.renew();
            OptionalLong rebind = node.has("rebind-timer") ? OptionalLong.of(node.get("rebind-timer").asLong()) : parent.rebind();
            double t1 = node.path("t1-percent").asDouble(parent.t1Percent());
            double t2 = node.path("t2-percent").asDouble(parent.t2Percent());
            if (min > valid || valid > max) {
                error(path + "/valid-lifetime", "needs min-valid-lifetime <= valid-lifetime <= max-valid-lifetime, but they are "
                        + min + ", " + valid + " and " + max);
            }
            // A timer set here that contradicts the lifetime is a mistake in this scope; an inherited one that
            // no longer fits a shorter subnet lifetime is dropped for this subnet, as Kea does, with a warning.
            rebind = timerBelow(node, path, "rebind-timer", rebind, valid, "valid-lifetime");
            renew = timerBelow(node, path, "renew-timer", renew, rebind.orElse(valid), rebind.isPresent() ? "rebind-timer" : "valid-lifetime");
            if (!(t1 > 0 && t1 < t2 && t2 < 1)) {
                error(path + "/t1-percent", "needs 0 < t1-percent < t2-percent < 1, but they are " + t1 + " and " + t2);
            }
            return new Lifetimes(valid, min, max, renew, rebind, node.path("calculate-tee-times").asBoolean(parent.calculateTeeTimes()), t1, t2);
        }

        private OptionalLong timerBelow(JsonNode node, String path, String key, OptionalLong timer, long limit, String limitName) {
            if (timer.isEmpty() || timer.getAsLong() < limit) {
                return timer;
            }
            String problem = key + " (" + timer.getAsLong() + ") must be less than " + limitName + " (" + limit + ")";
            if (node.has(key)) {
                error(path + "/" + key, problem);
                return timer;
            }
            problems.add(ConfigProblem.warning(path, "the inherited " + problem + ", so it is not sent for this subnet"));
            return OptionalLong.empty();
        }

        private BootFields boot(JsonNode node, String path, BootFields parent) {
            Optional<Ipv4Address> nextServer = node.has("next-server")
                    ? parse(node.get("next-server"), path + "/next-server", Ipv4Address::parse, "an IPv4 address").filter(a -> !a.isAny())
                    : parent.nextServer();
            String serverHostname = node.path("server-hostname").asText(parent.serverHostname());
            String bootFileName = node.path("boot-file-name").asText(parent.bootFileName());
            fits(serverHostname, 63, path + "/server-hostname");
            fits(bootFileName, 127, path + "/boot-file-name");
            return new BootFields(nextServer, serverHostname, bootFileName);
        }

        private void fits(String text, int limit, String path) {
            if (text.getBytes(StandardCharsets.US_ASCII).length > limit) {
                error(path, "is " + text.length() + " characters; the BOOTP field holds " + limit);
            }
        }

        private ReservationScope reservationScope(JsonNode node, String path, ReservationScope parent) {
            ReservationScope scope = parent;
            if (node.has("reservation-mode")) {
                String mode = node.get("reservation-mode").asText();
                scope = switch (mode) {
                    case "all" -> new ReservationScope(false, true, true);
                    case "out-of-pool" -> new ReservationScope(false, true, false);
                    case "global" -> new ReservationScope(true, false, false);
                    case "disabled" -> new ReservationScope(false, false, false);
                    default -> {
                        error(path + "/reservation-mode", "\"" + mode + "\" is not one of all, out-of-pool, global, disabled");
                        yield parent;
                    }
                };
            }
            return new ReservationScope(
                    node.path("reservations-global").asBoolean(scope.global()),
                    node.path("reservations-in-subnet").asBoolean(scope.inSubnet()),
                    node.path("reservations-out-of-pool").asBoolean(scope.outOfPool()));
        }

        private LeaseDatabase leaseDatabase(JsonNode node, String path) {
            String type = node.path("type").asText("h2");
            switch (type) {
                case "h2" -> { }
                case "memfile" -> problems.add(ConfigProblem.warning(path + "/type",
                        "Kea's memfile is mapped to LeaseDesk's H2 lease database; leases are stored durably in H2"));
                default -> error(path + "/type", "\"" + type + "\" lease databases are not supported; use \"h2\" (or Kea's \"memfile\")");
            }
            // A Kea memfile name points at a CSV file; an H2 database must not overwrite it.
            Optional<String> name = type.equals("h2") && node.has("name") ? Optional.of(node.get("name").asText()) : Optional.empty();
            if (type.equals("memfile") && node.has("name")) {
                problems.add(ConfigProblem.warning(path + "/name", "names Kea's CSV lease file; LeaseDesk keeps its H2 database in its data directory instead"));
            }
            return new LeaseDatabase(name);
        }

        private Reclamation reclamation(JsonNode node) {
            return new Reclamation(
                    Duration.ofSeconds(node.path("reclaim-timer-wait-time").asLong(10)),
                    Duration.ofSeconds(node.path("hold-reclaimed-time").asLong(3600)),
                    node.path("max-reclaim-leases").asInt(100),
                    Duration.ofMillis(node.path("max-reclaim-time").asLong(250)));
        }

        private void checkSubnetsApart(List<SubnetConfig> subnets, List<String> paths) {
            Map<Long, Integer> ids = new HashMap<>();
            for (int i = 0; i < subnets.size(); i++) {
                Integer earlier = ids.putIfAbsent(subnets.get(i).id(), i);
                if (earlier != null) {
                    error(paths.get(i) + "/id", "subnet id " + subnets.get(i).id() + " is already used by " + paths.get(earlier));
                }
            }
            List<AddressRange> ranges = subnets.stream().map(s -> s.subnet().range()).toList();
            overlaps(ranges, index -> paths.get(index) + "/subnet", "subnet");
        }

        private void checkPoolsApart(List<SubnetConfig> subnets, List<String> subnetPaths) {
            List<AddressRange> ranges = new ArrayList<>();
            List<String> paths = new ArrayList<>();
            for (int s = 0; s < subnets.size(); s++) {
                List<PoolConfig> pools = subnets.get(s).pools();
                for (int p = 0; p < pools.size(); p++) {
                    ranges.add(pools.get(p).pool().range());
                    paths.add(subnetPaths.get(s) + "/pools[" + p + "]/pool");
                }
            }
            overlaps(ranges, paths::get, "pool");
        }

        /** Reports each range that overlaps an earlier one, sweeping in address order. */
        private void overlaps(List<AddressRange> ranges, Function<Integer, String> pathOf, String what) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < ranges.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparing((Integer i) -> ranges.get(i).first()).thenComparing(i -> i));
            Integer widest = null;
            for (int index : order) {
                AddressRange range = ranges.get(index);
                if (widest != null && ranges.get(widest).overlaps(range)) {
                    int later = Math.max(widest, index);
                    int earlier = Math.min(widest, index);
                    error(pathOf.apply(later), what + " " + ranges.get(later) + " overlaps " + what + " " + ranges.get(earlier)
                            + " at " + pathOf.apply(earlier));
                }
                if (widest == null || ranges.get(widest).last().compareTo(range.last()) < 0) {
                    widest = index;
                }
            }
        }

        private <T> Optional<T> parse(JsonNode node, String path, Function<String, T> parser, String expected) {
            if (node.isMissingNode() || node.isNull()) {
                return Optional.empty();
            }
            try {
                return Optional.of(parser.apply(node.asText()));
            } catch (IllegalArgumentException e) {
                error(path, "\"" + node.asText() + "\" is not " + expected + ": " + e.getMessage());
                return Optional.empty();
            }
        }
    }

    /** Hex bytes, or text between single quotes taken as its UTF-8 bytes, as Kea reads identifiers. */
    private static Octets hexOrQuoted(String text) {
        if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
            return Octets.of(text.substring(1, text.length() - 1).getBytes(StandardCharsets.UTF_8));
        }
        return Octets.parseHex(text);
    }
}
