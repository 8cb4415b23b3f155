package org.leasedesk.server;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.leasedesk.lease.ClientKey;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.HostIdentifier;
import org.leasedesk.lease.Hostnames;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.RelayInfo;
import org.leasedesk.protocol.DhcpCodec;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.DhcpOption;
import org.leasedesk.protocol.MessageType;
import org.leasedesk.protocol.RelayAgentInformation;
import org.leasedesk.server.allocation.Allocation;
import org.leasedesk.server.allocation.AllocationEngine;
import org.leasedesk.server.allocation.RequestCheck;
import org.leasedesk.server.config.ServerConfig;
import org.leasedesk.server.config.ServerConfig.ConfiguredOption;
import org.leasedesk.server.config.ServerConfig.Lifetimes;
import org.leasedesk.server.config.ServerConfig.Reservation;
import org.leasedesk.server.config.ServerConfig.SubnetConfig;
import org.leasedesk.server.transport.Arrival;
import org.leasedesk.store.LeaseChange;

/**
 * The server's decisions, RFC 2131 section 4.3: which subnet serves a request, what to offer,
 * whether to acknowledge or NAK, what a RELEASE, DECLINE or INFORM changes. It decides only; the
 * server sends, stores and counts. Owned by the packet thread, like the allocation engine.
 */
final class PacketProcessor {

    /** Options the reply builders set themselves; configured values never replace them. */
    private static final List<Integer> SET_BY_SERVER = List.of(1, 12, 51, 53, 54, 58, 59, 61, 82, 118);
    /** Sent whenever they are configured, asked for or not, as Kea does: routers, name servers, domain name. */
    private static final List<Integer> BASIC_OPTIONS = List.of(3, 6, 15);
    /** A lease's client is known to the server while its lease is current or expired; a released one Kea has forgotten. */
    private static final java.util.Set<LeaseState> KNOWN_CLIENT_STATES = java.util.EnumSet.of(LeaseState.ACTIVE, LeaseState.EXPIRED);
    private static final int VIVSO = 125;

    private final ServerConfig config;
    private final AllocationEngine engine;
    private final ServerOptions options;
    private final Clock clock;
    private final Predicate<HardwareAddress> denied;
    private final Predicate<Ipv4Address> ownAddress;
    private final Map<Long, Map<HostIdentifier, Reservation>> subnetReservations = new HashMap<>();
    private final Map<HostIdentifier, Reservation> globalReservations = new HashMap<>();

    PacketProcessor(ServerConfig config, AllocationEngine engine, ServerOptions options, Clock clock) {
        this(config, engine, options, clock, hardware -> false, options.serverIdentifier()::equals);
    }

    /**
     * @param denied the administrator's quarantine: DISCOVER and REQUEST from these hardware addresses get no answer
     * @param ownAddress whether an address is the server's on a link it serves, as a client names it in option 54
     */
    PacketProcessor(ServerConfig config, AllocationEngine engine, ServerOptions options, Clock clock,
                    Predicate<HardwareAddress> denied, Predicate<Ipv4Address> ownAddress) {
        this.denied = denied;
        this.ownAddress = ownAddress;
        this.config = config;
        this.engine = engine;
        this.options = options;
        this.clock = clock;
        for (SubnetConfig subnet : config.subnets()) {
            Map<HostIdentifier, Reservation> byIdentifier = new HashMap<>();
            subnet.reservations().forEach(r -> byIdentifier.put(r.identifier(), r));
            subnetReservations.put(subnet.id(), byIdentifier);
        }
        config.globalReservations().forEach(r -> globalReservations.put(r.identifier(), r));
    }

    Decision handle(DhcpMessage request, Arrival arrival) {
        if (!request.isRequest()) {
            return drop(DropReason.NOT_A_REQUEST, request);
        }
        Optional<MessageType> type = request.messageType();
        if (type.isEmpty()) {
            return drop(DropReason.NO_MESSAGE_TYPE, request);
        }
        return switch (type.get()) {
            case DISCOVER -> withSubnetAndClient(request, arrival, this::discover);
            case REQUEST -> request(request, arrival);
            case RELEASE -> release(request);
            case DECLINE -> decline(request);
            case INFORM -> inform(request, arrival);
            default -> drop(DropReason.UNSUPPORTED_MESSAGE_TYPE, request);
        };
    }

