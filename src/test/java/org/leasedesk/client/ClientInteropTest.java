package org.leasedesk.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.leasedesk.protocol.HardwareAddress;
import org.leasedesk.protocol.MessageType;
import org.leasedesk.testing.netns.LinkEnd;
import org.leasedesk.testing.netns.Namespace;
import org.leasedesk.testing.netns.NetnsTest;
import org.leasedesk.testing.netns.NetworkLab;
import org.leasedesk.testing.peers.ServedSubnet;
import org.leasedesk.testing.peers.ServerPeer;
import org.leasedesk.testing.peers.StartedPeer;

/**
 * Our client, in a namespace of its own on port 68, against real Kea 2.2, dnsmasq and ISC dhcpd in another:
 * the servers' lease files confirm what the client believes.
 */
class ClientInteropTest {

    private static final String KEA_LEASES = "kea-leases4-srv0.csv";
    private static final String DNSMASQ_LEASES = "dnsmasq-srv0.leases";
    /** Kea memfile state column: 0 assigned, 3 released. */
    private static final String KEA_RELEASED = "3";

    @Test
    @NetnsTest(requires = "kea-dhcp4")
    void keaLeasesAnAddressThroughDiscoverOfferRequestAck(NetworkLab lab) throws Exception {
        try (ClientLab client = startWith(lab, ServerPeer.KEA)) {
            ClientLease lease = obtain(client);

            assertDora(client, lease);
            assertThat(lastKeaRow(lab, lease.address())).satisfies(row -> {
                assertThat(row[1]).isEqualTo(ClientLab.MAC);
                assertThat(row[9]).as("state").isEqualTo("0");
            });
        }
    }

    @Test
    @NetnsTest(requires = "dnsmasq")
    void dnsmasqLeasesAnAddressThroughDiscoverOfferRequestAck(NetworkLab lab) throws Exception {
        try (ClientLab client = startWith(lab, ServerPeer.DNSMASQ)) {
            ClientLease lease = obtain(client);

            assertDora(client, lease);
            assertThat(dnsmasqExpiry(lab, lease.address())).isPresent();
        }
    }

    @Test
    @NetnsTest(requires = "kea-dhcp4")
    void keaExtendsTheLeaseWhenTheClientRenews(NetworkLab lab) throws Exception {
        assertRenewalExtendsTheLease(lab, ServerPeer.KEA, "Kea", address -> Optional.of(Long.parseLong(lastKeaRow(lab, address)[4])));
    }

    @Test
    @NetnsTest(requires = "dnsmasq")
    void dnsmasqExtendsTheLeaseWhenTheClientRenews(NetworkLab lab) throws Exception {
        assertRenewalExtendsTheLease(lab, ServerPeer.DNSMASQ, "dnsmasq", address -> dnsmasqExpiry(lab, address));
    }

    @Test
    @NetnsTest(requires = "kea-dhcp4")
    void keaRecordsTheReleaseInItsLeaseFile(NetworkLab lab) throws Exception {
        try (ClientLab client = startWith(lab, ServerPeer.KEA)) {
            ClientLease lease = obtain(client);

            client.client.release();
            client.await(ClientNotice.RemoveAddress.class, 1);

            assertThat(client.client.state()).isEqualTo(ClientState.IDLE);
            assertThat(client.client.exchangeLog().latest().orElseThrow().messageTypes()).containsExactly(Optional.of(MessageType.RELEASE));
            ClientLab.waitFor(() -> Optional.of(lastKeaRow(lab, lease.address())).filter(row -> releasedInKea(row)),
                    "Kea's lease file to show the release:\n" + lab.readFile(KEA_LEASES));
        }
    }

    @Test
    @NetnsTest(requires = "dnsmasq")
    void dnsmasqDropsTheReleasedLeaseFromItsLeaseFile(NetworkLab lab) throws Exception {
        try (ClientLab client = startWith(lab, ServerPeer.DNSMASQ)) {
            ClientLease lease = obtain(client);
            ClientLab.waitFor(() -> dnsmasqExpiry(lab, lease.address()), "dnsmasq's lease line");

            client.client.release();

            ClientLab.waitFor(() -> dnsmasqExpiry(lab, lease.address()).isEmpty() ? Optional.of(true) : Optional.empty(),
                    "dnsmasq to drop the lease line");
            assertThat(client.client.state()).isEqualTo(ClientState.IDLE);
        }
    }

