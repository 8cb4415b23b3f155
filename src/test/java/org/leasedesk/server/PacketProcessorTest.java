package org.leasedesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.HardwareAddress;
import org.leasedesk.protocol.MessageType;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.protocol.RelayAgentInformation;
import org.leasedesk.protocol.RelayAgentInformation.SubOption;
import org.leasedesk.server.allocation.AllocationEngine;
import org.leasedesk.server.config.ServerConfig;
import org.leasedesk.server.config.ServerConfigLoader;
import org.leasedesk.server.transport.Arrival;
import org.leasedesk.testing.MutableClock;

/**
 * The packet thread's decisions without sockets: which subnet serves a request (Kea 2.2's subnet
 * selection), which reservation a client matches (each identifier in host-reservation-identifiers
 * order), and where the reply goes (RFC 2131 4.1).
 */
class PacketProcessorTest {

    private static final Ipv4Address SERVER_ID = Ipv4Address.parse("192.0.2.1");
    private static final Inet4Address RELAY = ip("203.0.113.1");
    private static final String LINK = "eth0";
    /** The served link is 192.0.2.0/24; 203.0.113.0/24 lies behind a relay; 198.18.0.0/24 names its relay; 198.18.1.0/24 its interface. */
    private static final String CONFIG = """
            { "Dhcp4": {
                "valid-lifetime": 600,
                "subnet4": [
                  { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.100 - 192.0.2.199" } ],
                    "reservations": [
                      { "hw-address": "00:00:5e:00:53:01", "ip-address": "192.0.2.11" },
                      { "duid": "00:03:00:01:00:00:5e:00:53:02", "ip-address": "192.0.2.12" },
                      { "client-id": "01:00:00:5e:00:53:03", "ip-address": "192.0.2.13" },
                      { "hw-address": "00:00:5e:00:53:04", "ip-address": "192.0.2.150" } ] },
                  { "id": 2, "subnet": "203.0.113.0/24", "pools": [ { "pool": "203.0.113.100 - 203.0.113.199" } ],
                    "reservations": [ { "circuit-id": "'port-7'", "ip-address": "203.0.113.7" } ] },
                  { "id": 3, "subnet": "198.18.0.0/24", "relay": { "ip-addresses": [ "198.51.100.77" ] },
                    "pools": [ { "pool": "198.18.0.100 - 198.18.0.199" } ] },
                  { "id": 4, "subnet": "198.18.1.0/24", "interface": "eth7", "pools": [ { "pool": "198.18.1.100 - 198.18.1.199" } ] } ] } }
            """;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private int xid = 1;

    private PacketProcessor processor(String json) throws Exception {
        ServerConfig config = new ServerConfigLoader(OptionRegistry.standard()).load(json, "test.conf").config();
        ServerOptions options = new ServerOptions(new InetSocketAddress(67), 68, SERVER_ID, Optional.of(LINK),
                Ipv4Address.BROADCAST.toInetAddress(), Optional.empty(), Duration.ofSeconds(10), 64, ServerOptions.DEFAULT_SAMPLE_INTERVAL);
        return new PacketProcessor(config, new AllocationEngine(config, List.of(), options.offerHold(), clock), options, clock);
    }

    private static Inet4Address ip(String text) {
        return Ipv4Address.parse(text).toInetAddress();
    }

    private static HardwareAddress mac(int last) {
        return HardwareAddress.parse(String.format("00:00:5e:00:53:%02x", last));
    }

    private static byte[] clientIdOf(int last) {
        byte[] id = new byte[7];
        id[0] = 1;
        System.arraycopy(mac(last).bytes(), 0, id, 1, 6);
        return id;
    }

    private static Arrival broadcast() {
        return Arrival.broadcastOn(Optional.of(LINK), SERVER_ID);
    }

    private static Arrival unicastFrom(Inet4Address sender) {
        return new Arrival(SERVER_ID, Ipv4Address.of(sender), Optional.of(LINK), 2, SERVER_ID);
    }