    /** A client's request with what the server knows of it: the subnet that serves it, its lease key and its reservation. */
    private record Exchange(DhcpMessage request, Arrival arrival, SubnetConfig subnet, ClientKey client,
                            Optional<Reservation> reservation) {

        /** The server's identifier for this client: its address on the link the request came by. */
        Inet4Address serverId() {
            return arrival.serverAddress().toInetAddress();
        }
    }

    private Decision withSubnetAndClient(DhcpMessage request, Arrival arrival, Function<Exchange, Decision> handler) {
        if (denied.test(hardwareOf(request))) {
            return drop(DropReason.DENIED_CLIENT, request);
        }
        Optional<SubnetConfig> subnet = subnetFor(request, arrival);
        if (subnet.isEmpty()) {
            return drop(DropReason.NO_SUBNET, request);
        }
        Optional<ClientKey> client = clientKey(request, subnet.get());
        if (client.isEmpty()) {
            return drop(DropReason.NO_CLIENT_IDENTITY, request);
        }
        return handler.apply(new Exchange(request, arrival, subnet.get(), client.get(), reservationOf(subnet.get(), request)));
    }

    /** Offers from the first subnet that has an address for the client: in a shared network, see {@link #candidates}. */
    private Decision discover(Exchange selected) {
        DhcpMessage request = selected.request();
        Optional<Ipv4Address> asked = request.requestedAddress().map(Ipv4Address::of);
        for (Exchange exchange : candidates(selected)) {
            Allocation allocation = engine.offer(exchange.subnet().id(), exchange.client(), exchange.reservation(), asked);
            if (allocation instanceof Allocation.Offered offered) {
                return offer(exchange, offered);
            }
        }
        return drop(DropReason.POOL_EXHAUSTED, request);
    }

    private Decision offer(Exchange exchange, Allocation.Offered offered) {
        DhcpMessage request = exchange.request();
        SubnetConfig subnet = exchange.subnet();
        long lifetime = lifetime(request, subnet.lifetimes());
        DhcpMessage.Builder offer = DhcpMessage.offer(request, exchange.serverId(), offered.address().toInetAddress(), lifetime);
        Optional<Reservation> reservation = exchange.reservation();
        complete(offer, request, subnet, offered.poolId(), reservation, lifetime);
        LeaseEvent offeredEvent = historyOf(LeaseEventType.OFFERED, request, subnet, offered.address(), offered.poolId(), reservation,
                request.summary());
        DhcpMessage message = offer.build();
        return new Decision.Reply(message, ReplyRouting.destination(request, message, options), maxSizeOf(request),
                Optional.of(offeredEvent));
    }

