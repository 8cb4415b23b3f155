package org.leasedesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.testing.netns.Namespace;
import org.leasedesk.testing.netns.NetnsTest;
import org.leasedesk.testing.netns.NetworkLab;
import org.leasedesk.testing.peers.ClientPeer;
import org.leasedesk.testing.peers.StartedPeer;

/**
 * One server on two links at once, as Kea's interfaces-config lists them: each link's clients are
 * served from that link's subnet, by the server's address on that link.
 */
class MultiHomedServerInteropTest {

    private static final String CONFIG = """
            { "Dhcp4": {
                "interfaces-config": { "interfaces": [ "srv0", "srv1" ] },
                "valid-lifetime": 600,
                "subnet4": [
                  { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.100 - 192.0.2.150" } ],
                    "option-data": [ { "name": "routers", "data": "192.0.2.1" } ] },
                  { "id": 2, "subnet": "198.51.100.0/24", "pools": [ { "pool": "198.51.100.100 - 198.51.100.150" } ],
                    "option-data": [ { "name": "routers", "data": "198.51.100.1" } ] } ] } }
            """;
    private static final String MAC_A = "00:00:5e:00:53:a1";
    private static final String MAC_B = "00:00:5e:00:53:b1";

    @Test
    @NetnsTest(requires = "dhclient")
    void eachLinksClientIsServedFromThatLinksSubnet(NetworkLab lab) throws Exception {
        Namespace serverSpace = lab.namespace("server");
        Namespace first = lab.namespace("first");
        Namespace second = lab.namespace("second");
        lab.link(serverSpace.iface("srv0").withAddress("192.0.2.1/24"), first.iface("cli0").withMac(MAC_A));
        lab.link(serverSpace.iface("srv1").withAddress("198.51.100.1/24"), second.iface("cli0").withMac(MAC_B));

        try (ServerInNamespace server = ServerInNamespace.start(serverSpace, CONFIG, lab.file("leases"), Ipv4Address.parse("192.0.2.1"),
                List.of("srv0", "srv1"))) {
            StartedPeer clientA = ClientPeer.DHCLIENT.start(first, "cli0");
            StartedPeer clientB = ClientPeer.DHCLIENT.start(second, "cli0");

            Lease leaseA = awaitActive(server, HardwareAddress.parseMac(MAC_A));
            Lease leaseB = awaitActive(server, HardwareAddress.parseMac(MAC_B));

            assertThat(leaseA.subnetId()).as(clientA.process().output()).isEqualTo(1);
            assertThat(leaseA.address().toString()).startsWith("192.0.2.");
            assertThat(leaseB.subnetId()).as(clientB.process().output()).isEqualTo(2);
            assertThat(leaseB.address().toString()).startsWith("198.51.100.");
            // dhclient names the server it chose by the address that server gave as its identifier on that link.
            assertThat(clientB.process().output()).contains("DHCPACK of " + leaseB.address() + " from 198.51.100.1");
            assertThat(clientA.process().output()).contains("DHCPACK of " + leaseA.address() + " from 192.0.2.1");
        }
    }

    private static Lease awaitActive(ServerInNamespace server, HardwareAddress mac) throws InterruptedException {
        server.await("an active lease for " + mac, Duration.ofSeconds(20),
                () -> server.leaseOf(mac).filter(lease -> lease.state() == LeaseState.ACTIVE).isPresent());
        return server.leaseOf(mac).orElseThrow();
    }
}
