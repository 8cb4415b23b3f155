package org.leasedesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DhcpBackendsTest {

    @TempDir
    Path root;

    private DhcpOwnership process(DhcpOwner owner, long pid, String... argv) throws Exception {
        Path dir = Files.createDirectories(root.resolve("proc").resolve(Long.toString(pid)));
        Files.write(dir.resolve("cmdline"), (String.join("\0", argv) + "\0").getBytes(StandardCharsets.UTF_8));
        return new DhcpOwnership(owner, OptionalLong.of(pid), "process " + pid);
    }

    @Test
    void nobodyMeansTheEmbeddedClientSoNoBackendHere() {
        assertThat(new DhcpBackends(RecordingRunner.succeeding(""), root).forOwner(DhcpOwnership.nobody())).isEmpty();
    }

    @Test
    void dhclientIsDrivenWithTheRunningOnesFiles() throws Exception {
        DhcpOwnership owner = process(DhcpOwner.DHCLIENT, 812, "/sbin/dhclient", "-4", "-pf", "/run/dhclient.eth0.pid",
                "-lf", "/var/lib/dhcp/dhclient.eth0.leases", "eth0");

        DhcpBackend backend = new DhcpBackends(RecordingRunner.succeeding(""), root).forOwner(owner).orElseThrow();

        assertThat(backend).isInstanceOf(DhclientBackend.class);
        assertThat(((DhclientBackend) backend).releaseCommands(new InterfaceName("eth0"))).containsExactly(
                List.of("dhclient", "-r", "-pf", "/run/dhclient.eth0.pid", "-lf", "/var/lib/dhcp/dhclient.eth0.leases", "eth0"));
    }

    @Test
    void aRetitledDhcpcdIsRecognisedAsIpv4Only() throws Exception {
        DhcpOwnership owner = process(DhcpOwner.DHCPCD, 900, "dhcpcd: eth0 [ip4]");

        DhcpBackend backend = new DhcpBackends(RecordingRunner.succeeding(""), root).forOwner(owner).orElseThrow();

        assertThat(((DhcpcdBackend) backend).releaseCommands(new InterfaceName("eth0"))).containsExactly(List.of("dhcpcd", "-4", "-k", "eth0"));
    }

    @Test
    void managersMapToTheirBackends() {
        DhcpBackends backends = new DhcpBackends(RecordingRunner.succeeding(""), root);

        assertThat(backends.forOwner(new DhcpOwnership(DhcpOwner.NETWORK_MANAGER, OptionalLong.empty(), "")).orElseThrow().name())
                .isEqualTo("NetworkManager");
        assertThat(backends.forOwner(new DhcpOwnership(DhcpOwner.SYSTEMD_NETWORKD, OptionalLong.empty(), "")).orElseThrow().name())
                .isEqualTo("systemd-networkd");
        assertThat(backends.forOwner(new DhcpOwnership(DhcpOwner.MACOS, OptionalLong.empty(), "")).orElseThrow().name())
                .isEqualTo("macOS configd");
        assertThat(backends.forOwner(new DhcpOwnership(DhcpOwner.UDHCPC, OptionalLong.of(77), "")).orElseThrow().name())
                .isEqualTo("udhcpc");
    }
}
