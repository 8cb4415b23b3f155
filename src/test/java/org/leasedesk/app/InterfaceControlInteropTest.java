package org.leasedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.leasedesk.client.DiscoveryReport;
import org.leasedesk.client.ExchangeEntry;
import org.leasedesk.client.ExchangeListener;
import org.leasedesk.platform.CommandRunner;
import org.leasedesk.platform.DhcpOwner;
import org.leasedesk.platform.LinuxDhcpOwners;
import org.leasedesk.platform.Privileges;
import org.leasedesk.platform.ProcessCommandRunner;
import org.leasedesk.store.ClientHistoryRepository;
import org.leasedesk.store.ClientPacketRecord;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.testing.Eventually;
import org.leasedesk.testing.netns.Namespace;
import org.leasedesk.testing.netns.NetnsTest;
import org.leasedesk.testing.netns.NetworkLab;
import org.leasedesk.testing.peers.ClientPeer;
import org.leasedesk.testing.peers.ServedSubnet;
import org.leasedesk.testing.peers.ServerPeer;
import org.leasedesk.testing.peers.StartedPeer;

/**
 * Release and renew through {@link InterfaceControl} on a veth interface in a namespace, against
 * dnsmasq in another: with nobody managing the interface (LeaseDesk's own client puts the lease
 * on the interface and takes it off), and with real dhclient and dhcpcd managing it (their
 * backends' commands run in the client's namespace). dnsmasq's lease file and {@code ip addr}
 * confirm each step.
 */
class InterfaceControlInteropTest {

    private static final ServedSubnet SUBNET = new ServedSubnet("192.0.2.1", 24, "192.0.2.100", "192.0.2.150", 120);
    private static final String MAC = "00:00:5e:00:53:42";
    private static final String IF = "cli0";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private record Lab(NetworkLab lab, Namespace client, LeaseDatabase database) {}

    private static Lab link(NetworkLab lab) {
        Namespace server = lab.namespace("server");
        Namespace client = lab.namespace("client");
        lab.link(server.iface("srv0").withAddress(SUBNET.serverAddressWithPrefix()), client.iface(IF).withMac(MAC));
        ServerPeer.DNSMASQ.start(server, "srv0", SUBNET);
        return new Lab(lab, client, LeaseDatabase.open(lab.file("client-db")));
    }

    /** Control whose commands run in the client's namespace, through {@code prefix} (ip netns exec, or nsenter). */
    private static InterfaceControl control(Lab lab, List<String> prefix) {
        ProcessCommandRunner process = new ProcessCommandRunner();
        CommandRunner inside = (command, timeout) -> {
            List<String> full = new ArrayList<>(prefix);
            full.addAll(command);
            return process.run(full, timeout).withCommand(command);
        };
        ClientOptions options = new ClientOptions(68, 67, Optional.empty(), Duration.ofSeconds(20), true, Optional.empty(),
                lab.client().threadFactory());
        return new InterfaceControl(inside, new Privileges(), new LinuxDhcpOwners(), lab.database(), options, Clock.systemUTC(), "Linux");
    }

    private static List<String> ipNetnsExec(Lab lab) {
        return List.of("ip", "netns", "exec", lab.client().name());
    }