    @Test
    @NetnsTest(requires = "kea-dhcp4")
    void keaNaksAnInitRebootForAnAddressOutsideItsSubnet(NetworkLab lab) throws Exception {
        assertNakThenFreshLease(lab, ServerPeer.KEA);
    }

    @Test
    @NetnsTest(requires = "dnsmasq")
    void dnsmasqNaksAnInitRebootForAnAddressOutsideItsSubnet(NetworkLab lab) throws Exception {
        assertNakThenFreshLease(lab, ServerPeer.DNSMASQ);
    }

    @Test
    @NetnsTest(requires = "dhcpd")
    void iscDhcpdLeasesAnAddressThroughDiscoverOfferRequestAck(NetworkLab lab) throws Exception {
        try (ClientLab client = startWith(lab, ServerPeer.DHCPD)) {
            ClientLease lease = obtain(client);

            assertDora(client, lease);
            String block = ClientLab.waitFor(() -> lastDhcpdBlock(lab, lease.address()), "dhcpd's lease block");
            assertThat(dhcpdField(block, "binding state")).isEqualTo("active");
            assertThat(dhcpdField(block, "hardware ethernet")).isEqualTo(ClientLab.MAC);
        }
    }

    /** dhcpd's end time reads {@code 1 2026/11/23 15:30:00}: without the weekday it sorts as time does. */
    @Test
    @NetnsTest(requires = "dhcpd")
    void iscDhcpdExtendsTheLeaseWhenTheClientRenews(NetworkLab lab) throws Exception {
        assertRenewalExtendsTheLease(lab, ServerPeer.DHCPD, "dhcpd",
                address -> lastDhcpdBlock(lab, address).map(block -> dhcpdField(block, "ends").substring(2)));
    }

    @Test
    @NetnsTest(requires = "dhcpd")
    void iscDhcpdRecordsTheReleaseInItsLeaseFile(NetworkLab lab) throws Exception {
        try (ClientLab client = startWith(lab, ServerPeer.DHCPD)) {
            ClientLease lease = obtain(client);

            client.client.release();
            client.await(ClientNotice.RemoveAddress.class, 1);

            assertThat(client.client.state()).isEqualTo(ClientState.IDLE);
            // dhcpd marks a released lease "released" and frees it at once: the journal's last block says free or released.
            ClientLab.waitFor(() -> lastDhcpdBlock(lab, lease.address()).map(block -> dhcpdField(block, "binding state"))
                    .filter(state -> state.equals("free") || state.equals("released")),
                    () -> "dhcpd's lease file to show the release:\n" + lab.readFile("dhcpd-srv0.leases"));
        }
    }

    @Test
    @NetnsTest(requires = "dhcpd")
    void iscDhcpdNaksAnInitRebootForAnAddressOutsideItsSubnet(NetworkLab lab) throws Exception {
        assertNakThenFreshLease(lab, ServerPeer.DHCPD);
    }

    /**
     * RFC 2131 4.4.5: the leasing server disappears; at T1 the unicast renewal goes unanswered, at
     * T2 the client broadcasts, and a second server on the link, which never saw this client,
     * extends the lease. An 8-second lease puts T1 at 4 s and T2 at 7 s.
     */
    @Test
    @NetnsTest(requires = "kea-dhcp4")
    void whenTheLeasingServerIsGoneAnotherServerAnswersTheRebindingBroadcast(NetworkLab lab) throws Exception {
        Namespace first = lab.namespace("first");
        Namespace second = lab.namespace("second");
        Namespace clientSide = lab.namespace("client");
        ServedSubnet shortLeases = new ServedSubnet("192.0.2.1", 24, "192.0.2.100", "192.0.2.150", 8);
        ServedSubnet secondServer = new ServedSubnet("192.0.2.2", 24, "192.0.2.100", "192.0.2.150", 8);
        bridge(lab, first.iface("srva").withAddress(shortLeases.serverAddressWithPrefix()),
                second.iface("srvb").withAddress(secondServer.serverAddressWithPrefix()),
                clientSide.iface(ClientLab.INTERFACE).withMac(ClientLab.MAC));
        StartedPeer leasing = ServerPeer.KEA.start(first, "srva", shortLeases);

        try (ClientLab client = ClientLab.start(clientSide, Optional.empty())) {
            ClientLease lease = obtain(client);
            assertThat(lease.server().getHostAddress()).isEqualTo("192.0.2.1");
            assertThat(lease.rebindingTime()).isEqualTo(Duration.ofMillis(7000));
            leasing.process().close();
            ServerPeer.KEA.start(second, "srvb", secondServer);

            ClientNotice.LeaseAcquired rebound = client.await(ClientNotice.LeaseAcquired.class, 2);

            assertThat(rebound.extension()).isTrue();
            assertThat(rebound.lease().address()).isEqualTo(lease.address());
            assertThat(rebound.lease().server().getHostAddress()).isEqualTo("192.0.2.2");
            assertThat(client.notices).filteredOn(ClientNotice.StateChanged.class::isInstance).map(ClientNotice.StateChanged.class::cast)
                    .extracting(ClientNotice.StateChanged::to).containsSubsequence(ClientState.BOUND, ClientState.RENEWING,
                            ClientState.REBINDING, ClientState.BOUND);
            Exchange rebinding = client.client.exchangeLog().latest().orElseThrow();
            assertThat(rebinding.packets().getFirst().peer().getAddress().getHostAddress()).as("broadcast").isEqualTo("255.255.255.255");
            assertThat(rebinding.messageTypes().getLast()).contains(MessageType.ACK);
            ClientLab.waitFor(() -> ClientLab.readIfExists(lab.file("kea-leases4-srvb.csv")).lines()
                    .filter(line -> line.startsWith(lease.address().getHostAddress() + ",")).findFirst(),
                    "the second server's lease file to hold the rebound lease");
        }
    }