    /**
     * REQUEST, as Kea 2.2 decides it. A client that chose another server's offer is left alone; a
     * request from a link no subnet serves is NAKed, so the client starts again rather than keep an
     * address nobody vouches for.
     */
    private Decision request(DhcpMessage request, Arrival arrival) {
        if (denied.test(hardwareOf(request))) {
            return drop(DropReason.DENIED_CLIENT, request);
        }
        Optional<SubnetConfig> subnet = subnetFor(request, arrival);
        Optional<Inet4Address> chosenServer = request.serverIdentifier();
        if (chosenServer.isPresent() && !ownAddress.test(Ipv4Address.of(chosenServer.get()))) {
            // SELECTING: the client answers one server's offer; the others forget theirs silently.
            subnet.ifPresent(s -> clientKey(request, s).ifPresent(client -> engine.withdrawOffer(s.id(), client)));
            return drop(DropReason.OTHER_SERVER_CHOSEN, request);
        }
        if (subnet.isEmpty()) {
            DhcpMessage message = DhcpMessage.nak(request, arrival.serverAddress().toInetAddress(),
                    "no subnet is configured for this client's network").build();
            return new Decision.Reply(message, ReplyRouting.destination(request, message, options), maxSizeOf(request));
        }
        Optional<ClientKey> client = clientKey(request, subnet.get());
        if (client.isEmpty()) {
            return drop(DropReason.NO_CLIENT_IDENTITY, request);
        }
        Exchange selected = new Exchange(request, arrival, subnet.get(), client.get(), reservationOf(subnet.get(), request));
        Optional<Ipv4Address> requested = request.requestedAddress().map(Ipv4Address::of);
        Ipv4Address ciaddr = Ipv4Address.of(request.ciaddr());
        if (chosenServer.isEmpty() && requested.isPresent() && ciaddr.isAny()) {
            return initReboot(selected, requested.get());
        }
        // SELECTING names option 50 (without it, the server chooses, as for a DISCOVER); RENEWING and REBINDING use ciaddr.
        Optional<Ipv4Address> named = requested.or(() -> Optional.of(ciaddr).filter(address -> !address.isAny()));
        return bind(named.map(address -> holding(selected, address)).orElseGet(() -> candidates(selected).getFirst()), named);
    }

    /** The same request seen from another subnet of the selected one's shared network. */
    private Exchange in(Exchange exchange, SubnetConfig subnet) {
        if (subnet.equals(exchange.subnet())) {
            return exchange;
        }
        ClientKey client = clientKey(exchange.request(), subnet).orElse(exchange.client());
        return new Exchange(exchange.request(), exchange.arrival(), subnet, client, reservationOf(subnet, exchange.request()));
    }

    /** The request in the subnet of the selected one's shared network that holds {@code address}, else in the selected one. */
    private Exchange holding(Exchange selected, Ipv4Address address) {
        return config.sharedWith(selected.subnet()).stream().filter(subnet -> subnet.subnet().contains(address)).findFirst()
                .map(subnet -> in(selected, subnet)).orElse(selected);
    }

    /**
     * Where a client may be served from, in Kea's order for a shared network: a subnet holding its
     * reservation, then one holding its lease, then the selected subnet, then the network's others
     * (used when the ones before are full). A subnet outside a shared network is its only candidate.
     */
    private List<Exchange> candidates(Exchange selected) {
        List<SubnetConfig> shared = config.sharedWith(selected.subnet());
        if (shared.size() == 1) {
            return List.of(selected);
        }
        List<Exchange> all = shared.stream().map(subnet -> in(selected, subnet)).toList();
        List<Exchange> ordered = new ArrayList<>();
        all.stream().filter(e -> e.reservation().flatMap(Reservation::address).filter(e.subnet().subnet()::contains).isPresent())
                .forEach(ordered::add);
        all.stream().filter(e -> engine.leaseOf(e.subnet().id(), e.client()).isPresent()).forEach(ordered::add);
        ordered.addAll(all);
        return ordered.stream().distinct().toList();
    }

    /**
     * INIT-REBOOT (RFC 2131 4.3.2): the client asks to keep an address it remembers. A client the
     * server knows gets a NAK when it remembers wrongly; one it does not know gets silence, or a NAK
     * from an authoritative server.
     */
    private Decision initReboot(Exchange selected, Ipv4Address remembered) {
        // In a shared network the client's lease may be in any of its subnets.
        Exchange exchange = candidates(selected).stream()
                .filter(e -> engine.leaseOf(e.subnet().id(), e.client()).filter(lease -> KNOWN_CLIENT_STATES.contains(lease.state())).isPresent())
                .findFirst().orElse(selected);
        Optional<Lease> own = engine.leaseOf(exchange.subnet().id(), exchange.client())
                .filter(lease -> KNOWN_CLIENT_STATES.contains(lease.state()));
        if (own.isEmpty() && !exchange.subnet().authoritative()) {
            return drop(DropReason.UNKNOWN_CLIENT, exchange.request());
        }
        if (own.isEmpty()) {
            return nak(exchange, "this server has no lease of this client, and it is authoritative for " + exchange.subnet().subnet());
        }
        if (!own.get().address().equals(remembered)) {
            return nak(exchange, "the client's lease is on " + own.get().address() + ", not " + remembered);
        }
        return bind(exchange, Optional.of(remembered));
    }