    private static DhcpMessage.Builder relayed(DhcpMessage.Builder message, Inet4Address giaddr, SubOption... relayAgentInformation) {
        message.giaddr(giaddr).hops(1);
        if (relayAgentInformation.length > 0) {
            message.option(82, new RelayAgentInformation(List.of(relayAgentInformation)).encode());
        }
        return message;
    }

    private static Decision.Reply replyOf(Decision decision) {
        return switch (decision) {
            case Decision.Reply reply -> reply;
            case Decision.Commit commit -> commit.reply().orElseThrow(() -> new AssertionError("committed without a reply"));
            case Decision.Drop drop -> throw new AssertionError("dropped: " + drop.reason() + " " + drop.detail());
        };
    }

    private static Inet4Address offered(Decision decision) {
        Decision.Reply reply = replyOf(decision);
        assertThat(reply.message().messageType()).contains(MessageType.OFFER);
        return reply.message().yiaddr();
    }

    /** A relayed client's full DORA, returning its address. */
    private Inet4Address leaseThroughRelay(PacketProcessor processor, int client) {
        Inet4Address address = offered(processor.handle(relayed(DhcpMessage.discover(mac(client), xid++), RELAY).build(), unicastFrom(RELAY)));
        Decision ack = processor.handle(relayed(DhcpMessage.requestSelecting(mac(client), xid++, address, SERVER_ID.toInetAddress()), RELAY)
                .build(), unicastFrom(RELAY));
        assertThat(replyOf(ack).message().messageType()).contains(MessageType.ACK);
        return address;
    }

    @Test
    void aRelayedClientRenewingAtT1StraightToTheServerIsAcknowledgedInItsOwnSubnet() throws Exception {
        PacketProcessor processor = processor(CONFIG);
        Inet4Address address = leaseThroughRelay(processor, 0x20);

        // RFC 2131 4.4.5: at T1 the client unicasts from its own address, with ciaddr set and no relay.
        Decision renewal = processor.handle(DhcpMessage.requestRenewing(mac(0x20), xid++, address).build(), unicastFrom(address));

        Decision.Reply ack = replyOf(renewal);
        assertThat(ack.message().messageType()).contains(MessageType.ACK);
        assertThat(ack.message().yiaddr()).isEqualTo(address);
        assertThat(ack.destination()).isEqualTo(new InetSocketAddress(address, 68));
    }

    @Test
    void aBroadcastWithCiaddrIsPlacedOnTheLinkItArrivedOnNotByCiaddr() throws Exception {
        PacketProcessor processor = processor(CONFIG);
        Inet4Address address = leaseThroughRelay(processor, 0x21);

        // Broadcast on the served link, a rebinding client from 203.0.113.0/24 has moved: its address is in no pool of
        // this link's subnet, so, as in Kea, the server leaves it to whichever server owns it.
        Decision rebinding = processor.handle(DhcpMessage.requestRebinding(mac(0x21), xid++, address).build(), broadcast());

        assertThat(rebinding).isInstanceOfSatisfying(Decision.Drop.class,
                drop -> assertThat(drop.reason()).isEqualTo(DropReason.ADDRESS_NOT_OURS));
    }

    @Test
    void aRequestFromANetworkNoSubnetServesIsNaked() throws Exception {
        Decision request = processor(CONFIG).handle(relayed(DhcpMessage.requestRenewing(mac(0x2c), xid++, ip("198.19.5.5")),
                ip("198.19.5.1")).build(), unicastFrom(ip("198.19.5.1")));

        Decision.Reply nak = replyOf(request);
        assertThat(nak.message().messageType()).contains(MessageType.NAK);
        assertThat(nak.destination()).isEqualTo(new InetSocketAddress(ip("198.19.5.1"), 67));
    }

    @Test
    void subnetSelectionOptionNamesTheSubnet() throws Exception {
        Decision offer = processor(CONFIG).handle(DhcpMessage.discover(mac(0x22), xid++).subnetSelection(ip("198.18.0.1")).build(),
                broadcast());

        assertThat(Ipv4Address.of(offered(offer)).toString()).startsWith("198.18.0.");
    }

