package org.leasedesk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each backend would run for release and renew, exactly, and how a refusal reads. */
class BackendCommandsTest {

    private static final InterfaceName ETH0 = new InterfaceName("eth0");

    @Test
    void dhclientReleasesAndRestartsWithTheFilesTheRunningOneUses() {
        DhclientBackend backend = new DhclientBackend(RecordingRunner.succeeding(""),
                List.of("-4", "-v", "-i", "-pf", "/run/dhclient.eth0.pid", "-lf", "/var/lib/dhcp/dhclient.eth0.leases",
                        "-I", "-df", "/var/lib/dhcp/dhclient6.eth0.leases", "eth0"));

        assertThat(backend.releaseCommands(ETH0)).containsExactly(List.of("dhclient", "-r", "-pf", "/run/dhclient.eth0.pid",
                "-lf", "/var/lib/dhcp/dhclient.eth0.leases", "eth0"));
        assertThat(backend.renewCommands(ETH0)).containsExactly(
                List.of("dhclient", "-x", "-pf", "/run/dhclient.eth0.pid", "-lf", "/var/lib/dhcp/dhclient.eth0.leases", "eth0"),
                List.of("dhclient", "-pf", "/run/dhclient.eth0.pid", "-lf", "/var/lib/dhcp/dhclient.eth0.leases", "eth0"));
        assertThat(backend.leaseFile()).isEqualTo(Path.of("/var/lib/dhcp/dhclient.eth0.leases"));
    }

    @Test
    void dhclientStartedWithoutFilesUsesDebiansDefaultsAndPassesNoRelativePaths() {
        DhclientBackend backend = new DhclientBackend(RecordingRunner.succeeding(""), List.of("-lf", "relative.leases", "eth0"));

        assertThat(backend.releaseCommands(ETH0)).containsExactly(List.of("dhclient", "-r", "eth0"));
        assertThat(backend.leaseFile()).isEqualTo(DhclientBackend.DEFAULT_LEASE_FILE);
    }

    @Test
    void dhcpcdStartedForIpv4OnlyIsAddressedWithMinus4SoItsSocketIsFound() {
        RecordingRunner runner = RecordingRunner.succeeding("");
        DhcpcdBackend retitled = new DhcpcdBackend(runner, List.of("eth0", "[ip4]"));
        DhcpcdBackend dualStack = new DhcpcdBackend(runner, List.of("[manager]", "[ip4]", "[ip6]"));

        assertThat(retitled.releaseCommands(ETH0)).containsExactly(List.of("dhcpcd", "-4", "-k", "eth0"));
        assertThat(retitled.renewCommands(ETH0)).containsExactly(List.of("dhcpcd", "-4", "-n", "eth0"));
        assertThat(new DhcpcdBackend(runner, List.of("-4", "-B", "eth0")).renewCommands(ETH0))
                .containsExactly(List.of("dhcpcd", "-4", "-n", "eth0"));
        assertThat(dualStack.releaseCommands(ETH0)).containsExactly(List.of("dhcpcd", "-k", "eth0"));
    }

    @Test
    void dhcpcdRenewReadsTheLeaseBackWithMinusU() {
        RecordingRunner runner = RecordingRunner.succeeding(LeaseParsersTest.DHCPCD_DUMP);

        OperationOutcome outcome = new DhcpcdBackend(runner, List.of("-4", "eth0")).renew(ETH0);

        assertThat(runner.commands).containsExactly(List.of("dhcpcd", "-4", "-n", "eth0"), List.of("dhcpcd", "-4", "-U", "eth0"));
        assertThat(outcome.leaseAfter()).hasValueSatisfying(lease -> assertThat(lease.address()).hasToString("192.0.2.103"));
        assertThat(outcome.description()).startsWith("dhcpcd -n");
    }

    @Test
    void networkdRenewsWithNetworkctlAndReleasesHonestlyByTakingTheLinkDown() {
        NetworkdBackend backend = new NetworkdBackend(RecordingRunner.succeeding(""), Path.of("/nonexistent"), name -> 2);

        assertThat(backend.renewCommands(ETH0)).containsExactly(List.of("networkctl", "up", "eth0"), List.of("networkctl", "renew", "eth0"));
        assertThat(backend.releaseCommands(ETH0)).containsExactly(List.of("networkctl", "down", "eth0"));
        assertThat(backend.releaseDescription()).startsWith("systemd-networkd has no release command");
    }

    @Test
    void networkManagerSaysItHasNoNativeRenew() {
        NetworkManagerBackend backend = new NetworkManagerBackend(RecordingRunner.succeeding(""));

        assertThat(backend.renewCommands(ETH0)).containsExactly(List.of("nmcli", "device", "connect", "eth0"));
        assertThat(backend.releaseCommands(ETH0)).containsExactly(List.of("nmcli", "device", "disconnect", "eth0"));
        assertThat(backend.renewDescription()).startsWith("NetworkManager has no renew");
        assertThat(backend.releaseDescription()).startsWith("NetworkManager has no release");
    }

    @Test
    void macOsRenewsWithIpconfigSetDhcpAndReleasesWithSetNone() {
        RecordingRunner runner = RecordingRunner.succeeding(LeaseParsersTest.MACOS_PACKET);
        MacOsBackend backend = new MacOsBackend(runner);
        InterfaceName en0 = new InterfaceName("en0");

        OperationOutcome renewed = backend.renew(en0);
        backend.release(en0);

        assertThat(runner.commands).containsExactly(List.of("ipconfig", "set", "en0", "DHCP"), List.of("ipconfig", "getpacket", "en0"),
                List.of("ipconfig", "set", "en0", "NONE"));
        assertThat(renewed.leaseAfter()).isPresent();
    }

    @Test
    void udhcpcIsSignalledByItsNumericPid() {
        UdhcpcBackend backend = new UdhcpcBackend(RecordingRunner.succeeding(""), 4242);

        assertThat(backend.releaseCommands(ETH0)).containsExactly(List.of("kill", "-USR2", "4242"));
        assertThat(backend.renewCommands(ETH0)).containsExactly(List.of("kill", "-USR1", "4242"));
    }

    @Test
    void aRefusedCommandBecomesOneSentenceWithTheClientsOwnWords() {
        RecordingRunner runner = new RecordingRunner(command -> new CommandOutput(command, 1, "", "dhcpcd is not running\n"));

        assertThatThrownBy(() -> new DhcpcdBackend(runner, List.of()).release(ETH0))
                .isInstanceOf(PlatformException.class)
                .hasMessage("dhcpcd -k eth0 exited with 1: dhcpcd is not running");
    }
}
