package org.leasedesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.server.DhcpServer;
import org.leasedesk.server.ServerListener;
import org.leasedesk.server.ServerOptions;
import org.leasedesk.server.config.ServerConfigLoader;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.LeaseRepository;
import org.leasedesk.store.LeaseWriter;

/**
 * {@code leasedesk client} on loopback against the embedded server, both on unprivileged ports:
 * the client sends everything to the server's socket (--server) and the server redirects every
 * reply to the client's port, so no packet leaves the machine and no privilege is needed.
 */
class ClientCommandTest {

    private static final String CONFIG = """
            { "Dhcp4": { "valid-lifetime": 600, "renew-timer": 300, "rebind-timer": 500,
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.12" } ],
                  "option-data": [ { "name": "routers", "data": "192.0.2.1" } ] } ] } }
            """;
    private static final String MAC = "00:00:5e:00:53:42";

    @TempDir
    Path directory;

    private LeaseDatabase serverDatabase;
    private DhcpServer server;
    private int clientPort;

    @BeforeEach
    void startServer() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            clientPort = probe.getLocalPort();
        }
        serverDatabase = LeaseDatabase.open(directory.resolve("server"));
        InetSocketAddress client = new InetSocketAddress(InetAddress.getLoopbackAddress(), clientPort);
        ServerOptions options = new ServerOptions(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), clientPort,
                Ipv4Address.parse("192.0.2.1"), Optional.empty(), InetAddress.getLoopbackAddress(), Optional.of(client),
                Duration.ofSeconds(10), 256, Duration.ofMinutes(1));
        server = DhcpServer.start(new ServerConfigLoader(OptionRegistry.standard()).load(CONFIG, "test.conf").config(), options,
                serverDatabase, LeaseWriter.Settings.DEFAULTS, Clock.systemUTC(), ServerListener.NONE);
    }

    @AfterEach
    void stopServer() {
        server.close();
        serverDatabase.close();
    }

    private CliRun client(String action, String... extra) {
        String[] base = {"client", action, "lo", "--client-port", Integer.toString(clientPort), "--server", "127.0.0.1",
            "--server-port", Integer.toString(server.localAddress().getPort()), "--no-apply", "--mac", MAC, "--timeout", "10",
            "--database", directory.resolve("client").toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return CliRun.of(all);
    }

    @Test
    void renewObtainsALeaseAndPrintsTheExchangeAsItHappens() {
        CliRun run = client("renew");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsSubsequence("== obtain a lease", "-> DHCPDISCOVER", "to 127.0.0.1:", "<- DHCPOFFER", "-> DHCPREQUEST", "<- DHCPACK",
                "lo through LeaseDesk's own client", "lease: 192.0.2.10 from 192.0.2.1, lease 600 s, T1 300 s, T2 500 s");
    }

    @Test
    void aSecondRenewConfirmsTheRememberedLeaseAndStatusShowsIt() {
        client("renew");

        CliRun again = client("renew");
        CliRun status = client("status");

        assertThat(again.out()).as(again.err()).containsSubsequence("-> DHCPREQUEST", "<- DHCPACK", "lease: 192.0.2.10");
        assertThat(again.out()).doesNotContain("DISCOVER");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("lo: DHCP by no DHCP client runs on it", "backend: LeaseDesk's own client",
                "lease: 192.0.2.10 from 192.0.2.1");
    }

    @Test
    void releaseSendsARelease_theServerFreesTheLease_andTheClientForgetsIt() throws Exception {
        client("renew");

        CliRun release = client("release");

        assertThat(release.exitCode()).as(release.err()).isZero();
        assertThat(release.out()).containsSubsequence("== release 192.0.2.10", "-> DHCPRELEASE", "no lease held");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (new LeaseRepository(serverDatabase).find(Ipv4Address.parse("192.0.2.10")).orElseThrow().state() == LeaseState.ACTIVE
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(new LeaseRepository(serverDatabase).find(Ipv4Address.parse("192.0.2.10")).orElseThrow().state())
                .isNotEqualTo(LeaseState.ACTIVE);
        CliRun nothing = client("release");
        assertThat(nothing.exitCode()).isEqualTo(ClientCommand.FAILED);
        assertThat(nothing.err().strip()).isEqualTo("leasedesk client: LeaseDesk's own client holds no lease on lo, so there is nothing to release.");
    }

    @Test
    void discoverListsTheServerWithoutTakingAnAddress() {
        CliRun run = client("discover", "--window", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsSubsequence("-> DHCPDISCOVER", "<- DHCPOFFER", "1 DHCP server(s) answered on lo",
                "192.0.2.1 offered 192.0.2.10 for 600 s");
        assertThat(new LeaseRepository(serverDatabase).find(Ipv4Address.parse("192.0.2.10"))).isEmpty();
    }

    @Test
    void anInterfaceThatDoesNotExistIsOneSentence() {
        CliRun run = CliRun.of("client", "renew", "nosuch0", "--database", directory.resolve("client").toString());

        assertThat(run.exitCode()).isEqualTo(ClientCommand.FAILED);
        assertThat(run.err().strip()).isEqualTo("leasedesk client: There is no network interface named 'nosuch0' on this machine.");
    }
}
