package org.leasedesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.lease.AddressRange;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Subnet;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.server.config.ServerConfig;
import org.leasedesk.server.config.ServerConfigLoader;

class ServerSetupTest {

    @TempDir
    Path directory;

    private static ServerSetup.Candidate eth0(String address, int prefix) {
        return new ServerSetup.Candidate("eth0", Ipv4Address.parse(address), prefix, true, "no DHCP client runs on it");
    }

    @Test
    void proposesTheInterfacesSubnetWithItsUpperHalfAsThePool() {
        ServerSetup.Proposal proposal = ServerSetup.propose(eth0("192.168.10.1", 24));

        assertThat(proposal.subnet()).isEqualTo(Subnet.parse("192.168.10.0/24"));
        assertThat(proposal.pool()).isEqualTo(AddressRange.parse("192.168.10.128 - 192.168.10.254"));
        assertThat(proposal.serverAddress()).isEqualTo(Ipv4Address.parse("192.168.10.1"));
    }

    @Test
    void aServerInTheUpperHalfGetsThePoolBelowIt() {
        ServerSetup.Proposal proposal = ServerSetup.propose(eth0("10.1.2.200", 24));

        assertThat(proposal.pool().contains(Ipv4Address.parse("10.1.2.200"))).isFalse();
        assertThat(proposal.pool()).isEqualTo(AddressRange.parse("10.1.2.26 - 10.1.2.127"));
    }

    @Test
    void refusesLinksTooSmallToShare() {
        assertThatThrownBy(() -> ServerSetup.propose(eth0("192.0.2.1", 30))).hasMessageContaining("too small");
    }

    @Test
    void writesAConfigurationTheServerLoadsAndTheWorkbenchFinds() throws Exception {
        try (Workbench workbench = Workbench.open(directory.resolve("leases"), Clock.systemUTC())) {
            assertThat(workbench.hasConfiguration()).isFalse();

            new ServerSetup().write(ServerSetup.propose(eth0("192.168.10.1", 24)), workbench.configurationFile());

            assertThat(workbench.hasConfiguration()).isTrue();
            assertThat(workbench.configurationFile()).isEqualTo(directory.resolve("kea-dhcp4.conf").toAbsolutePath());
            ServerConfig config = new ServerConfigLoader(OptionRegistry.standard()).load(workbench.configurationFile()).config();
            assertThat(config.interfaces()).containsExactly("eth0");
            assertThat(config.subnets().get(0).subnet()).isEqualTo(Subnet.parse("192.168.10.0/24"));
            assertThat(config.subnets().get(0).pools().get(0).pool().range())
                    .isEqualTo(AddressRange.parse("192.168.10.128 - 192.168.10.254"));
        }
    }

    @Test
    void candidatesLeaveOutLoopback() throws Exception {
        assertThat(new ServerSetup().candidates()).noneMatch(candidate -> candidate.address().toString().startsWith("127."));
    }

    @Test
    void aProposalTheServerWouldRejectIsNotWritten() {
        Path file = directory.resolve("kea-dhcp4.conf");
        ServerSetup.Proposal proposal = new ServerSetup.Proposal("bad name\"", Ipv4Address.parse("192.0.2.1"),
                Subnet.parse("192.0.2.0/24"), AddressRange.parse("192.0.2.100 - 192.0.2.200"), java.time.Duration.ofHours(1));

        assertThatThrownBy(() -> new ServerSetup().write(proposal, file)).isInstanceOf(Exception.class);
        assertThat(Files.exists(file)).isFalse();
    }
}
