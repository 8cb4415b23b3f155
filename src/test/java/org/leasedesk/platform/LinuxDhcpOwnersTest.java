package org.leasedesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the detection over a copy of /proc and /run built in a temporary directory. */
class LinuxDhcpOwnersTest {

    private static final String OUR_NAMESPACE = "net:[4026531833]";
    private static final Set<String> INTERFACES = Set.of("lo", "eth0", "veth0", "wlan0");

    @TempDir
    Path root;

    private LinuxDhcpOwners owners;

    @BeforeEach
    void ourThreadLivesInOneNamespace() throws IOException {
        Files.createDirectories(root.resolve("proc/thread-self/ns"));
        Files.createSymbolicLink(root.resolve("proc/thread-self/ns/net"), Path.of(OUR_NAMESPACE));
        owners = new LinuxDhcpOwners(root);
    }

    private void process(long pid, String namespace, String... argv) throws IOException {
        Path dir = Files.createDirectories(root.resolve("proc/" + pid + "/ns"));
        Files.writeString(dir.getParent().resolve("cmdline"), String.join("\0", argv) + "\0", StandardCharsets.UTF_8);
        Files.createSymbolicLink(dir.resolve("net"), Path.of(namespace));
    }

    private DhcpOwnership ownerOf(String name) {
        return owners.ownerOf(name, 7, INTERFACES);
    }

    @Test
    void dhclientNamingTheInterfaceOwnsItWithItsPid() throws IOException {
        process(4242, OUR_NAMESPACE, "/sbin/dhclient", "-1", "-v", "-pf", "/run/dhclient.veth0.pid", "-lf", "/var/lib/dhcp/dhclient.veth0.leases", "veth0");

        DhcpOwnership owner = ownerOf("veth0");
        assertThat(owner.owner()).isEqualTo(DhcpOwner.DHCLIENT);
        assertThat(owner.pid()).isEqualTo(OptionalLong.of(4242));
        assertThat(owner.evidence()).isEqualTo("process 4242: /sbin/dhclient -1 -v -pf /run/dhclient.veth0.pid -lf /var/lib/dhcp/dhclient.veth0.leases veth0");
        assertThat(ownerOf("eth0").owner()).as("an interface it does not name").isEqualTo(DhcpOwner.NONE);
    }

    @Test
    void anInterfaceNameInsideAnOptionValueDoesNotCount() throws IOException {
        process(10, OUR_NAMESPACE, "dhclient", "-lf", "eth0", "veth0");

        assertThat(ownerOf("eth0").owner()).isEqualTo(DhcpOwner.NONE);
        assertThat(ownerOf("veth0").owner()).isEqualTo(DhcpOwner.DHCLIENT);
    }

    @Test
    void dhclientNamingNoInterfaceServesThemAll() throws IOException {
        process(11, OUR_NAMESPACE, "dhclient", "-v");

        assertThat(ownerOf("wlan0").owner()).isEqualTo(DhcpOwner.DHCLIENT);
    }

    @Test
    void clientsInAnotherNetworkNamespaceAreIgnored() throws IOException {
        process(12, "net:[4026532999]", "dhclient", "eth0");

        assertThat(ownerOf("eth0")).isEqualTo(DhcpOwnership.nobody());
    }

    @Test
    void retitledDhcpcdIsRecognised() throws IOException {
        process(13, OUR_NAMESPACE, "dhcpcd: wlan0 [ip4]");

        assertThat(ownerOf("wlan0").owner()).isEqualTo(DhcpOwner.DHCPCD);
        assertThat(ownerOf("eth0").owner()).isEqualTo(DhcpOwner.NONE);
    }

    @Test
    void busyboxUdhcpcNamesItsInterfaceEitherWay() throws IOException {
        process(14, OUR_NAMESPACE, "busybox", "udhcpc", "--interface=wlan0", "-q");
        process(15, OUR_NAMESPACE, "udhcpc", "-i", "veth0", "-n");

        assertThat(ownerOf("wlan0").owner()).isEqualTo(DhcpOwner.UDHCPC);
        assertThat(ownerOf("veth0").pid()).isEqualTo(OptionalLong.of(15));
    }

    @Test
    void udhcpcNamingNoInterfaceServesEth0Only() throws IOException {
        process(16, OUR_NAMESPACE, "udhcpc", "-f");

        assertThat(ownerOf("eth0").owner()).isEqualTo(DhcpOwner.UDHCPC);
        assertThat(ownerOf("wlan0").owner()).isEqualTo(DhcpOwner.NONE);
    }

    @Test
    void dhclientStartedByNetworkManagerMeansNetworkManagerOwnsIt() throws IOException {
        process(17, OUR_NAMESPACE, "/sbin/dhclient", "-d", "-q", "-sf", "/usr/lib/NetworkManager/nm-dhcp-helper",
                "-pf", "/run/NetworkManager/dhclient-eth0.pid", "eth0");

        assertThat(ownerOf("eth0").owner()).isEqualTo(DhcpOwner.NETWORK_MANAGER);
    }

    @Test
    void networkManagerDeviceStateWithADhcpLeaseOwnsIt() throws IOException {
        Path device = Files.createDirectories(root.resolve("run/NetworkManager/devices")).resolve("7");
        Files.writeString(device, "[device]\nmanaged=true\n\n[dhcp4]\nip_address=192.0.2.20\n");

        assertThat(ownerOf("eth0").owner()).isEqualTo(DhcpOwner.NETWORK_MANAGER);
    }

    @Test
    void networkManagerDeviceWithoutDhcpDoesNotOwnIt() throws IOException {
        Path device = Files.createDirectories(root.resolve("run/NetworkManager/devices")).resolve("7");
        Files.writeString(device, "[device]\nmanaged=true\n");

        assertThat(ownerOf("eth0").owner()).isEqualTo(DhcpOwner.NONE);
    }

    @Test
    void networkdLeaseFileMeansNetworkdOwnsIt() throws IOException {
        Files.createDirectories(root.resolve("run/systemd/netif/leases"));
        Files.writeString(root.resolve("run/systemd/netif/leases/7"), "ADDRESS=192.0.2.20\n");

        assertThat(ownerOf("eth0").owner()).isEqualTo(DhcpOwner.SYSTEMD_NETWORKD);
        assertThat(owners.ownerOf("eth0", 8, INTERFACES).owner()).as("another index").isEqualTo(DhcpOwner.NONE);
    }

    @Test
    void otherProgramsMentioningAnInterfaceAreNotClients() throws IOException {
        process(18, OUR_NAMESPACE, "tcpdump", "-i", "eth0");

        assertThat(ownerOf("eth0").owner()).isEqualTo(DhcpOwner.NONE);
    }
}
