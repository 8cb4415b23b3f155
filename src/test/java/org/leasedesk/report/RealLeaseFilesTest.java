package org.leasedesk.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.testing.netns.BackgroundProcess;
import org.leasedesk.testing.netns.Namespace;
import org.leasedesk.testing.netns.NetnsTest;
import org.leasedesk.testing.netns.NetworkLab;
import org.leasedesk.testing.peers.ClientPeer;
import org.leasedesk.testing.peers.PeerExchange;
import org.leasedesk.testing.peers.ServedSubnet;
import org.leasedesk.testing.peers.ServerPeer;
import org.leasedesk.testing.peers.StartedPeer;

/**
 * Lease files written by real servers for real clients, in network namespaces, import with the
 * client's MAC and an address from the pool: the samples we wrote by hand are not the only proof.
 */
class RealLeaseFilesTest {

    private static final ServedSubnet SUBNET = ServedSubnet.TEST_NET_1;

    @Test
    @NetnsTest(requires = {"kea-dhcp4", "dhclient", "tcpdump"})
    void keaMemfileFromARealExchangeImports(NetworkLab lab) throws IOException {
        String mac = "02:00:5e:10:00:01";
        PeerExchange.run(lab, ClientPeer.DHCLIENT, ServerPeer.KEA, SUBNET, mac);

        Path file = lab.file("kea-leases4-" + PeerExchange.SERVER_INTERFACE + ".csv");
        assertThat(LeaseFileFormat.detect(file)).contains(LeaseFileFormat.KEA_CSV);
        assertClientLeased(LeaseImport.read(file, ImportOptions.DEFAULTS), mac, 1);
    }

    @Test
    @NetnsTest(requires = {"dnsmasq", "udhcpc", "tcpdump"})
    void dnsmasqLeaseFileFromARealExchangeImports(NetworkLab lab) throws IOException {
        String mac = "02:00:5e:10:00:02";
        PeerExchange.run(lab, ClientPeer.UDHCPC, ServerPeer.DNSMASQ, SUBNET, mac);

        Path file = lab.file("dnsmasq-" + PeerExchange.SERVER_INTERFACE + ".leases");
        assertThat(LeaseFileFormat.detect(file)).contains(LeaseFileFormat.DNSMASQ);
        assertClientLeased(LeaseImport.read(file, new ImportOptions(9, Duration.ofSeconds(SUBNET.leaseSeconds()))), mac, 9);
    }

    @Test
    @NetnsTest(requires = {"dhcpd", "dhclient"})
    void iscDhcpdLeaseFileFromARealExchangeImports(NetworkLab lab) throws Exception {
        String mac = "02:00:5e:10:00:03";
        Namespace server = lab.namespace("server");
        Namespace client = lab.namespace("client");
        lab.link(server.iface("srv0").withAddress(SUBNET.serverAddressWithPrefix()), client.iface("cli0").withMac(mac));
        Path leases = lab.writeFile("dhcpd.leases", "");
        Path config = lab.writeFile("dhcpd.conf", """
                authoritative;
                default-lease-time %d;
                max-lease-time %d;
                subnet %s netmask %s {
                  range %s %s;
                }
                """.formatted(SUBNET.leaseSeconds(), SUBNET.leaseSeconds(), SUBNET.cidr().split("/")[0], SUBNET.netmask(),
                SUBNET.poolFirst(), SUBNET.poolLast()));
        // -d: foreground, log to stderr (kept in the lab); pid and leases in the lab, never /var/lib/dhcp.
        try (BackgroundProcess dhcpd = server.start("dhcpd", "-4", "-d", "-cf", config.toString(), "-lf", leases.toString(),
                "-pf", lab.file("dhcpd.pid").toString(), "srv0")) {
            dhcpd.awaitOutput("Sending on", Duration.ofSeconds(15));
            StartedPeer dhclient = ClientPeer.DHCLIENT.start(client, "cli0");
            try {
                Optional<ImportOutcome.Imported> leased = awaitLease(leases, mac, Duration.ofSeconds(30));
                assertThat(leased).as("dhcpd output:%n%s%nclient output:%n%s", dhcpd.output(), dhclient.process().output())
                        .isPresent();
                assertThat(LeaseFileFormat.detect(leases)).contains(LeaseFileFormat.ISC_DHCPD);
                assertClientLeased(leased.get(), mac, 1);
            } finally {
                dhclient.process().close();
            }
        }
    }

    /** dhcpd writes the lease when it ACKs; poll the file rather than guess a delay. */
    private static Optional<ImportOutcome.Imported> awaitLease(Path file, String mac, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (LeaseImport.read(file, LeaseFileFormat.ISC_DHCPD, ImportOptions.DEFAULTS) instanceof ImportOutcome.Imported imported
                    && imported.leases().stream().anyMatch(lease -> lease.hardwareAddress().equals(HardwareAddress.parseMac(mac))
                            && lease.state() == LeaseState.ACTIVE)) {
                return Optional.of(imported);
            }
            Thread.sleep(200);
        }
        return Optional.empty();
    }

    private static void assertClientLeased(ImportOutcome outcome, String mac, long subnetId) {
        assertThat(outcome).isInstanceOf(ImportOutcome.Imported.class);
        ImportOutcome.Imported imported = (ImportOutcome.Imported) outcome;
        assertThat(imported.problems()).isEmpty();
        Ipv4Address first = Ipv4Address.parse(SUBNET.poolFirst());
        Ipv4Address last = Ipv4Address.parse(SUBNET.poolLast());
        assertThat(imported.leases()).filteredOn(lease -> lease.hardwareAddress().equals(HardwareAddress.parseMac(mac)))
                .singleElement()
                .satisfies(lease -> {
                    assertThat(lease.address()).isBetween(first, last);
                    assertThat(lease.state()).isEqualTo(LeaseState.ACTIVE);
                    assertThat(lease.subnetId()).isEqualTo(subnetId);
                    assertThat(lease.expiry()).isAfter(Instant.now());
                });
    }
}