    /**
     * Kea and dnsmasq on one bridged link, each in its own namespace: one DISCOVER, two offers,
     * and the scan says so.
     */
    @Test
    @NetnsTest(requires = {"kea-dhcp4", "dnsmasq"})
    void discoveryScanListsKeaAndDnsmasqAndFlagsAPossibleRogueServer(NetworkLab lab) throws Exception {
        Namespace kea = lab.namespace("kea");
        Namespace rogue = lab.namespace("rogue");
        Namespace client = lab.namespace("client");
        ServedSubnet rogueSubnet = new ServedSubnet("192.0.2.2", 24, "192.0.2.200", "192.0.2.220", 120);
        bridge(lab, kea.iface("srv0").withAddress(ClientLab.SUBNET.serverAddressWithPrefix()),
                rogue.iface("srv0").withAddress(rogueSubnet.serverAddressWithPrefix()),
                client.iface(ClientLab.INTERFACE).withMac(ClientLab.MAC));
        ServerPeer.KEA.start(kea, "srv0", ClientLab.SUBNET);
        ServerPeer.DNSMASQ.start(rogue, "srv0", rogueSubnet);
        client.exec("ip", "route", "add", "default", "dev", ClientLab.INTERFACE).orThrow();

        try (ExecutorClientScheduler scheduler = new ExecutorClientScheduler(client.threadFactory(), "scan");
                UdpTransport transport = client.callInside(() -> UdpTransport.open(UdpTransport.CLIENT_PORT, UdpTransport.SERVER_PORT,
                        client.threadFactory()))) {
            ClientSettings settings = ClientSettings.forInterface(ClientLab.INTERFACE, HardwareAddress.parse(ClientLab.MAC));
            DiscoveryScan scan = new DiscoveryScan(settings, transport, scheduler, new SplittableRandom(), new ExchangeLog(java.time.Clock.systemUTC()));

            DiscoveryReport report = scan.run(Duration.ofSeconds(2)).get(ClientLab.TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);

            assertThat(report.servers()).extracting(server -> server.serverIdentifier().getHostAddress())
                    .containsExactlyInAnyOrder("192.0.2.1", "192.0.2.2");
            assertThat(report.servers()).allSatisfy(server -> {
                assertThat(server.leaseTime()).contains(Duration.ofSeconds(120));
                assertThat(server.subnetMask().map(InetAddress::getHostAddress)).contains("255.255.255.0");
            });
            assertThat(report.servers()).extracting(server -> server.offeredAddress().getHostAddress())
                    .anyMatch(address -> address.startsWith("192.0.2.1")).anyMatch(address -> address.startsWith("192.0.2.2"));
            assertThat(report.possibleRogueServer()).isTrue();
            assertThat(report.warning()).hasValueSatisfying(warning -> assertThat(warning).contains("rogue"));
            assertThat(report.exchange().messageTypes()).containsExactly(Optional.of(MessageType.DISCOVER),
                    Optional.of(MessageType.OFFER), Optional.of(MessageType.OFFER));
        }
    }