    /**
     * Acknowledges the address once the lease is stored, NAKs with the reason, or stays silent for
     * an address this server does not hand out. Without an address named, the client's current
     * lease is extended, or an address chosen as for a DISCOVER.
     */
    private Decision bind(Exchange exchange, Optional<Ipv4Address> named) {
        DhcpMessage request = exchange.request();
        SubnetConfig subnet = exchange.subnet();
        ClientKey client = exchange.client();
        Optional<Reservation> reservation = exchange.reservation();
        Ipv4Address address;
        if (named.isPresent()) {
            address = named.get();
            // A client asking for another address while its reserved one is free is sent back to DISCOVER.
            Optional<Ipv4Address> reserved = reservation.flatMap(Reservation::address).filter(subnet.subnet()::contains);
            if (reserved.isPresent() && !reserved.get().equals(address) && engine.reservedAddressIsFree(subnet.id(), client, reservation.get())) {
                return nak(exchange, reserved.get() + " is reserved for this client and free");
            }
        } else {
            Optional<Ipv4Address> current = engine.leaseOf(subnet.id(), client)
                    .filter(lease -> lease.state() == LeaseState.ACTIVE && !lease.isExpiredAt(clock.instant()))
                    .map(Lease::address);
            Allocation chosen = current.<Allocation>map(held -> new Allocation.Offered(held, subnet.id(), poolIdOf(subnet, held),
                    Allocation.Source.CLIENT_HISTORY)).orElseGet(() -> engine.offer(subnet.id(), client, reservation, Optional.empty()));
            if (!(chosen instanceof Allocation.Offered offered)) {
                return nak(exchange, "no address is free in " + subnet.subnet());
            }
            address = offered.address();
        }
        RequestCheck check = engine.check(subnet.id(), client, reservation, address);
        if (check instanceof RequestCheck.Refused refused) {
            return nak(exchange, refused.reason());
        }
        if (check instanceof RequestCheck.NotOurs notOurs) {
            return new Decision.Drop(DropReason.ADDRESS_NOT_OURS, notOurs.reason() + ": " + request.summary());
        }
        long poolId = ((RequestCheck.Acceptable) check).poolId();
        Instant now = clock.instant();
        long lifetime = lifetime(request, subnet.lifetimes());
        Optional<Lease> before = engine.leaseAt(address);
        RelayInfo relay = relayOf(request);
        boolean sameClient = before.filter(lease -> lease.clientKey().equals(client)).isPresent();
        Lease lease = sameClient && before.get().state().canBecome(LeaseState.ACTIVE)
                ? before.get().renewed(now, Duration.ofSeconds(lifetime), relay)
                : Lease.granted(address, hardwareOf(request), clientIdOf(request, subnet), hostnameOf(request, reservation),
                        subnet.id(), poolId, now, Duration.ofSeconds(lifetime), relay);
        LeaseEventType type = sameClient && before.get().state() == LeaseState.ACTIVE ? LeaseEventType.RENEWED : LeaseEventType.GRANTED;
        engine.record(lease);

        DhcpMessage.Builder ack = DhcpMessage.ack(request, exchange.serverId(), address.toInetAddress(), lifetime);
        complete(ack, request, subnet, poolId, reservation, lifetime);
        DhcpMessage message = ack.build();
        return new Decision.Commit(new LeaseChange(lease, LeaseEvent.of(type, lease, now, request.summary())), before,
                Optional.of(new Decision.Reply(message, ReplyRouting.destination(request, message, options), maxSizeOf(request))));
    }

    private Decision release(DhcpMessage request) {
        return ownedLease(request, Ipv4Address.of(request.ciaddr()))
                .<Decision>map(lease -> commitWithoutReply(lease, lease.released(clock.instant()), LeaseEventType.RELEASED, request))
                .orElseGet(() -> drop(DropReason.RELEASE_NOT_OURS, request));
    }

