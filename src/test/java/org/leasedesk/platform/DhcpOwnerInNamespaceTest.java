package org.leasedesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.leasedesk.testing.netns.BackgroundProcess;
import org.leasedesk.testing.netns.Namespace;
import org.leasedesk.testing.netns.NetnsTest;
import org.leasedesk.testing.netns.NetworkLab;

/** A real udhcpc in a lab namespace: found from inside that namespace, invisible from the one beside it. */
class DhcpOwnerInNamespaceTest {

    @Test
    @NetnsTest(requires = "udhcpc")
    void aRunningClientIsFoundOnlyFromItsOwnNamespace(NetworkLab lab) throws Exception {
        Namespace client = lab.namespace("client");
        Namespace neighbour = lab.namespace("other");
        lab.link(client.iface("cli0"), neighbour.iface("cli0"));
        int index = Integer.parseInt(client.exec("cat", "/sys/class/net/cli0/ifindex").orThrow().stdout().strip());
        Set<String> names = Set.of("lo", "cli0");

        // -s /bin/true: the client never configures anything, it only has to be running.
        BackgroundProcess udhcpc = client.start("udhcpc", "-f", "-i", "cli0", "-s", "/bin/true", "-t", "100");
        udhcpc.awaitOutput("udhcpc", Duration.ofSeconds(10));

        DhcpOwnership inside = client.callInside(() -> new LinuxDhcpOwners().ownerOf("cli0", index, names));
        DhcpOwnership beside = neighbour.callInside(() -> new LinuxDhcpOwners().ownerOf("cli0", index, names));

        assertThat(inside.owner()).isEqualTo(DhcpOwner.UDHCPC);
        assertThat(inside.pid()).hasValue(udhcpc.pid());
        assertThat(beside.owner()).isEqualTo(DhcpOwner.NONE);
    }
}