    /**
     * Obtains a lease, waits a second (lease files have one-second resolution), renews, and checks
     * the renewal went unicast to the server, kept the address, and shows as a later expiry in the
     * server's own lease file.
     */
    private static <T extends Comparable<T>> void assertRenewalExtendsTheLease(NetworkLab lab, ServerPeer peer, String server,
            Function<Inet4Address, Optional<T>> expiryInLeaseFile) throws Exception {
        try (ClientLab client = startWith(lab, peer)) {
            ClientLease lease = obtain(client);
            T before = ClientLab.waitFor(() -> expiryInLeaseFile.apply(lease.address()), server + "'s lease entry");
            Thread.sleep(1100);

            client.client.renew();
            ClientNotice.LeaseAcquired renewed = client.await(ClientNotice.LeaseAcquired.class, 2);

            assertThat(renewed.extension()).isTrue();
            assertThat(renewed.lease().address()).isEqualTo(lease.address());
            assertRenewalWasUnicastRequestAnsweredByAck(client);
            ClientLab.waitFor(() -> expiryInLeaseFile.apply(lease.address()).filter(expiry -> expiry.compareTo(before) > 0),
                    server + "'s lease file to show a later expiry than " + before);
        }
    }

    /** Joins the link ends to one bridge in a namespace of its own, as a switch would. */
    private static void bridge(NetworkLab lab, LinkEnd... ends) {
        Namespace bridge = lab.namespace("bridge");
        bridge.exec("ip", "link", "add", "br0", "type", "bridge").orThrow();
        for (int i = 0; i < ends.length; i++) {
            String port = "port" + (i + 1);
            lab.link(ends[i], bridge.iface(port));
            bridge.exec("ip", "link", "set", port, "master", "br0").orThrow();
        }
        bridge.exec("ip", "link", "set", "br0", "up").orThrow();
    }

    private static ClientLab startWith(NetworkLab lab, ServerPeer peer) throws Exception {
        Namespace server = lab.namespace("server");
        Namespace client = lab.namespace("client");
        lab.link(server.iface("srv0").withAddress(ClientLab.SUBNET.serverAddressWithPrefix()),
                client.iface(ClientLab.INTERFACE).withMac(ClientLab.MAC));
        peer.start(server, "srv0", ClientLab.SUBNET);
        return ClientLab.start(client, Optional.empty());
    }

    private static ClientLease obtain(ClientLab client) {
        client.client.start();
        return client.await(ClientNotice.LeaseAcquired.class, 1).lease();
    }

    private static void assertDora(ClientLab client, ClientLease lease) {
        Exchange exchange = client.client.exchangeLog().exchanges().getFirst();
        assertThat(exchange.messageTypes()).containsExactly(Optional.of(MessageType.DISCOVER), Optional.of(MessageType.OFFER),
                Optional.of(MessageType.REQUEST), Optional.of(MessageType.ACK));
        assertThat(client.client.state()).isEqualTo(ClientState.BOUND);
        assertThat(lease.address().getHostAddress()).startsWith("192.0.2.1");
        assertThat(inPool(lease.address())).isTrue();
        assertThat(lease.subnetMask().map(InetAddress::getHostAddress)).contains("255.255.255.0");
        assertThat(lease.routers()).extracting(InetAddress::getHostAddress).containsExactly("192.0.2.1");
        assertThat(lease.server().getHostAddress()).isEqualTo("192.0.2.1");
        assertThat(lease.leaseTime()).isEqualTo(Duration.ofSeconds(120));
        assertThat(lease.renewalTime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(lease.rebindingTime()).isEqualTo(Duration.ofSeconds(105));
        assertThat(lease.expires()).isBetween(Instant.now().plusSeconds(110), Instant.now().plusSeconds(121));
        assertThat(client.notices).filteredOn(ClientNotice.ApplyAddress.class::isInstance).hasSize(1);
    }

    private static void assertRenewalWasUnicastRequestAnsweredByAck(ClientLab client) {
        Exchange renewal = client.client.exchangeLog().latest().orElseThrow();
        assertThat(renewal.purpose()).isEqualTo("renew requested");
        assertThat(renewal.messageTypes()).containsExactly(Optional.of(MessageType.REQUEST), Optional.of(MessageType.ACK));
        assertThat(renewal.packets().getFirst().peer().getAddress().getHostAddress()).as("unicast to the server").isEqualTo("192.0.2.1");
    }

    /**
     * The client held a lease here, then comes back remembering an address from another network
     * (TEST-NET-2, as a laptop that moved would): the server NAKs the INIT-REBOOT, and the client
     * starts over and gets an address of this subnet. A non-authoritative Kea stays silent to a
     * client it has no lease for, so the client first makes itself known.
     */
    private static void assertNakThenFreshLease(NetworkLab lab, ServerPeer peer) throws Exception {
        Namespace server = lab.namespace("server");
        Namespace clientSide = lab.namespace("client");
        lab.link(server.iface("srv0").withAddress(ClientLab.SUBNET.serverAddressWithPrefix()),
                clientSide.iface(ClientLab.INTERFACE).withMac(ClientLab.MAC));
        peer.start(server, "srv0", ClientLab.SUBNET);
        Inet4Address elsewhere = (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, 10});
        ClientLease remembered = new ClientLease(elsewhere, Optional.empty(), List.of(), List.of(), Optional.empty(),
                (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, 1}),
                Duration.ofHours(1), Duration.ofMinutes(30), Duration.ofMinutes(52), Instant.now());