    /** Only the lease's owner may decline it (a forged DECLINE must not take addresses out of use). */
    private Decision decline(DhcpMessage request) {
        return request.requestedAddress().map(Ipv4Address::of)
                .flatMap(address -> ownedLease(request, address))
                .<Decision>map(lease -> commitWithoutReply(lease, lease.declined(clock.instant(), config.declineProbation()),
                        LeaseEventType.DECLINED, request))
                .orElseGet(() -> drop(DropReason.RELEASE_NOT_OURS, request));
    }

    /**
     * INFORM (RFC 2131 4.3.5): configuration without a lease, sent straight to the client's address
     * (ciaddr) even when a relay forwarded the request, as Kea does; a relayed INFORM without ciaddr
     * goes back through the relay with the broadcast flag set, and one from nowhere is dropped.
     */
    private Decision inform(DhcpMessage request, Arrival arrival) {
        Ipv4Address ciaddr = Ipv4Address.of(request.ciaddr());
        boolean relayed = !Ipv4Address.of(request.giaddr()).isAny();
        if (ciaddr.isAny() && !relayed && arrival.remoteAddress().isAny()) {
            return drop(DropReason.INFORM_WITHOUT_ADDRESS, request);
        }
        Optional<SubnetConfig> subnet = Optional.of(ciaddr)
                .filter(address -> !address.isAny() && !relayed)
                .flatMap(this::subnetContaining)
                .or(() -> subnetFor(request, arrival));
        if (subnet.isEmpty()) {
            return drop(DropReason.NO_SUBNET, request);
        }
        DhcpMessage.Builder ack = DhcpMessage.informAck(request, arrival.serverAddress().toInetAddress());
        addConfiguredOptions(ack, request, subnet.get(), subnet.get().subnet().contains(ciaddr) ? poolIdOf(subnet.get(), ciaddr) : 0,
                reservationOf(subnet.get(), request));
        InetSocketAddress destination;
        if (relayed && !ciaddr.isAny()) {
            ack.giaddr(Ipv4Address.ANY.toInetAddress()).hops(0).removeOption(82);
            destination = new InetSocketAddress(request.ciaddr(), options.clientPort());
        } else if (relayed) {
            ack.flags(request.flags() | DhcpMessage.FLAG_BROADCAST);
            destination = new InetSocketAddress(request.giaddr(), options.serverPort());
        } else if (ciaddr.isAny()) {
            destination = new InetSocketAddress(arrival.remoteAddress().toInetAddress(), options.clientPort());
        } else {
            destination = new InetSocketAddress(request.ciaddr(), options.clientPort());
        }
        DhcpMessage message = ack.build();
        return new Decision.Reply(message, options.redirectReplies().orElse(destination), maxSizeOf(request));
    }

    private Optional<Lease> ownedLease(DhcpMessage request, Ipv4Address address) {
        return engine.leaseAt(address)
                .filter(lease -> lease.state() == LeaseState.ACTIVE)
                .filter(lease -> config.subnets().stream().filter(s -> s.id() == lease.subnetId()).findFirst()
                        .flatMap(subnet -> clientKey(request, subnet))
                        .filter(lease.clientKey()::equals)
                        .isPresent());
    }

    private Decision commitWithoutReply(Lease before, Lease after, LeaseEventType type, DhcpMessage request) {
        engine.record(after);
        return new Decision.Commit(new LeaseChange(after, LeaseEvent.of(type, after, clock.instant(), request.summary())),
                Optional.of(before), Optional.empty());
    }

    private Decision nak(Exchange exchange, String reason) {
        DhcpMessage request = exchange.request();
        Ipv4Address address = request.requestedAddress().map(Ipv4Address::of).orElse(Ipv4Address.of(request.ciaddr()));
        Optional<LeaseEvent> nakedEvent = Optional.of(historyOf(LeaseEventType.NAKED, request, exchange.subnet(), address,
                poolIdOf(exchange.subnet(), address), Optional.empty(), reason));
        DhcpMessage message = DhcpMessage.nak(request, exchange.serverId(), reason).build();
        return new Decision.Reply(message, ReplyRouting.destination(request, message, options), maxSizeOf(request), nakedEvent);
    }