    @Test
    void linkSelectionIsTakenFromARelayButNotFromAClientWithoutOne() throws Exception {
        PacketProcessor processor = processor(CONFIG);
        SubOption linkSelection = new SubOption(RelayAgentInformation.LINK_SELECTION, ip("198.18.0.1").getAddress());

        Inet4Address viaRelay = offered(processor.handle(relayed(DhcpMessage.discover(mac(0x23), xid++), RELAY, linkSelection).build(),
                unicastFrom(RELAY)));
        Inet4Address direct = offered(processor.handle(DhcpMessage.discover(mac(0x24), xid++)
                .option(82, new RelayAgentInformation(List.of(linkSelection)).encode()).build(), broadcast()));

        assertThat(Ipv4Address.of(viaRelay).toString()).startsWith("198.18.0.");
        assertThat(Ipv4Address.of(direct).toString()).as("a client cannot choose its subnet").startsWith("192.0.2.");
    }

    @Test
    void aRelayNamedByASubnetIsServedFromThatSubnet() throws Exception {
        Decision offer = processor(CONFIG).handle(relayed(DhcpMessage.discover(mac(0x25), xid++), ip("198.51.100.77")).build(),
                unicastFrom(ip("198.51.100.77")));

        assertThat(Ipv4Address.of(offered(offer)).toString()).startsWith("198.18.0.");
        assertThat(replyOf(offer).destination()).isEqualTo(new InetSocketAddress(ip("198.51.100.77"), 67));
    }

    @Test
    void aSubnetNamingTheInterfaceServesBroadcastsArrivingThere() throws Exception {
        Decision offer = processor(CONFIG).handle(DhcpMessage.discover(mac(0x26), xid++).build(),
                Arrival.broadcastOn(Optional.of("eth7"), SERVER_ID));

        assertThat(Ipv4Address.of(offered(offer)).toString()).startsWith("198.18.1.");
    }

    @Test
    void aHardwareAddressReservationMatchesAClientThatSendsAClientIdentifier() throws Exception {
        PacketProcessor processor = processor(CONFIG);
        DhcpMessage discover = DhcpMessage.discover(mac(0x01), xid++).clientIdentifier(clientIdOf(0x01)).build();

        assertThat(offered(processor.handle(discover, broadcast()))).isEqualTo(ip("192.0.2.11"));
        Decision ack = processor.handle(DhcpMessage.requestSelecting(mac(0x01), xid++, ip("192.0.2.11"), SERVER_ID.toInetAddress())
                .clientIdentifier(clientIdOf(0x01)).build(), broadcast());
        assertThat(((Decision.Commit) ack).change().lease().clientKey().toString())
                .as("the lease is still keyed by the client identifier").startsWith("id:");
    }

    @Test
    void aDuidReservationMatchesTheDuidInsideAnRfc4361ClientIdentifier() throws Exception {
        byte[] duidClientId = {(byte) 255, 0, 0, 0, 9, 0, 3, 0, 1, 0, 0, 0x5e, 0, 0x53, 2};

        Decision offer = processor(CONFIG).handle(DhcpMessage.discover(mac(0x72), xid++).clientIdentifier(duidClientId).build(), broadcast());

        assertThat(offered(offer)).isEqualTo(ip("192.0.2.12"));
    }

    @Test
    void aClientIdReservationMatchesOnlyAClientThatSendsIt() throws Exception {
        PacketProcessor processor = processor(CONFIG);

        assertThat(offered(processor.handle(DhcpMessage.discover(mac(0x03), xid++).clientIdentifier(clientIdOf(0x03)).build(), broadcast())))
                .isEqualTo(ip("192.0.2.13"));
        assertThat(offered(processor.handle(DhcpMessage.discover(mac(0x03), xid++).build(), broadcast())))
                .as("the same MAC without option 61").isNotEqualTo(ip("192.0.2.13"));
    }

    @Test
    void aCircuitIdReservationMatchesTheRelaysCircuit() throws Exception {
        SubOption port7 = new SubOption(RelayAgentInformation.CIRCUIT_ID, "port-7".getBytes(StandardCharsets.US_ASCII));

        Decision offer = processor(CONFIG).handle(relayed(DhcpMessage.discover(mac(0x27), xid++), RELAY, port7).build(), unicastFrom(RELAY));

        assertThat(offered(offer)).isEqualTo(ip("203.0.113.7"));
    }