        try (ClientLab before = ClientLab.start(clientSide, Optional.empty())) {
            obtain(before);
        }
        try (ClientLab client = ClientLab.start(clientSide, Optional.of(remembered))) {
            client.client.start();
            ClientNotice.LeaseLost lost = client.await(ClientNotice.LeaseLost.class, 1);
            ClientLease fresh = client.await(ClientNotice.LeaseAcquired.class, 1).lease();

            assertThat(lost.reason()).startsWith("NAK from 192.0.2.1");
            assertThat(client.client.exchangeLog().exchanges().getFirst().messageTypes())
                    .containsExactly(Optional.of(MessageType.REQUEST), Optional.of(MessageType.NAK));
            assertThat(inPool(fresh.address())).isTrue();
            assertThat(client.notices).filteredOn(ClientNotice.RemoveAddress.class::isInstance)
                    .as("the remembered address was never applied, so nothing is removed").isEmpty();
            assertThat(fresh.address()).isNotEqualTo(elsewhere);
        }
    }

    /** The last block dhcpd wrote for the address; its lease file is a journal where the last block wins. */
    private static Optional<String> lastDhcpdBlock(NetworkLab lab, Inet4Address address) {
        String text = ClientLab.readIfExists(lab.file("dhcpd-srv0.leases"));
        int start = text.lastIndexOf("lease " + address.getHostAddress() + " {");
        return start < 0 ? Optional.empty() : Optional.of(text.substring(start, text.indexOf('}', start)));
    }

    /** A statement's value in a dhcpd lease block: {@code ends 1 2026/11/23 15:30:00;} gives {@code 1 2026/11/23 15:30:00}. */
    private static String dhcpdField(String block, String name) {
        return block.lines().map(String::strip).filter(line -> line.startsWith(name + " ")).reduce((first, second) -> second)
                .map(line -> line.substring(name.length() + 1, line.length() - 1).strip())
                .orElseThrow(() -> new AssertionError("no " + name + " in " + block));
    }

    private static boolean inPool(Inet4Address address) {
        int last = address.getAddress()[3] & 0xff;
        return address.getHostAddress().startsWith("192.0.2.") && last >= 100 && last <= 150;
    }

    /** The last row Kea wrote for the address: its memfile is a journal where the last row wins. */
    private static String[] lastKeaRow(NetworkLab lab, Inet4Address address) {
        String prefix = address.getHostAddress() + ",";
        return ClientLab.readIfExists(lab.file(KEA_LEASES)).lines().filter(line -> line.startsWith(prefix))
                .reduce((first, second) -> second).map(line -> line.split(",", -1))
                .orElseThrow(() -> new AssertionError("no row for " + address + " in " + KEA_LEASES));
    }

    /**
     * Kea 2.2 deletes a released lease: its journal ends with a row of valid lifetime 0. Versions
     * that keep released leases for affinity mark them state 3 instead; either is a release.
     */
    private static boolean releasedInKea(String[] row) {
        return row[9].equals(KEA_RELEASED) || row[3].equals("0");
    }

    /** dnsmasq's line for the address: {@code expiry mac ip hostname client-id}. */
    private static Optional<Long> dnsmasqExpiry(NetworkLab lab, Inet4Address address) {
        Path leases = lab.file(DNSMASQ_LEASES);
        return ClientLab.readIfExists(leases).lines().map(line -> line.split(" "))
                .filter(fields -> fields.length >= 3 && fields[2].equals(address.getHostAddress()))
                .map(fields -> Long.parseLong(fields[0])).findFirst();
    }
}