    /** A history entry for a reply that changes no lease: who asked, for which address, and why. */
    private LeaseEvent historyOf(LeaseEventType type, DhcpMessage request, SubnetConfig subnet, Ipv4Address address, long poolId,
                                 Optional<Reservation> reservation, String detail) {
        return new LeaseEvent(clock.instant(), type, address, hardwareOf(request), clientIdOf(request, subnet),
                hostnameOf(request, reservation), relayOf(request), subnet.id(), poolId,
                detail.length() > LeaseEvent.MAX_DETAIL_LENGTH ? detail.substring(0, LeaseEvent.MAX_DETAIL_LENGTH) : detail);
    }

    private static int maxSizeOf(DhcpMessage request) {
        return request.maxMessageSize().orElse(DhcpCodec.DEFAULT_MAX_MESSAGE_SIZE);
    }

    private static Decision drop(DropReason reason, DhcpMessage request) {
        return new Decision.Drop(reason, request.summary());
    }

    /**
     * The subnet for a request, chosen as Kea 2.2 chooses it: an explicit selector (the relay's link
     * selection, 82.5, then option 118) names it; else a relay's giaddr matches a subnet's relay
     * addresses; else an address from the packet falls in it: giaddr, or for a unicast ciaddr (a
     * relayed client renewing at T1 straight to the server), or for a unicast the sender's address;
     * else the link it arrived on, by the subnet's {@code interface} or the server's address there.
     *
     * <p>Link selection is taken only from a relayed packet: a client without a relay could
     * otherwise choose any subnet for itself. Kea 2.2 also takes it from a direct client.
     */
    private Optional<SubnetConfig> subnetFor(DhcpMessage request, Arrival arrival) {
        Ipv4Address giaddr = Ipv4Address.of(request.giaddr());
        Optional<Ipv4Address> selector = (giaddr.isAny() ? Optional.<Ipv4Address>empty()
                : request.relayAgentInformation().flatMap(RelayAgentInformation::linkSelection).map(Ipv4Address::of))
                .or(() -> request.subnetSelection().map(Ipv4Address::of))
                .filter(address -> !address.isAny());
        if (selector.isPresent()) {
            return subnetContaining(selector.get());
        }
        if (!giaddr.isAny()) {
            Optional<SubnetConfig> byRelay = config.subnets().stream().filter(s -> s.relayAddresses().contains(giaddr)).findFirst();
            if (byRelay.isPresent()) {
                return byRelay;
            }
            return subnetContaining(giaddr);
        }
        Ipv4Address ciaddr = Ipv4Address.of(request.ciaddr());
        if (!arrival.broadcast() && !ciaddr.isAny()) {
            return subnetContaining(ciaddr);
        }
        if (!arrival.broadcast() && !arrival.remoteAddress().isAny()) {
            return subnetContaining(arrival.remoteAddress());
        }
        Optional<String> link = arrival.interfaceName().or(options::interfaceName);
        return config.subnets().stream()
                .filter(s -> s.interfaceName().isPresent() && s.interfaceName().equals(link))
                .findFirst()
                .or(() -> subnetContaining(arrival.serverAddress()));
    }

    private Optional<SubnetConfig> subnetContaining(Ipv4Address address) {
        return config.subnets().stream().filter(s -> s.subnet().contains(address)).findFirst();
    }

    /** RFC 2131 4.2: the client identifier when the client sends one (and the subnet matches on it), else the hardware address. */
    private static Optional<ClientKey> clientKey(DhcpMessage request, SubnetConfig subnet) {
        Octets clientId = clientIdOf(request, subnet);
        if (!clientId.isEmpty()) {
            return Optional.of(new ClientKey.ByClientId(clientId));
        }
        HardwareAddress hardware = hardwareOf(request);
        return hardware.isKnown() ? Optional.of(new ClientKey.ByHardware(hardware)) : Optional.empty();
    }