    @Test
    void identifiersAreTriedInTheConfiguredOrder() throws Exception {
        String bothReservations = """
                { "Dhcp4": { "host-reservation-identifiers": [ %s ],
                  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.100 - 192.0.2.199" } ],
                    "reservations": [ { "hw-address": "00:00:5e:00:53:05", "ip-address": "192.0.2.51" },
                                      { "client-id": "01:00:00:5e:00:53:05", "ip-address": "192.0.2.52" } ] } ] } }
                """;
        DhcpMessage discover = DhcpMessage.discover(mac(0x05), xid++).clientIdentifier(clientIdOf(0x05)).build();

        assertThat(offered(processor(bothReservations.formatted("\"hw-address\", \"client-id\"")).handle(discover, broadcast())))
                .isEqualTo(ip("192.0.2.51"));
        assertThat(offered(processor(bothReservations.formatted("\"client-id\", \"hw-address\"")).handle(discover, broadcast())))
                .isEqualTo(ip("192.0.2.52"));
        assertThat(offered(processor(bothReservations.formatted("\"duid\"")).handle(discover, broadcast())))
                .as("neither identifier is looked at").isNotIn(ip("192.0.2.51"), ip("192.0.2.52"));
    }

    @Test
    void withoutMatchClientIdTheClientIdentifierFindsNoReservation() throws Exception {
        String config = CONFIG.replace("\"valid-lifetime\": 600,", "\"valid-lifetime\": 600, \"match-client-id\": false,");

        Decision offer = processor(config).handle(DhcpMessage.discover(mac(0x03), xid++).clientIdentifier(clientIdOf(0x03)).build(),
                broadcast());

        assertThat(offered(offer)).isNotEqualTo(ip("192.0.2.13"));
    }

    @Test
    void anInPoolReservationIsKeptFromOthersUnlessReservationsAreOutOfPool() throws Exception {
        DhcpMessage asksForReserved = DhcpMessage.discover(mac(0x28), xid++).requestedAddress(ip("192.0.2.150")).build();

        assertThat(offered(processor(CONFIG).handle(asksForReserved, broadcast()))).isNotEqualTo(ip("192.0.2.150"));
        String outOfPool = CONFIG.replace("\"valid-lifetime\": 600,", "\"valid-lifetime\": 600, \"reservations-out-of-pool\": true,");
        assertThat(offered(processor(outOfPool).handle(asksForReserved, broadcast())))
                .as("Kea: out-of-pool promises no reservation lies in a pool, so the address is not checked").isEqualTo(ip("192.0.2.150"));
    }

    @Test
    void repliesGoWhereRfc2131SectionFourOneSays() throws Exception {
        PacketProcessor processor = processor(CONFIG);

        Decision.Reply unicast = replyOf(processor.handle(DhcpMessage.discover(mac(0x29), xid++).build(), broadcast()));
        Decision.Reply broadcastAsked = replyOf(processor.handle(DhcpMessage.discover(mac(0x2a), xid++).broadcast(true).build(), broadcast()));
        Decision.Reply relayed = replyOf(processor.handle(relayed(DhcpMessage.discover(mac(0x2b), xid++), RELAY).build(), unicastFrom(RELAY)));

        assertThat(unicast.destination()).as("broadcast flag clear: to the new address")
                .isEqualTo(new InetSocketAddress(unicast.message().yiaddr(), 68));
        assertThat(ReplyRouting.needsLinkLayer(unicast.message(), unicast.destination())).isTrue();
        assertThat(broadcastAsked.destination()).isEqualTo(new InetSocketAddress(Ipv4Address.BROADCAST.toInetAddress(), 68));
        assertThat(relayed.destination()).isEqualTo(new InetSocketAddress(RELAY, 67));
        assertThat(ReplyRouting.needsLinkLayer(relayed.message(), relayed.destination())).isFalse();
    }
}