    @Test
    @NetnsTest(requires = "dnsmasq")
    void theEmbeddedClientPutsTheLeaseOnTheInterfaceAndTakesItOffOnRelease(NetworkLab networkLab) throws Exception {
        Lab lab = link(networkLab);
        try (LeaseDatabase database = lab.database()) {
            InterfaceControl control = control(lab, ipNetnsExec(lab));
            List<ExchangeEntry> seen = new CopyOnWriteArrayList<>();
            ExchangeListener listener = (exchange, entry) -> seen.add(entry);

            InterfaceControl.Result renewed = lab.client().callInside(() -> control.renew(IF, listener));

            String address = renewed.lease().orElseThrow().address().toString();
            assertThat(renewed.backend()).isEqualTo("LeaseDesk's own client");
            // "dynamic" with the lease's lifetime: the kernel drops the address itself if nobody renews.
            assertThat(addresses(lab)).contains("inet " + address + "/24 brd 192.0.2.255 scope global dynamic " + IF)
                    .containsPattern("valid_lft 1[01][0-9]sec");
            assertThat(routes(lab)).contains("default via 192.0.2.1 dev " + IF)
                    .as("the temporary broadcast route is gone").doesNotContain("255.255.255.255");
            assertThat(dnsmasqExpiry(lab, address)).isPresent();
            assertThat(seen).filteredOn(ExchangeEntry.Packet.class::isInstance).hasSize(4);
            assertThat(new ClientHistoryRepository(database).recent(IF, 10)).extracting(ClientPacketRecord::messageType)
                    .containsExactly("DISCOVER", "OFFER", "REQUEST", "ACK");
            InterfaceControl.Status status = lab.client().callInside(() -> control.status(IF));
            assertThat(status.owner().owner()).isEqualTo(DhcpOwner.NONE);
            assertThat(status.lease()).hasValueSatisfying(lease -> assertThat(lease.address()).hasToString(address));

            InterfaceControl.Result released = lab.client().callInside(() -> control.release(IF, listener));

            assertThat(released.lease()).isEmpty();
            assertThat(addresses(lab)).doesNotContain("inet ");
            assertThat(routes(lab)).doesNotContain("default");
            waitFor(() -> dnsmasqExpiry(lab, address).isEmpty() ? Optional.of(true) : Optional.empty(), "dnsmasq to drop the lease");
            assertThat(new ClientHistoryRepository(database).recent(IF, 10)).last().extracting(ClientPacketRecord::messageType)
                    .isEqualTo("RELEASE");
        }
    }

    @Test
    @NetnsTest(requires = "dnsmasq")
    void discoveryFromAnInterfaceWithoutAnAddressListsTheServerAndLeavesNothingBehind(NetworkLab networkLab) throws Exception {
        Lab lab = link(networkLab);
        try (LeaseDatabase database = lab.database()) {
            InterfaceControl control = control(lab, ipNetnsExec(lab));
            String routesBefore = routes(lab);

            DiscoveryReport report = lab.client().callInside(() -> control.discover(IF, Duration.ofSeconds(1), (exchange, entry) -> { }));

            assertThat(report.servers()).singleElement().satisfies(server -> {
                assertThat(server.serverIdentifier().getHostAddress()).isEqualTo("192.0.2.1");
                assertThat(server.leaseTime()).contains(Duration.ofSeconds(120));
            });
            assertThat(report.possibleRogueServer()).isFalse();
            assertThat(routes(lab)).isEqualTo(routesBefore);
            assertThat(addresses(lab)).doesNotContain("inet ");
            assertThat(lab.lab().file("dnsmasq-srv0.leases").toFile().length()).as("an offer leases nothing").isZero();
        }
    }