    /** A client identifier of fewer than two bytes (type plus value) cannot identify anyone: ignored. */
    private static Octets clientIdOf(DhcpMessage request, SubnetConfig subnet) {
        return request.clientIdentifier()
                .filter(id -> subnet.matchClientId() && id.length >= 2 && id.length <= 255)
                .map(Octets::of)
                .orElse(Octets.EMPTY);
    }

    private static HardwareAddress hardwareOf(DhcpMessage request) {
        try {
            return HardwareAddress.of(request.htype(), request.hardwareAddress());
        } catch (IllegalArgumentException unusable) {
            return HardwareAddress.NONE;
        }
    }

    private static String hostnameOf(DhcpMessage request, Optional<Reservation> reservation) {
        return reservation.flatMap(Reservation::hostname)
                .or(() -> request.hostName().filter(Hostnames::isAcceptable))
                .orElse("");
    }

    private static RelayInfo relayOf(DhcpMessage request) {
        Ipv4Address giaddr = Ipv4Address.of(request.giaddr());
        if (giaddr.isAny()) {
            return RelayInfo.NONE;
        }
        Optional<RelayAgentInformation> information = request.relayAgentInformation();
        return new RelayInfo(giaddr,
                information.flatMap(RelayAgentInformation::circuitId).map(Octets::of).orElse(Octets.EMPTY),
                information.flatMap(RelayAgentInformation::remoteId).map(Octets::of).orElse(Octets.EMPTY));
    }

    /**
     * The client's reservation, looked up by each identifier it presents in the configured order
     * (Kea's host-reservation-identifiers): the subnet's own first, then a global one, as the
     * subnet's reservation scope allows. A client keyed by its client-id still matches a
     * reservation made for its MAC.
     */
    private Optional<Reservation> reservationOf(SubnetConfig subnet, DhcpMessage request) {
        ServerConfig.ReservationScope scope = subnet.reservationScope();
        if (!scope.inSubnet() && !scope.global()) {
            return Optional.empty();
        }
        List<HostIdentifier> presented = HostIdentifier.presentedBy(hardwareOf(request), clientIdOf(request, subnet),
                relayOf(request).circuitId(), config.hostReservationIdentifiers());
        Optional<Reservation> inSubnet = scope.inSubnet() ? firstMatch(subnetReservations.get(subnet.id()), presented) : Optional.empty();
        return inSubnet.or(() -> scope.global() ? firstMatch(globalReservations, presented) : Optional.empty());
    }

    private static Optional<Reservation> firstMatch(Map<HostIdentifier, Reservation> reservations, List<HostIdentifier> presented) {
        if (reservations.isEmpty()) {
            return Optional.empty();
        }
        for (HostIdentifier identifier : presented) {
            Reservation reservation = reservations.get(identifier);
            if (reservation != null) {
                return Optional.of(reservation);
            }
        }
        return Optional.empty();
    }

