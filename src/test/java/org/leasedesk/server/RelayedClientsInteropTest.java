package org.leasedesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.testing.Eventually;
import org.leasedesk.testing.netns.CapturedDatagram;
import org.leasedesk.testing.netns.Namespace;
import org.leasedesk.testing.netns.NetnsTest;
import org.leasedesk.testing.netns.NetworkLab;
import org.leasedesk.testing.netns.PacketCapture;
import org.leasedesk.testing.peers.ClientPeer;
import org.leasedesk.testing.peers.MessageTypePeek;
import org.leasedesk.testing.peers.RelayPeer;
import org.leasedesk.testing.peers.ServerPeer;
import org.leasedesk.testing.peers.StartedPeer;

/**
 * Real DHCP clients from Debian two hops from our server, behind ISC's dhcrelay on a router, as
 * in most networks: they obtain an address through the relay, renew it at T1 by unicast straight
 * to the server (RFC 2131 4.4.5: ciaddr set, giaddr 0, routed, not relayed), rebind through the
 * relay when the server cannot be reached by unicast, and release it.
 *
 * <p>One network for the whole class, built once:
 * <pre>
 *  server namespace             relay namespace (a router: forwards IPv4, runs dhcrelay)
 *  srv0 198.51.100.1/24 ------- up0 198.51.100.2/24
 *  203.0.113.0/24 and           bridge brgiaddr 203.0.113.1/25    -- one client per test
 *  198.18.0.0/24 via the relay  bridge brnamed  198.18.0.1/24,    -- one client per test
 *                                               203.0.113.129/25
 * </pre>
 * Each test plugs a fresh client namespace into one bridge (a switch port) and unplugs it at the
 * end, and starts its own server with a fresh store, so tests share nothing but the routers.
 * Clients on {@code brgiaddr} find their subnet by giaddr (203.0.113.1 is in 203.0.113.0/25);
 * on {@code brnamed} giaddr is 198.18.0.1, outside the clients' subnet, which names that relay in
 * {@code "relay": {"ip-addresses": [...]}}. The server's own link has a subnet too, so a request
 * the server matches to the link it serves lands there.
 *
 * <p>dhcrelay sees a renewing client's unicast too (it listens with packet sockets) and relays a
 * copy with giaddr set, so the server gets every renewal twice; the assertions about unicast
 * therefore look at the relay the store recorded for each event, and at the wire.
 */