    @Test
    @NetnsTest(requires = {"dnsmasq", "dhclient"})
    void dhclientIsRenewedAndReleasedThroughItsBackend(NetworkLab networkLab) throws Exception {
        Lab lab = link(networkLab);
        try (LeaseDatabase database = lab.database()) {
            ClientPeer.DHCLIENT.startKeepingLease(lab.client(), IF);
            String address = waitFor(() -> leasedAddress(lab), "dhclient to configure " + IF);
            InterfaceControl control = control(lab, ipNetnsExec(lab));

            // dhclient-script configures the address before dhclient writes its lease file: wait for the file too.
            InterfaceControl.Status status = waitFor(() -> {
                try {
                    return Optional.of(lab.client().callInside(() -> control.status(IF))).filter(read -> read.lease().isPresent());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "dhclient to write its lease file");
            assertThat(status.owner().owner()).isEqualTo(DhcpOwner.DHCLIENT);
            assertThat(status.backend()).isEqualTo("dhclient");
            assertThat(status.lease()).hasValueSatisfying(lease -> {
                assertThat(lease.address()).hasToString(address);
                assertThat(lease.leaseTime()).contains(Duration.ofSeconds(120));
            });

            assertRenewExtendsTheLeaseThenReleaseDropsIt(lab, control, address, "dhclient -x", "dhclient -r");
        }
    }

    @Test
    @NetnsTest(requires = {"dnsmasq", "dhcpcd", "unshare", "nsenter"})
    void dhcpcdIsRenewedAndReleasedThroughItsBackend(NetworkLab networkLab) throws Exception {
        Lab lab = link(networkLab);
        try (LeaseDatabase database = lab.database()) {
            // dhcpcd runs in a private mount namespace (its /run is its own); its commands join that one to reach its socket.
            StartedPeer dhcpcd = ClientPeer.DHCPCD.startKeepingLease(lab.client(), IF);
            String address = waitFor(() -> leasedAddress(lab), "dhcpcd to configure " + IF);
            InterfaceControl control = control(lab, List.of("nsenter", "-t", Long.toString(dhcpcd.process().pid()), "-m", "-n"));

            InterfaceControl.Status status = lab.client().callInside(() -> control.status(IF));
            assertThat(status.owner().owner()).isEqualTo(DhcpOwner.DHCPCD);
            assertThat(status.lease()).hasValueSatisfying(lease -> {
                assertThat(lease.address()).hasToString(address);
                assertThat(lease.server()).hasValueSatisfying(server -> assertThat(server).hasToString("192.0.2.1"));
            });

            assertRenewExtendsTheLeaseThenReleaseDropsIt(lab, control, address, "dhcpcd -4 -n " + IF, "dhcpcd -4 -k " + IF);
        }
    }

    private static void assertRenewExtendsTheLeaseThenReleaseDropsIt(Lab lab, InterfaceControl control, String address,
            String renewCommand, String releaseCommand) throws Exception {
        long before = waitFor(() -> dnsmasqExpiry(lab, address), "dnsmasq's lease line");
        // dnsmasq's expiry has one-second resolution.
        Thread.sleep(1100);

        InterfaceControl.Result renewed = lab.client().callInside(() -> control.renew(IF, (exchange, entry) -> { }));

        assertThat(renewed.commands()).anyMatch(command -> command.startsWith(renewCommand));
        assertThat(renewed.lease()).hasValueSatisfying(lease -> assertThat(lease.address()).hasToString(address));
        waitFor(() -> dnsmasqExpiry(lab, address).filter(expiry -> expiry > before), "dnsmasq to extend the lease");
        waitFor(() -> leasedAddress(lab).filter(address::equals), address + " back on " + IF);

        InterfaceControl.Result released = lab.client().callInside(() -> control.release(IF, (exchange, entry) -> { }));

        assertThat(released.commands()).anyMatch(command -> command.startsWith(releaseCommand));
        waitFor(() -> dnsmasqExpiry(lab, address).isEmpty() ? Optional.of(true) : Optional.empty(), "dnsmasq to drop the released lease");
        waitFor(() -> leasedAddress(lab).isEmpty() ? Optional.of(true) : Optional.empty(), "the address to leave " + IF);
    }

    private static String addresses(Lab lab) {
        return lab.lab().execOnHost("ip", "-n", lab.client().name(), "-4", "addr", "show", "dev", IF).orThrow().stdout();
    }

    private static String routes(Lab lab) {
        return lab.lab().execOnHost("ip", "-n", lab.client().name(), "-4", "route", "show", "table", "all").orThrow().stdout();
    }

    /** The address {@code ip -4 addr} shows on the interface, if any. */
    private static Optional<String> leasedAddress(Lab lab) {
        return addresses(lab).lines().map(String::strip).filter(line -> line.startsWith("inet "))
                .map(line -> line.split("\\s+")[1].split("/")[0]).findFirst();
    }

    /** dnsmasq's line for the address: {@code expiry mac ip hostname client-id}. */
    private static Optional<Long> dnsmasqExpiry(Lab lab, String address) {
        Path leases = lab.lab().file("dnsmasq-srv0.leases");
        if (!leases.toFile().exists()) {
            return Optional.empty();
        }
        return lab.lab().readFile(leases.getFileName().toString()).lines().map(line -> line.split(" "))
                .filter(fields -> fields.length >= 3 && fields[2].equals(address)).map(fields -> Long.parseLong(fields[0])).findFirst();
    }

    private static <T> T waitFor(Supplier<Optional<T>> probe, String what) {
        return Eventually.waitFor(probe, TIMEOUT, () -> what);
    }
}
