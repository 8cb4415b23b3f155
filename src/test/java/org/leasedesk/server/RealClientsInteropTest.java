package org.leasedesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.testing.netns.Namespace;
import org.leasedesk.testing.netns.NetnsTest;
import org.leasedesk.testing.netns.NetworkLab;
import org.leasedesk.testing.peers.ClientPeer;
import org.leasedesk.testing.peers.StartedPeer;

/**
 * Real DHCP clients from Debian against our server, each in its own namespace on one veth link:
 * the client gets an address it really configures, renews it and releases it, and the store shows
 * each step.
 */
class RealClientsInteropTest {

    private static final String SERVER_INTERFACE = "srv0";
    private static final String CLIENT_INTERFACE = "cli0";
    private static final Ipv4Address SERVER_ID = Ipv4Address.parse("192.0.2.1");
    private static final String CLIENT_MAC = "00:00:5e:00:53:42";
    /** T1 of 4 s makes clients that honour option 58 renew within the test on their own. */
    private static final String CONFIG = """
            { "Dhcp4": {
                "valid-lifetime": 30, "renew-timer": 4, "rebind-timer": 20,
                "subnet4": [
                  { "id": 1, "subnet": "192.0.2.0/24",
                    "pools": [ { "pool": "192.0.2.100 - 192.0.2.150" } ],
                    "option-data": [ { "name": "routers", "data": "192.0.2.1" } ] } ] } }
            """;
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(15);

    @ParameterizedTest
    @EnumSource(ClientPeer.class)
    @NetnsTest(requires = {"dhclient", "udhcpc", "dhcpcd", "unshare"})
    void clientObtainsRenewsAndReleasesALease(ClientPeer peer, NetworkLab lab) throws Exception {
        Namespace serverSpace = lab.namespace("server");
        Namespace clientSpace = lab.namespace("client");
        lab.link(serverSpace.iface(SERVER_INTERFACE).withAddress(SERVER_ID + "/24"),
                clientSpace.iface(CLIENT_INTERFACE).withMac(CLIENT_MAC));
        HardwareAddress mac = HardwareAddress.parseMac(CLIENT_MAC);

        try (ServerInNamespace server = ServerInNamespace.start(serverSpace, CONFIG, lab.file("leases"), SERVER_ID,
                SERVER_INTERFACE)) {
            StartedPeer client = peer.startKeepingLease(clientSpace, CLIENT_INTERFACE);
            String because = peer + " output:\n";

            server.await("an ACTIVE lease for " + mac, STEP_TIMEOUT,
                    () -> server.leaseOf(mac).filter(lease -> lease.state() == LeaseState.ACTIVE).isPresent());
            Ipv4Address address = server.leaseOf(mac).orElseThrow().address();
            server.await(address + " configured on the client's " + CLIENT_INTERFACE, STEP_TIMEOUT,
                    () -> addressesOn(clientSpace).contains(address.toString() + "/24"));

            peer.renew(clientSpace, CLIENT_INTERFACE, client);
            server.await("a renewal of " + address, STEP_TIMEOUT,
                    () -> server.historyOf(address).contains(LeaseEventType.RENEWED));
            assertThat(server.historyOf(address)).as(because + client.process().output())
                    .startsWith(LeaseEventType.OFFERED, LeaseEventType.GRANTED, LeaseEventType.RENEWED);

            peer.release(clientSpace, CLIENT_INTERFACE, client);
            server.await("the release of " + address, STEP_TIMEOUT,
                    () -> server.historyOf(address).contains(LeaseEventType.RELEASED));
            Lease released = server.leaseAt(address).orElseThrow();
            assertThat(released.state()).isEqualTo(LeaseState.RELEASED);
            assertThat(released.hardwareAddress()).isEqualTo(mac);
            assertThat(server.historyOf(address).getLast()).isEqualTo(LeaseEventType.RELEASED);
        }
    }

    /** The IPv4 addresses with prefix on the client's interface, as {@code ip -4 -o addr} lists them. */
    private static List<String> addressesOn(Namespace clientSpace) {
        return clientSpace.exec("ip", "-4", "-o", "addr", "show", "dev", CLIENT_INTERFACE).orThrow().stdout().lines()
                .map(line -> line.split("\\s+"))
                .filter(fields -> fields.length > 3 && fields[2].equals("inet"))
                .map(fields -> fields[3])
                .toList();
    }
}
