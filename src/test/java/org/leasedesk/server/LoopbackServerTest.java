package org.leasedesk.server;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.protocol.DhcpCodec;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.HardwareAddress;
import org.leasedesk.protocol.MalformedPacketException;
import org.leasedesk.protocol.MessageType;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.protocol.RelayAgentInformation;
import org.leasedesk.server.config.ServerConfig;
import org.leasedesk.server.config.ServerConfigLoader;
import org.leasedesk.store.EventRepository;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.LeaseRepository;
import org.leasedesk.store.LeaseWriter;
import org.leasedesk.store.PageRequest;
import org.leasedesk.store.StoredEvent;
import org.leasedesk.store.TimeRange;
import org.leasedesk.store.UtilisationRepository;

/** The server on loopback with real UDP sockets and a real H2 file; every reply is redirected to the test's socket. */
class LoopbackServerTest {

    private static final String CONFIG = """
            { "Dhcp4": {
                "valid-lifetime": 600, "renew-timer": 300, "rebind-timer": 500,
                "decline-probation-period": 3600,
                "option-data": [ { "name": "domain-name-servers", "data": "192.0.2.53" } ],
                "subnet4": [
                  { "id": 1, "subnet": "192.0.2.0/24",
                    "pools": [ { "pool": "192.0.2.10 - 192.0.2.12" } ],
                    "option-data": [ { "name": "routers", "data": "192.0.2.1" } ],
                    "reservations": [ { "hw-address": "00:00:5e:00:53:99", "ip-address": "192.0.2.99", "hostname": "printer" } ] },
                  { "id": 2, "subnet": "198.51.100.0/24", "relay": { "ip-addresses": [ "198.51.100.1" ] },
                    "pools": [ { "pool": "198.51.100.20 - 198.51.100.29" } ] } ] } }
            """;
    private static final Inet4Address SERVER_ID = Ipv4Address.parse("192.0.2.1").toInetAddress();

    @TempDir
    Path directory;

    private final DhcpCodec codec = new DhcpCodec();
    private DatagramChannel client;
    private Selector selector;
    private LeaseDatabase database;
    private DhcpServer server;
    private int xid = 0x1000;

    @BeforeEach
    void start() throws Exception {
        client = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client.configureBlocking(false);
        selector = Selector.open();
        client.register(selector, SelectionKey.OP_READ);
        startServer();
    }

    private void startServer() throws Exception {
        startServer(CONFIG);
    }

    private static ServerConfig config(String json) throws Exception {
        return new ServerConfigLoader(OptionRegistry.standard()).load(json, "test.conf").config();
    }