@NetnsTest(requires = {RelayPeer.COMMAND, "dhclient", "udhcpc", "dhcpcd", "unshare", "tcpdump"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayedClientsInteropTest {

    private static final String SERVER_INTERFACE = "srv0";
    private static final Ipv4Address SERVER_ID = Ipv4Address.parse("198.51.100.1");
    private static final String RELAY_UPSTREAM = "198.51.100.2";
    private static final Ipv4Address RESERVED = Ipv4Address.parse("203.0.113.250");

    /** Long enough for dhcpcd's ARP probes (about 5 s) and one retransmission. */
    private static final Duration OBTAIN_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(15);
    /** A datagram sent just before the unicast path was cut may still arrive within this. */
    private static final Duration IN_FLIGHT = Duration.ofMillis(500);

    /** The client links behind the relay: a bridge in the relay namespace each, as a switch with the router on it. */
    private enum Segment {
        /** giaddr 203.0.113.1 lies in the clients' subnet 203.0.113.0/25 (id 2). */
        GIADDR_IN_SUBNET("brgiaddr", List.of("203.0.113.1/25"), "203.0.113.1", 25, 2, "203.0.113.126"),
        /** giaddr 198.18.0.1 lies outside the clients' subnet 203.0.113.128/25 (id 3), which names it as its relay. */
        RELAY_NAMED_BY_SUBNET("brnamed", List.of("198.18.0.1/24", "203.0.113.129/25"), "198.18.0.1", 25, 3, "203.0.113.254");

        final String bridge;
        /** The relay's addresses on the bridge; dhcrelay takes the first as giaddr. */
        final List<String> relayAddresses;
        final Ipv4Address giaddr;
        final int clientPrefixLength;
        final long subnetId;
        /** An address on the clients' link that nobody holds: a next hop that never answers ARP. */
        final String deadNextHop;

        Segment(String bridge, List<String> relayAddresses, String giaddr, int clientPrefixLength, long subnetId, String deadNextHop) {
            this.bridge = bridge;
            this.relayAddresses = relayAddresses;
            this.giaddr = Ipv4Address.parse(giaddr);
            this.clientPrefixLength = clientPrefixLength;
            this.subnetId = subnetId;
            this.deadNextHop = deadNextHop;
        }
    }

    /**
     * A 30 s lease and the timers each client will really use. dhclient and dhcpcd honour options 58
     * and 59: T1 3 s, T2 10 s. udhcpc (busybox 1.35) ignores them and renews at half the lease, taking
     * any lease under 30 s for 30 s, so its T1 is never under 15 s; when that renewal goes unanswered
     * it broadcasts 3 s later instead of waiting for T2.
     */
    private record Timers(int valid, int renew, int rebind) {
        static Timers of(ClientPeer peer) {
            return peer == ClientPeer.UDHCPC ? new Timers(30, 15, 26) : new Timers(30, 3, 10);
        }
    }

    private NetworkLab lab;
    private Namespace serverSpace;
    private Namespace relaySpace;
    private int plugged;

    @BeforeAll
    void buildTheRoutedNetwork(NetworkLab classLab) {
        lab = classLab;
        serverSpace = lab.namespace("server");
        relaySpace = lab.namespace("relay");
        lab.link(serverSpace.iface(SERVER_INTERFACE).withAddress(SERVER_ID + "/24"),
                relaySpace.iface("up0").withAddress(RELAY_UPSTREAM + "/24"));
        for (Segment segment : Segment.values()) {
            relaySpace.exec("ip", "link", "add", segment.bridge, "type", "bridge").orThrow();
            for (String address : segment.relayAddresses) {
                relaySpace.exec("ip", "address", "add", address, "dev", segment.bridge).orThrow();
            }
            relaySpace.exec("ip", "link", "set", segment.bridge, "up").orThrow();
        }
        serverSpace.exec("ip", "route", "add", "203.0.113.0/24", "via", RELAY_UPSTREAM).orThrow();
        serverSpace.exec("ip", "route", "add", "198.18.0.0/24", "via", RELAY_UPSTREAM).orThrow();
        // In this namespace only (/proc/sys/net follows the writer's namespace); sysctl is not in every image.
        relaySpace.exec("sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward").orThrow();
        RelayPeer.start(relaySpace, List.of("up0"), List.of(Segment.GIADDR_IN_SUBNET.bridge, Segment.RELAY_NAMED_BY_SUBNET.bridge),
                List.of(SERVER_ID.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientPeer.class)
    void relayedClientRenewsAtT1ByUnicastRebindsThroughTheRelayAndReleases(ClientPeer peer) throws Exception {
        Timers timers = Timers.of(peer);
        HardwareAddress mac = HardwareAddress.parseMac(mac(0x10, peer));
        try (PluggedClient client = plug(Segment.GIADDR_IN_SUBNET, mac);
                ServerInNamespace server = startOurServer(config(timers, ""))) {
            StartedPeer run = client.start(peer::startKeepingLease);

            // Obtains an address through the relay, from the subnet giaddr lies in.
            server.await("an ACTIVE lease for " + mac, OBTAIN_TIMEOUT,
                    () -> server.leaseOf(mac).filter(lease -> lease.state() == LeaseState.ACTIVE).isPresent());
            Lease granted = server.leaseOf(mac).orElseThrow();
            Ipv4Address address = granted.address();
            assertThat(granted.subnetId()).as("subnet of " + granted).isEqualTo(Segment.GIADDR_IN_SUBNET.subnetId);
            assertThat(granted.relay().giaddr()).as("relay of " + granted).isEqualTo(Segment.GIADDR_IN_SUBNET.giaddr);
            client.awaitConfigured(address);

            // At T1 it unicasts a REQUEST from its address straight to the server, and the server acknowledges it.
            awaitHistory(server, address, "a RENEWED with giaddr 0: the unicast renewal at T1 acknowledged",
                    Duration.ofSeconds(timers.renew()).plus(STEP_TIMEOUT), run,
                    events -> events.stream().anyMatch(event -> event.type() == LeaseEventType.RENEWED && !event.relay().isRelayed()));
            assertThat(server.eventsOf(address)).as(historyText(server, address))
                    .noneMatch(event -> event.type() == LeaseEventType.NAKED)
                    .filteredOn(event -> event.type() == LeaseEventType.GRANTED).hasSize(1);
            assertThat(server.leases()).as("leases of " + mac).filteredOn(lease -> lease.hardwareAddress().equals(mac))
                    .singleElement().satisfies(lease -> {
                        assertThat(lease.address()).isEqualTo(address);
                        assertThat(lease.state()).isEqualTo(LeaseState.ACTIVE);
                    });
            assertThat(client.addresses()).contains(address + "/" + Segment.GIADDR_IN_SUBNET.clientPrefixLength);

            // The server becomes unreachable by unicast: renewals fail, and the client rebinds by broadcast, through the relay.
            Instant lastAcknowledged = server.eventsOf(address).getLast().time();
            Instant settled = client.cutUnicastTo(SERVER_ID).plus(IN_FLIGHT);
            Predicate<LeaseEvent> reboundThroughRelay = event -> event.type() == LeaseEventType.RENEWED
                    && event.relay().isRelayed() && event.time().isAfter(settled);
            LeaseEvent rebound = awaitHistory(server, address, "a RENEWED through the relay after the unicast path was cut",
                    Duration.ofSeconds(timers.valid()), run, events -> events.stream().anyMatch(reboundThroughRelay))
                    .stream().filter(reboundThroughRelay).findFirst().orElseThrow();
            assertThat(rebound.relay().giaddr()).isEqualTo(Segment.GIADDR_IN_SUBNET.giaddr);
            assertThat(Duration.between(lastAcknowledged, rebound.time())).as("rebinding only once the renewal at T1 went unanswered")
                    .isGreaterThan(Duration.ofSeconds(timers.renew()));
            assertThat(server.eventsOf(address)).as(historyText(server, address))
                    .filteredOn(event -> event.time().isAfter(settled) && event.time().isBefore(rebound.time()))
                    .noneMatch(event -> !event.relay().isRelayed());
            Lease rebinding = server.leaseOf(mac).orElseThrow();
            assertThat(rebinding.address()).isEqualTo(address);
            assertThat(rebinding.state()).isEqualTo(LeaseState.ACTIVE);
            assertThat(server.historyOf(address)).filteredOn(type -> type == LeaseEventType.GRANTED).hasSize(1);
            assertThat(client.addresses()).contains(address + "/" + Segment.GIADDR_IN_SUBNET.clientPrefixLength);
            client.restoreUnicastTo(SERVER_ID);

            // Released through the client's own trigger.
            peer.release(client.namespace, client.interfaceName, run);
            awaitHistory(server, address, "the release", STEP_TIMEOUT, run,
                    events -> events.stream().anyMatch(event -> event.type() == LeaseEventType.RELEASED));
            Lease released = server.leaseAt(address).orElseThrow();
            assertThat(released.state()).isEqualTo(LeaseState.RELEASED);
            assertThat(released.hardwareAddress()).isEqualTo(mac);
            assertThat(server.historyOf(address).getLast()).isEqualTo(LeaseEventType.RELEASED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientPeer.class)
    void clientSendingOption61GetsItsHwAddressReservationThroughTheRelayAndRenewsIt(ClientPeer peer) throws Exception {
        Timers timers = Timers.of(peer);
        HardwareAddress mac = HardwareAddress.parseMac(mac(0x20, peer));
        try (PluggedClient client = plug(Segment.RELAY_NAMED_BY_SUBNET, mac);
                ServerInNamespace server = startOurServer(config(timers, reservation(mac)));
                PacketCapture serverLink = serverSpace.capture(SERVER_INTERFACE)) {
            StartedPeer run = client.start(peer::startKeepingLeaseWithClientId);

            server.await("an ACTIVE lease for " + mac, OBTAIN_TIMEOUT,
                    () -> server.leaseOf(mac).filter(lease -> lease.state() == LeaseState.ACTIVE).isPresent());
            Lease lease = server.leaseOf(mac).orElseThrow();
            assertThat(lease.clientId().isEmpty()).as("%s sent no option 61: %s", peer, lease).isFalse();
            assertThat(lease.subnetId()).as("subnet of " + lease).isEqualTo(Segment.RELAY_NAMED_BY_SUBNET.subnetId);
            assertThat(lease.relay().giaddr()).as("relay of " + lease).isEqualTo(Segment.RELAY_NAMED_BY_SUBNET.giaddr);
            assertThat(lease.address()).as("the reservation for hw-address %s, looked up although the client sent option 61", mac)
                    .isEqualTo(RESERVED);

            reservedAddressIsConfiguredAndRenewedByUnicast(peer, run, client, serverLink, timers);
            assertThat(server.eventsOf(RESERVED)).as(historyText(server, RESERVED))
                    .anyMatch(event -> event.type() == LeaseEventType.RENEWED && !event.relay().isRelayed())
                    .noneMatch(event -> event.type() == LeaseEventType.NAKED);
            assertThat(run.process().isAlive()).as(peer + " still running").isTrue();
        }
    }

    /** The same clients and relay against Kea 2.2 with the same subnets: the network itself is right. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(ClientPeer.class)
    @NetnsTest(requires = "kea-dhcp4")
    void keaAsAControlGivesTheReservationThroughTheSameRelayAndAcknowledgesTheUnicastRenewal(ClientPeer peer) {
        Timers timers = Timers.of(peer);
        HardwareAddress mac = HardwareAddress.parseMac(mac(0x30, peer));
        StartedPeer kea = ServerPeer.startKea(serverSpace, SERVER_INTERFACE, dhcp4Members(timers, reservation(mac)));
        try (PluggedClient client = plug(Segment.RELAY_NAMED_BY_SUBNET, mac);
                PacketCapture serverLink = serverSpace.capture(SERVER_INTERFACE)) {
            StartedPeer run = client.start(peer::startKeepingLeaseWithClientId);
            reservedAddressIsConfiguredAndRenewedByUnicast(peer, run, client, serverLink, timers);
        } finally {
            kea.process().close();
        }
    }

    /**
     * The client configures the reserved address and renews it (asked to, or at T1 for dhclient, which
     * has no trigger), and the server's ACK leaves its link for the client's own address: the reply to a
     * unicast renewal (replies through the relay go to giaddr).
     */
    private static void reservedAddressIsConfiguredAndRenewedByUnicast(ClientPeer peer, StartedPeer run, PluggedClient client,
                                                                       PacketCapture serverLink, Timers timers) {
        String configured = Eventually.waitFor(() -> client.addresses().stream().findFirst(), OBTAIN_TIMEOUT,
                () -> "an address on " + client + "\n" + client.output());
        assertThat(configured).isEqualTo(RESERVED + "/" + Segment.RELAY_NAMED_BY_SUBNET.clientPrefixLength);
        peer.renew(client.namespace, client.interfaceName, run);
        InetSocketAddress clientPort = new InetSocketAddress(RESERVED.toInetAddress(), ServerOptions.CLIENT_PORT);
        InetSocketAddress serverPort = new InetSocketAddress(SERVER_ID.toInetAddress(), ServerOptions.SERVER_PORT);
        serverLink.awaitDatagrams(seen -> seen.stream().anyMatch(datagram -> isAck(datagram)
                        && datagram.source().equals(serverPort) && datagram.destination().equals(clientPort)),
                Duration.ofSeconds(timers.renew()).plus(STEP_TIMEOUT));
        assertThat(client.addresses()).containsExactly(configured);
    }

    private static boolean isAck(CapturedDatagram datagram) {
        return MessageTypePeek.messageType(datagram.payload()).orElse(-1) == MessageTypePeek.ACK;
    }

    /** The same Kea-style subnets for our server and for Kea. */
    private static String config(Timers timers, String reservations) {
        return "{ \"Dhcp4\": {\n" + dhcp4Members(timers, reservations) + "} }\n";
    }

    private static String dhcp4Members(Timers timers, String reservations) {
        return """
                "valid-lifetime": %d, "renew-timer": %d, "rebind-timer": %d,
                "subnet4": [
                  { "id": 1, "subnet": "198.51.100.0/24",
                    "pools": [ { "pool": "198.51.100.100 - 198.51.100.150" } ] },
                  { "id": 2, "subnet": "203.0.113.0/25",
                    "pools": [ { "pool": "203.0.113.10 - 203.0.113.100" } ],
                    "option-data": [ { "name": "routers", "data": "203.0.113.1" } ] },
                  { "id": 3, "subnet": "203.0.113.128/25", "relay": { "ip-addresses": [ "198.18.0.1" ] },
                    "pools": [ { "pool": "203.0.113.140 - 203.0.113.200" } ],
                    "option-data": [ { "name": "routers", "data": "203.0.113.129" } ],
                    "reservations": [ %s ] } ]
                """.formatted(timers.valid(), timers.renew(), timers.rebind(), reservations);
    }

    private static String reservation(HardwareAddress mac) {
        return "{ \"hw-address\": \"%s\", \"ip-address\": \"%s\" }".formatted(mac, RESERVED);
    }

    /** A documentation MAC (RFC 7042) per test and client, so no test meets another's client. */
    private static String mac(int test, ClientPeer peer) {
        return "00:00:5e:00:53:%02x".formatted(test + peer.ordinal());
    }

    /** Our server with a store of its own; started after {@link #plug}, whose number names the store. */
    private ServerInNamespace startOurServer(String config) throws Exception {
        return ServerInNamespace.start(serverSpace, config, lab.file("leases-" + plugged), SERVER_ID, SERVER_INTERFACE);
    }

    /**
     * Polls the history of {@code address} until {@code done} accepts it and returns it; on timeout
     * fails with the history and the client's output.
     */
    private static List<LeaseEvent> awaitHistory(ServerInNamespace server, Ipv4Address address, String what, Duration timeout,
                                                 StartedPeer client, Predicate<List<LeaseEvent>> done) {
        return Eventually.waitFor(() -> Optional.of(server.eventsOf(address)).filter(done), timeout,
                () -> what + "\n" + historyText(server, address) + "\nserver " + server.server().statistics()
                        + "\n--- client ---\n" + client.process().output());
    }

    private static String historyText(ServerInNamespace server, Ipv4Address address) {
        return "history of " + address + ":\n" + server.eventsOf(address).stream()
                .map(event -> "  " + event.time() + " " + event.type()
                        + (event.relay().isRelayed() ? " via " + event.relay().giaddr() : " direct") + " " + event.detail())
                .collect(Collectors.joining("\n"));
    }

    private PluggedClient plug(Segment segment, HardwareAddress mac) {
        int number = ++plugged;
        Namespace space = lab.namespace("client" + number);
        String interfaceName = "cli" + number;
        String port = "port" + number;
        lab.link(space.iface(interfaceName).withMac(mac.toString()), relaySpace.iface(port));
        relaySpace.exec("ip", "link", "set", port, "master", segment.bridge).orThrow();
        return new PluggedClient(space, interfaceName, port, segment);
    }

    /**
     * A client namespace on a switch port of one segment. Closing stops the client and pulls the
     * cable (deletes the veth), so nothing it left configured can meet a later test's client.
     */
    private final class PluggedClient implements AutoCloseable {
        final Namespace namespace;
        final String interfaceName;
        private final String port;
        private final Segment segment;
        private StartedPeer run;

        PluggedClient(Namespace namespace, String interfaceName, String port, Segment segment) {
            this.namespace = namespace;
            this.interfaceName = interfaceName;
            this.port = port;
            this.segment = segment;
        }

        StartedPeer start(BiFunction<Namespace, String, StartedPeer> starter) {
            run = starter.apply(namespace, interfaceName);
            return run;
        }

        String output() {
            return run == null ? "(not started)" : run.process().output();
        }

        /** The IPv4 addresses with prefix on the client's interface, as {@code ip -4 -o addr} lists them. */
        List<String> addresses() {
            return namespace.exec("ip", "-4", "-o", "addr", "show", "dev", interfaceName).orThrow().stdout().lines()
                    .map(line -> line.split("\\s+"))
                    .filter(fields -> fields.length > 3 && fields[2].equals("inet"))
                    .map(fields -> fields[3])
                    .toList();
        }

        void awaitConfigured(Ipv4Address address) {
            String expected = address + "/" + segment.clientPrefixLength;
            Supplier<String> what = () -> expected + " configured on " + this + ", which has " + addresses() + "\n" + output();
            Eventually.waitFor(() -> Optional.of(addresses()).filter(list -> list.contains(expected)), STEP_TIMEOUT, what);
        }

        /**
         * Routes the server's address to a next hop on the link that never answers ARP: unicast to the
         * server is lost silently, as behind a broken path, while broadcasts (and so the relay) still work.
         *
         * @return when the route was in place
         */
        Instant cutUnicastTo(Ipv4Address server) {
            namespace.exec("ip", "route", "add", server + "/32", "via", segment.deadNextHop, "dev", interfaceName).orThrow();
            return Instant.now();
        }

        void restoreUnicastTo(Ipv4Address server) {
            namespace.exec("ip", "route", "del", server + "/32").orThrow();
        }

        @Override
        public void close() {
            try {
                if (run != null) {
                    run.process().close();
                }
            } finally {
                relaySpace.exec("ip", "link", "del", port).orThrow();
            }
        }

        @Override
        public String toString() {
            return interfaceName + " in " + namespace;
        }
    }
}
