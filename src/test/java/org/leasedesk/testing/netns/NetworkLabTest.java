package org.leasedesk.testing.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.io.IOException;
import java.net.BindException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NetworkLabTest {

    /** Sends one UDP datagram; arguments arrive through argv, never through a shell. */
    private static final String SEND_DATAGRAM = "import socket, sys; "
            + "socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(sys.argv[1].encode(), (sys.argv[2], int(sys.argv[3])))";

    @Test
    @NetnsTest(requires = "python3")
    void socketOpenedInsideANamespaceReceivesFromTheLinkedNamespaceWhileTheHostPortStaysApart(NetworkLab lab) throws Exception {
        Namespace a = lab.namespace("a");
        Namespace b = lab.namespace("b");
        lab.link(a.iface("a0").withAddress("198.51.100.1/24"), b.iface("b0").withAddress("198.51.100.2/24"));

        try (DatagramChannel onHost = DatagramChannel.open().bind(new InetSocketAddress(0))) {
            int port = ((InetSocketAddress) onHost.getLocalAddress()).getPort();
            // Binding the port the host already holds only works because the socket is elsewhere.
            try (DatagramChannel insideA = a.callInside(() -> DatagramChannel.open().bind(new InetSocketAddress(port)))) {
                b.exec("python3", "-c", SEND_DATAGRAM, "hello from b", "198.51.100.1", Integer.toString(port)).orThrow();

                ByteBuffer received = ByteBuffer.allocate(64);
                InetSocketAddress sender = (InetSocketAddress) insideA.receive(received);
                assertThat(new String(received.array(), 0, received.position(), StandardCharsets.UTF_8)).isEqualTo("hello from b");
                assertThat(sender.getAddress().getHostAddress()).isEqualTo("198.51.100.2");

                onHost.configureBlocking(false);
                assertThat(onHost.receive(ByteBuffer.allocate(64))).as("datagram on the host's socket").isNull();
            }
        }
    }

    @Test
    @NetnsTest
    void javaThreadsInsideANamespaceCanBindOnlyItsAddresses(NetworkLab lab) throws Exception {
        Namespace a = lab.namespace("a");
        Namespace b = lab.namespace("b");
        lab.link(a.iface("a0").withAddress("198.51.100.1/24"), b.iface("b0").withAddress("198.51.100.2/24"));

        assertThat(a.callInside(() -> canBind("198.51.100.1"))).isTrue();
        assertThat(a.callInside(() -> canBind("198.51.100.2"))).isFalse();
        assertThat(canBind("198.51.100.1")).as("bind on the host").isFalse();

        ExecutorService executor = Executors.newSingleThreadExecutor(b.threadFactory());
        try {
            assertThat(executor.submit(() -> canBind("198.51.100.2")).get()).isTrue();
        } finally {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    @NetnsTest
    void execReportsExitCodeAndBothOutputs(NetworkLab lab) {
        Namespace a = lab.namespace("a");

        CommandResult listing = a.exec("ip", "-o", "link", "show");
        CommandResult failure = a.exec("ip", "link", "show", "no-such-link");

        assertThat(listing.exitCode()).isZero();
        assertThat(listing.stdout()).contains("lo:").doesNotContain("eth");
        assertThat(failure.exitCode()).isNotZero();
        assertThat(failure.stderr()).contains("no-such-link");
    }

    @Test
    @NetnsTest
    void closeStopsProcessesKillsDaemonsAndDeletesEverything() throws Exception {
        NetworkLab lab = new NetworkLab();
        Namespace a = lab.namespace("a");
        BackgroundProcess sleeper = a.start("sleep", "600");
        // setsid -f forks and returns at once: the daemon is no child of anything the lab started.
        a.exec("setsid", "-f", "sleep", "601").orThrow();
        List<Long> daemon = a.processes().stream().map(ProcessHandle::pid).filter(pid -> pid != sleeper.pid()).toList();
        assertThat(daemon).hasSize(1);

        lab.close();

        assertThat(sleeper.isAlive()).isFalse();
        assertThat(ProcessHandle.of(daemon.getFirst()).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        assertThat(NetworkLab.NETNS_DIRECTORY.resolve(a.name())).doesNotExist();
        assertThat(Path.of("/etc/netns", a.name())).doesNotExist();
        assertThat(lab.directory()).doesNotExist();
    }

    @Test
    @NetnsTest
    void backgroundProcessOutputCanBeAwaited(NetworkLab lab) {
        BackgroundProcess echo = lab.namespace("a").start("sh", "-c", "echo ready; sleep 600");

        echo.awaitOutput("ready", Duration.ofSeconds(5));

        assertThat(echo.isAlive()).isTrue();
        echo.close();
        assertThat(echo.isAlive()).isFalse();
    }

    /** Binding to an address succeeds only in the namespace whose interface carries it. */
    private static boolean canBind(String address) throws IOException {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.bind(new InetSocketAddress(address, 0));
            return true;
        } catch (BindException notHere) {
            return false;
        }
    }
}