    private void startServer(String json) throws Exception {
        ServerConfig config = config(json);
        database = LeaseDatabase.open(directory.resolve("leases"));
        InetSocketAddress self = (InetSocketAddress) client.getLocalAddress();
        ServerOptions options = new ServerOptions(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), self.getPort(),
                Ipv4Address.of(SERVER_ID), Optional.empty(), InetAddress.getLoopbackAddress(), Optional.of(self),
                Duration.ofSeconds(10), 256, Duration.ofMillis(300));
        server = DhcpServer.start(config, options, database, LeaseWriter.Settings.DEFAULTS, Clock.systemUTC(), ServerListener.NONE);
    }

    private void stopServer() {
        server.close();
        database.close();
    }

    @AfterEach
    void stop() throws IOException {
        stopServer();
        selector.close();
        client.close();
    }

    private static HardwareAddress mac(int last) {
        return HardwareAddress.parse(String.format("00:00:5e:00:53:%02x", last));
    }

    private static Inet4Address ip(String text) {
        return Ipv4Address.parse(text).toInetAddress();
    }

    private Optional<DhcpMessage> exchange(DhcpMessage.Builder request) throws IOException, MalformedPacketException {
        client.send(ByteBuffer.wrap(codec.encode(request.xid(++xid).build())), server.localAddress());
        return receive(Duration.ofSeconds(3));
    }

    private Optional<DhcpMessage> receive(Duration timeout) throws IOException, MalformedPacketException {
        if (selector.select(timeout.toMillis()) == 0) {
            return Optional.empty();
        }
        selector.selectedKeys().clear();
        ByteBuffer buffer = ByteBuffer.allocate(1500);
        client.receive(buffer);
        buffer.flip();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return Optional.of(codec.decode(bytes));
    }

    /** Sends a request that must get no reply: waits until the server shows it handled it, then checks nothing came. */
    private void sendExpectingSilence(DhcpMessage.Builder request, java.util.function.BooleanSupplier handled) throws Exception {
        client.send(ByteBuffer.wrap(codec.encode(request.xid(++xid).build())), server.localAddress());
        eventually(handled);
        assertThat(selector.selectNow()).as("datagrams received").isZero();
    }

    private static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server did not get there within 5 s");
            }
            Thread.sleep(5);
        }
    }

    private boolean dropped(DropReason reason, long count) {
        return server.statistics().dropped(reason) == count;
    }

    /** A full DORA for the client; returns the ACK. */
    private DhcpMessage obtain(HardwareAddress mac) throws Exception {
        DhcpMessage offer = exchange(DhcpMessage.discover(mac, 0).parameterRequestList(1, 3, 6)).orElseThrow();
        assertThat(offer.messageType()).contains(MessageType.OFFER);
        DhcpMessage ack = exchange(DhcpMessage.requestSelecting(mac, 0, offer.yiaddr(), SERVER_ID).parameterRequestList(1, 3, 6))
                .orElseThrow();
        assertThat(ack.messageType()).contains(MessageType.ACK);
        return ack;
    }

    private Optional<Lease> stored(String address) {
        return new LeaseRepository(database).find(Ipv4Address.parse(address));
    }

    @Test
    void doraHandsOutAnAddressWithTheConfiguredOptionsAndStoresItBeforeTheAck() throws Exception {
        DhcpMessage ack = obtain(mac(1));

        assertThat(ack.yiaddr()).isEqualTo(ip("192.0.2.10"));
        assertThat(ack.serverIdentifier()).contains(SERVER_ID);
        assertThat(ack.leaseTime()).hasValue(600);
        assertThat(ack.renewalTime()).hasValue(300);
        assertThat(ack.rebindingTime()).hasValue(500);
        assertThat(ack.subnetMask()).contains(ip("255.255.255.0"));
        assertThat(ack.routers()).containsExactly(ip("192.0.2.1"));
        assertThat(ack.domainNameServers()).containsExactly(ip("192.0.2.53"));
        assertThat(stored("192.0.2.10")).hasValueSatisfying(lease -> {
            assertThat(lease.state()).isEqualTo(LeaseState.ACTIVE);
            assertThat(lease.hardwareAddress().toString()).isEqualTo("00:00:5e:00:53:01");
        });
    }

    @Test
    void renewingExtendsTheSameAddress() throws Exception {
        DhcpMessage first = obtain(mac(1));
        Lease before = stored("192.0.2.10").orElseThrow();
        Thread.sleep(20);

        DhcpMessage renewed = exchange(DhcpMessage.requestRenewing(mac(1), 0, first.yiaddr())).orElseThrow();

        assertThat(renewed.messageType()).contains(MessageType.ACK);
        assertThat(renewed.yiaddr()).isEqualTo(first.yiaddr());
        assertThat(renewed.ciaddr()).isEqualTo(first.yiaddr());
        assertThat(stored("192.0.2.10").orElseThrow().expiry()).isAfter(before.expiry());
    }

    @Test
    void aReleasedClientGetsItsAddressBackWhileOthersGetOthers() throws Exception {
        DhcpMessage ack = obtain(mac(1));
        sendExpectingSilence(DhcpMessage.release(mac(1), 0, ack.yiaddr(), SERVER_ID),
                () -> stored("192.0.2.10").map(Lease::state).filter(LeaseState.RELEASED::equals).isPresent());

        assertThat(obtain(mac(2)).yiaddr()).isEqualTo(ip("192.0.2.11"));
        assertThat(obtain(mac(1)).yiaddr()).isEqualTo(ip("192.0.2.10"));
    }

    @Test
    void aDeclinedAddressGoesIntoProbationAndIsNotOfferedAgain() throws Exception {
        DhcpMessage ack = obtain(mac(1));

        sendExpectingSilence(DhcpMessage.decline(mac(1), 0, ack.yiaddr(), SERVER_ID),
                () -> stored("192.0.2.10").map(Lease::state).filter(LeaseState.DECLINED::equals).isPresent());
        assertThat(obtain(mac(1)).yiaddr()).isEqualTo(ip("192.0.2.11"));
    }

    @Test
    void aDeclineFromSomeoneElseIsIgnored() throws Exception {
        DhcpMessage ack = obtain(mac(1));

        sendExpectingSilence(DhcpMessage.decline(mac(7), 0, ack.yiaddr(), SERVER_ID), () -> dropped(DropReason.RELEASE_NOT_OURS, 1));

        assertThat(stored("192.0.2.10")).map(Lease::state).contains(LeaseState.ACTIVE);
    }

    @Test
    void initRebootForAnAddressOfAnotherNetworkIsNaked() throws Exception {
        obtain(mac(1));

        DhcpMessage reply = exchange(DhcpMessage.requestInitReboot(mac(1), 0, ip("203.0.113.7"))).orElseThrow();

        assertThat(reply.messageType()).contains(MessageType.NAK);
        eventually(() -> server.statistics().sent(MessageType.NAK) == 1);
        eventually(() -> !history(LeaseEventType.NAKED).isEmpty());
        assertThat(history(LeaseEventType.NAKED)).singleElement().satisfies(naked -> {
            assertThat(naked.address()).isEqualTo(Ipv4Address.parse("203.0.113.7"));
            assertThat(naked.hardwareAddress().toString()).isEqualTo("00:00:5e:00:53:01");
            assertThat(naked.detail()).isEqualTo("the client's lease is on 192.0.2.10, not 203.0.113.7");
        });
    }

    @Test
    void offersAreRecordedInTheHistoryWithoutAStoredLease() throws Exception {
        DhcpMessage offer = exchange(DhcpMessage.discover(mac(3), 0)).orElseThrow();

        assertThat(offer.messageType()).contains(MessageType.OFFER);
        eventually(() -> !history(LeaseEventType.OFFERED).isEmpty());
        assertThat(history(LeaseEventType.OFFERED)).singleElement().satisfies(offered -> {
            assertThat(offered.address()).isEqualTo(Ipv4Address.of(offer.yiaddr()));
            assertThat(offered.poolId()).isEqualTo(1);
        });
        assertThat(stored("192.0.2.10")).isEmpty();
    }

    private List<LeaseEvent> history(LeaseEventType type) {
        return new EventRepository(database).byType(type, TimeRange.ALL, PageRequest.first(100)).events().stream()
                .map(StoredEvent::event).toList();
    }

    @Test
    void initRebootForAnAddressHeldByAnotherClientIsNaked() throws Exception {
        DhcpMessage first = obtain(mac(1));
        obtain(mac(2));

        DhcpMessage reply = exchange(DhcpMessage.requestInitReboot(mac(2), 0, first.yiaddr())).orElseThrow();

        assertThat(reply.messageType()).contains(MessageType.NAK);
    }

    @Test
    void initRebootFromAClientWeDoNotKnowGetsSilence() throws Exception {
        sendExpectingSilence(DhcpMessage.requestInitReboot(mac(3), 0, ip("192.0.2.12")), () -> dropped(DropReason.UNKNOWN_CLIENT, 1));
    }

    @Test
    void aRequestAnsweringAnotherServersOfferIsIgnored() throws Exception {
        DhcpMessage offer = exchange(DhcpMessage.discover(mac(1), 0)).orElseThrow();

        sendExpectingSilence(DhcpMessage.requestSelecting(mac(1), 0, offer.yiaddr(), ip("192.0.2.254")),
                () -> dropped(DropReason.OTHER_SERVER_CHOSEN, 1));
    }

    @Test
    void informGetsOptionsButNoLease() throws Exception {
        DhcpMessage ack = exchange(DhcpMessage.inform(mac(5), 0, ip("192.0.2.200")).parameterRequestList(3, 6)).orElseThrow();

        assertThat(ack.messageType()).contains(MessageType.ACK);
        assertThat(ack.leaseTime()).isEmpty();
        assertThat(ack.yiaddr()).isEqualTo(ip("0.0.0.0"));
        assertThat(ack.routers()).containsExactly(ip("192.0.2.1"));
        assertThat(stored("192.0.2.200")).isEmpty();
    }

    @Test
    void aReservedClientGetsItsAddressAndHostname() throws Exception {
        DhcpMessage ack = exchange(DhcpMessage.requestSelecting(mac(0x99), 0,
                exchange(DhcpMessage.discover(mac(0x99), 0)).orElseThrow().yiaddr(), SERVER_ID).parameterRequestList(1, 12))
                .orElseThrow();

        assertThat(ack.yiaddr()).isEqualTo(ip("192.0.2.99"));
        assertThat(ack.hostName()).contains("printer");
        assertThat(stored("192.0.2.99")).map(Lease::hostname).contains("printer");
    }

    @Test
    void relayedClientsAreServedFromTheRelaysSubnetWithOption82EchoedAndStored() throws Exception {
        RelayAgentInformation agent = new RelayAgentInformation(java.util.List.of(
                new RelayAgentInformation.SubOption(RelayAgentInformation.CIRCUIT_ID, "port-7".getBytes()),
                new RelayAgentInformation.SubOption(RelayAgentInformation.REMOTE_ID, "switch-1".getBytes())));
        Inet4Address relay = ip("198.51.100.1");

        DhcpMessage offer = exchange(DhcpMessage.discover(mac(1), 0).giaddr(relay).hops(1).relayAgentInformation(agent)).orElseThrow();
        DhcpMessage ack = exchange(DhcpMessage.requestSelecting(mac(1), 0, offer.yiaddr(), SERVER_ID).giaddr(relay).hops(1)
                .relayAgentInformation(agent)).orElseThrow();

        assertThat(ack.yiaddr()).isEqualTo(ip("198.51.100.20"));
        assertThat(ack.giaddr()).isEqualTo(relay);
        assertThat(ack.relayAgentInformation()).contains(agent);
        assertThat(stored("198.51.100.20")).hasValueSatisfying(lease -> {
            assertThat(lease.relay().giaddr()).isEqualTo(Ipv4Address.of(relay));
            assertThat(new String(lease.relay().circuitId().toByteArray())).isEqualTo("port-7");
        });
    }

    @Test
    void anExhaustedPoolOffersNothingAndCountsIt() throws Exception {
        obtain(mac(1));
        obtain(mac(2));
        obtain(mac(3));

        sendExpectingSilence(DhcpMessage.discover(mac(4), 0), () -> dropped(DropReason.POOL_EXHAUSTED, 1));
        assertThat(server.usage().get()).filteredOn(u -> u.subnetId() == 1).singleElement()
                .satisfies(u -> assertThat(u.usage().dynamicLeased()).isEqualTo(3));
    }

    @Test
    void malformedPacketsAreCountedAndTheServerCarriesOn() throws Exception {
        client.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), server.localAddress());
        client.send(ByteBuffer.wrap(new byte[300]), server.localAddress());

        assertThat(obtain(mac(1)).yiaddr()).isEqualTo(ip("192.0.2.10"));
        eventually(() -> dropped(DropReason.MALFORMED, 2));
    }

    @Test
    void aReloadedConfigurationAppliesToTheNextRequestAndKeepsTheLeases() throws Exception {
        DhcpMessage first = obtain(mac(1));
        obtain(mac(2));
        obtain(mac(3));
        sendExpectingSilence(DhcpMessage.discover(mac(4), 0), () -> dropped(DropReason.POOL_EXHAUSTED, 1));

        server.reload(config(CONFIG.replace("192.0.2.10 - 192.0.2.12", "192.0.2.10 - 192.0.2.20"))).get();

        assertThat(obtain(mac(4)).yiaddr()).isEqualTo(ip("192.0.2.13"));
        DhcpMessage renewed = exchange(DhcpMessage.requestRenewing(mac(1), 0, first.yiaddr())).orElseThrow();
        assertThat(renewed.messageType()).contains(MessageType.ACK);
    }

    @Test
    void expiredLeasesAreReclaimedAndRecordedAndTheirAddressesStayWithTheirClient() throws Exception {
        stopServer();
        startServer(CONFIG.replace("\"valid-lifetime\": 600, \"renew-timer\": 300, \"rebind-timer\": 500,",
                "\"valid-lifetime\": 1, \"expired-leases-processing\": { \"reclaim-timer-wait-time\": 1 },"));
        DhcpMessage ack = obtain(mac(1));

        eventually(() -> stored("192.0.2.10").map(Lease::state).filter(LeaseState.EXPIRED::equals).isPresent());

        assertThat(new EventRepository(database).byAddress(Ipv4Address.of(ack.yiaddr()),
                TimeRange.ALL, PageRequest.first(10)).events())
                .extracting(stored -> stored.event().type())
                .containsExactly(LeaseEventType.OFFERED, LeaseEventType.GRANTED, LeaseEventType.EXPIRED);
        assertThat(obtain(mac(2)).yiaddr()).as("another client").isEqualTo(ip("192.0.2.11"));
        assertThat(obtain(mac(1)).yiaddr()).as("the same client comes back").isEqualTo(ack.yiaddr());
    }

    @Test
    void poolUtilisationIsSampledIntoTheHistory() throws Exception {
        obtain(mac(1));

        UtilisationRepository samples = new UtilisationRepository(database);
        eventually(() -> samples.read(1, 1, TimeRange.ALL).stream().anyMatch(s -> s.usage().dynamicLeased() == 1));
    }

    @Test
    void leasesSurviveARestart() throws Exception {
        DhcpMessage ack = obtain(mac(1));
        stopServer();
        startServer();

        assertThat(obtain(mac(2)).yiaddr()).isNotEqualTo(ack.yiaddr());
        DhcpMessage renewed = exchange(DhcpMessage.requestRenewing(mac(1), 0, ack.yiaddr())).orElseThrow();
        assertThat(renewed.messageType()).contains(MessageType.ACK);
    }

    @Test
    void anAdministratorsReleaseIsJournaledAndFreesTheAddress() throws Exception {
        obtain(mac(1));

        Lease released = server.release(Ipv4Address.parse("192.0.2.10")).get(5, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(released.state()).isEqualTo(LeaseState.RELEASED);
        assertThat(stored("192.0.2.10")).map(Lease::state).contains(LeaseState.RELEASED);
        assertThat(new EventRepository(database).byAddress(Ipv4Address.parse("192.0.2.10"), TimeRange.ALL, PageRequest.first(10))
                .events()).extracting(e -> e.event().type() + " " + e.event().detail())
                .last().isEqualTo("RELEASED released by the administrator");
        assertThat(server.usage().get(5, java.util.concurrent.TimeUnit.SECONDS).get(0).usage().dynamicLeased()).isZero();
        obtain(mac(2));
        obtain(mac(3));
        assertThat(obtain(mac(4)).yiaddr()).as("the released address serves another client").isEqualTo(ip("192.0.2.10"));
    }

    @Test
    void releasingAnAddressWithoutAnActiveLeaseFailsAndChangesNothing() throws Exception {
        obtain(mac(1));

        assertThat(server.release(Ipv4Address.parse("192.0.2.11"))).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withMessageContaining("192.0.2.11 holds no active lease");
        assertThat(stored("192.0.2.10")).map(Lease::state).contains(LeaseState.ACTIVE);
    }

    @Test
    void aBulkReleaseReleasesEachActiveLeaseAndSaysWhyNotTheOthers() throws Exception {
        obtain(mac(1));
        obtain(mac(2));

        DhcpServer.BulkRelease outcome = server.releaseAll(java.util.List.of(Ipv4Address.parse("192.0.2.10"),
                Ipv4Address.parse("192.0.2.11"), Ipv4Address.parse("192.0.2.12"))).get(5, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(outcome.released()).extracting(lease -> lease.address().toString()).containsExactly("192.0.2.10", "192.0.2.11");
        assertThat(outcome.skipped()).containsOnlyKeys(Ipv4Address.parse("192.0.2.12"));
        assertThat(stored("192.0.2.10")).map(Lease::state).contains(LeaseState.RELEASED);
        assertThat(stored("192.0.2.11")).map(Lease::state).contains(LeaseState.RELEASED);
        assertThat(new EventRepository(database).byAddress(Ipv4Address.parse("192.0.2.11"), TimeRange.ALL, PageRequest.first(10))
                .events()).extracting(e -> e.event().type()).containsExactly(LeaseEventType.OFFERED, LeaseEventType.GRANTED,
                        LeaseEventType.RELEASED);
    }

    @Test
    void aQuarantinedClientLosesItsLeaseAndIsIgnoredEvenAfterARestart() throws Exception {
        obtain(mac(1));

        server.quarantine(Ipv4Address.parse("192.0.2.10"), "rogue device").get(5, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(stored("192.0.2.10")).map(Lease::state).contains(LeaseState.RELEASED);
        sendExpectingSilence(DhcpMessage.discover(mac(1), 0), () -> dropped(DropReason.DENIED_CLIENT, 1));
        stopServer();
        startServer();
        assertThat(server.denied()).extracting(d -> d.hardwareAddress().toString() + " " + d.reason())
                .containsExactly("00:00:5e:00:53:01 rogue device");
        sendExpectingSilence(DhcpMessage.discover(mac(1), 0), () -> dropped(DropReason.DENIED_CLIENT, 1));
        sendExpectingSilence(DhcpMessage.requestInitReboot(mac(1), 0, ip("192.0.2.10")), () -> dropped(DropReason.DENIED_CLIENT, 2));
        assertThat(obtain(mac(2)).yiaddr()).as("other clients are still served").isNotNull();

        assertThat(server.allow(org.leasedesk.lease.HardwareAddress.parseMac("00:00:5e:00:53:01"))
                .get(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(obtain(mac(1)).messageType()).contains(MessageType.ACK);
    }

    @Test
    void theAddressMapShowsEachAddressOfAPoolWithItsState() throws Exception {
        obtain(mac(1));
        exchange(DhcpMessage.discover(mac(2), 0)).orElseThrow();

        org.leasedesk.lease.AddressMap map = server.addressMap(1, 0).get(5, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(map.size()).isEqualTo(3);
        assertThat(map.addressAt(0)).isEqualTo(Ipv4Address.parse("192.0.2.10"));
        assertThat(java.util.stream.IntStream.range(0, 3).mapToObj(map::stateAt)).containsExactly(
                org.leasedesk.lease.AddressMap.State.LEASED, org.leasedesk.lease.AddressMap.State.OFFERED,
                org.leasedesk.lease.AddressMap.State.FREE);
    }
}