    private static long poolIdOf(SubnetConfig subnet, Ipv4Address address) {
        for (int i = 0; i < subnet.pools().size(); i++) {
            if (subnet.pools().get(i).pool().contains(address)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The client may ask for a lease time (option 51); it gets it within the subnet's bounds. */
    private static long lifetime(DhcpMessage request, Lifetimes lifetimes) {
        long asked = request.leaseTime().orElse(lifetimes.valid());
        return Math.max(lifetimes.min(), Math.min(lifetimes.max(), asked));
    }

    /** T1 and T2 as configured, or derived from the lifetime when asked to, and only when they fit inside it. */
    private static OptionalLong[] teeTimes(Lifetimes lifetimes, long lifetime) {
        OptionalLong t1 = lifetimes.renew();
        OptionalLong t2 = lifetimes.rebind();
        if (lifetimes.calculateTeeTimes()) {
            t1 = t1.isPresent() ? t1 : OptionalLong.of((long) (lifetime * lifetimes.t1Percent()));
            t2 = t2.isPresent() ? t2 : OptionalLong.of((long) (lifetime * lifetimes.t2Percent()));
        }
        OptionalLong rebind = t2.isPresent() && t2.getAsLong() < lifetime ? t2 : OptionalLong.empty();
        long limit = rebind.isPresent() ? rebind.getAsLong() : lifetime;
        OptionalLong renew = t1.isPresent() && t1.getAsLong() < limit ? t1 : OptionalLong.empty();
        return new OptionalLong[] {renew, rebind};
    }

    /**
     * For an OFFER or ACK with a lease: lease times, the subnet mask, the host name, boot fields and
     * the options the client asked for or are always sent.
     */
    private void complete(DhcpMessage.Builder reply, DhcpMessage request, SubnetConfig subnet, long poolId,
                          Optional<Reservation> reservation, long lifetime) {
        OptionalLong[] tee = teeTimes(subnet.lifetimes(), lifetime);
        tee[0].ifPresent(reply::renewalTime);
        tee[1].ifPresent(reply::rebindingTime);
        reply.subnetMask(subnet.subnet().mask().toInetAddress());
        addConfiguredOptions(reply, request, subnet, poolId, reservation);
        hostnameForReply(request, reservation).ifPresent(reply::hostName);
    }

    /**
     * As Kea: a reserved host name is always sent; otherwise the name the client sent is echoed,
     * lower-cased, when it is an acceptable host name.
     */
    private static Optional<String> hostnameForReply(DhcpMessage request, Optional<Reservation> reservation) {
        return reservation.flatMap(Reservation::hostname)
                .or(() -> request.hostName().filter(Hostnames::isAcceptable))
                .map(name -> name.toLowerCase(java.util.Locale.ROOT));
    }

    private void addConfiguredOptions(DhcpMessage.Builder reply, DhcpMessage request, SubnetConfig subnet, long poolId,
                                      Optional<Reservation> reservation) {
        ServerConfig.BootFields boot = reservation.map(Reservation::boot).orElse(subnet.boot());
        boot.nextServer().ifPresent(next -> reply.siaddr(next.toInetAddress()));
        if (!boot.serverHostname().isEmpty()) {
            reply.serverName(boot.serverHostname());
        }
        if (!boot.bootFileName().isEmpty()) {
            reply.bootFile(boot.bootFileName());
        }
        // The most specific level wins: reservation, pool, subnet, global.
        List<List<ConfiguredOption>> scopes = new ArrayList<>();
        reservation.ifPresent(r -> scopes.add(r.options()));
        if (poolId > 0) {
            scopes.add(subnet.pools().get((int) poolId - 1).options());
        }
        scopes.add(subnet.options());
        scopes.add(config.globalOptions());
        Map<Integer, ConfiguredOption> available = new LinkedHashMap<>();
        scopes.forEach(scope -> scope.stream().filter(ConfiguredOption::topLevel).forEach(o -> available.putIfAbsent(o.code(), o)));

        List<Integer> asked = request.parameterRequestList();
        // As in Kea: what the client asks for; what any level marks always-send (the mark is sticky, the
        // value still the most specific level's); and routers, DNS servers and domain name whenever configured.
        Set<Integer> wanted = new LinkedHashSet<>(asked);
        scopes.forEach(scope -> scope.stream().filter(o -> o.topLevel() && o.alwaysSend()).forEach(o -> wanted.add(o.code())));
        wanted.addAll(BASIC_OPTIONS);
        List<DhcpOption> chosen = new ArrayList<>();
        for (int code : wanted) {
            ConfiguredOption option = available.get(code);
            if (option != null && !SET_BY_SERVER.contains(code)) {
                chosen.add(option.option());
            }
        }
        chosen.forEach(reply::option);
        // Option 125 gets the vendor's sub-options the client asks for or the admin always sends, as in Kea.
        VendorOptions.vivso(request, chosen.stream().filter(o -> o.code() == VIVSO).findFirst(), scopes).ifPresent(reply::option);
        if (!config.echoClientId()) {
            reply.removeOption(61);
        }
    }
}
