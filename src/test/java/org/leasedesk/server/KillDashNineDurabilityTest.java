package org.leasedesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.lease.ClientKey;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.protocol.DhcpCodec;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.HardwareAddress;
import org.leasedesk.protocol.MalformedPacketException;
import org.leasedesk.protocol.MessageType;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.LeaseLoad;
import org.leasedesk.store.LeaseRepository;
import org.leasedesk.testing.ChildJvm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole server in a child JVM, loaded with DORAs as fast as one client socket can drive it,
 * killed with SIGKILL mid-load: every ACK the clients received is a stored ACTIVE lease of that
 * client, and no address or client is bound twice.
 */
class KillDashNineDurabilityTest {

    private static final Logger log = LoggerFactory.getLogger(KillDashNineDurabilityTest.class);
    private static final Inet4Address SERVER_ID = Ipv4Address.parse("198.18.0.1").toInetAddress();
    private static final String CONFIG = """
            { "Dhcp4": { "valid-lifetime": 3600,
                "subnet4": [ { "id": 1, "subnet": "198.18.0.0/15", "pools": [ { "pool": "198.18.1.0 - 198.19.255.254" } ] } ] } }
            """;
    private static final int ACKS_BEFORE_KILL = 4000;
    /** Exchanges under way at once, like many clients each waiting for its answer. */
    private static final int IN_FLIGHT = 256;

    @TempDir
    Path directory;

    private final DhcpCodec codec = new DhcpCodec();
    /** Every ACK received: address to the MAC it was acknowledged to. */
    private final Map<Inet4Address, String> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, Inet4Address> conflicts = new ConcurrentHashMap<>();

    @Test
    void everyAcknowledgedLeaseSurvivesKillDashNineOfTheServer() throws Exception {
        Path database = directory.resolve("leases");
        try (DatagramChannel clients = DatagramChannel.open(StandardProtocolFamily.INET)
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int clientPort = ((InetSocketAddress) clients.getLocalAddress()).getPort();
            Process server = ChildJvm.start(ServerChildMain.class, Files.writeString(directory.resolve("kea.json"), CONFIG).toString(),
                    database.toString(), Integer.toString(clientPort), SERVER_ID.getHostAddress());
            try {
                InetSocketAddress serverAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), awaitPort(server));
                drive(clients, serverAddress, server);
            } finally {
                server.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no H2 close
                server.waitFor(10, TimeUnit.SECONDS);
            }
        }

        assertThat(conflicts).as("one address acknowledged to two clients").isEmpty();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
        try (LeaseDatabase reopened = LeaseDatabase.open(database)) {
            LeaseLoad load = new LeaseRepository(reopened).loadAll();
            assertThat(load.rejected()).isEmpty();
            Map<Ipv4Address, Lease> stored = load.leases().stream().collect(Collectors.toMap(Lease::address, lease -> lease));
            acknowledged.forEach((address, mac) -> assertThat(stored.get(Ipv4Address.of(address)))
                    .as("acknowledged %s to %s", address.getHostAddress(), mac)
                    .satisfies(lease -> {
                        assertThat(lease.state()).isEqualTo(LeaseState.ACTIVE);
                        assertThat(lease.hardwareAddress().toString()).isEqualTo(mac);
                    }));
            Map<ClientKey, List<Ipv4Address>> byClient = load.leases().stream()
                    .collect(Collectors.groupingBy(Lease::clientKey, Collectors.mapping(Lease::address, Collectors.toList())));
            assertThat(byClient.values()).as("clients holding more than one address").allSatisfy(held -> assertThat(held).hasSize(1));
            log.info("{} ACKs received before and just after SIGKILL, all stored as ACTIVE; {} leases in the store",
                    acknowledged.size(), stored.size());
        }
    }

    private static int awaitPort(Process server) throws Exception {
        BufferedReader output = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = output.readLine()) != null; ) {
            if (line.startsWith(ServerChildMain.READY)) {
                return Integer.parseInt(line.substring(ServerChildMain.READY.length()).strip());
            }
        }
        throw new IllegalStateException("the server child exited before serving, with " + server.waitFor());
    }

    /**
     * DISCOVERs for ever new clients from one thread, each OFFER answered with a REQUEST from
     * another, until enough ACKs came; then SIGKILL while exchanges are still under way, and the
     * ACKs already on their way are collected too.
     */
    private void drive(DatagramChannel clients, InetSocketAddress server, Process child) throws Exception {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        Thread receiver = Thread.ofPlatform().name("dora-replies").start(() -> receive(clients, server, inFlight));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int client = 1; acknowledged.size() < ACKS_BEFORE_KILL && System.nanoTime() < deadline; client++) {
            // A lost exchange (the server sheds load when its queue is full) frees its slot after a while.
            inFlight.tryAcquire(200, TimeUnit.MILLISECONDS);
            send(clients, server, DhcpMessage.discover(mac(client), client).build());
        }
        child.destroyForcibly();
        child.waitFor(10, TimeUnit.SECONDS);
        Thread.sleep(500);
        clients.close();
        receiver.join(5000);
    }

    private void receive(DatagramChannel clients, InetSocketAddress server, Semaphore inFlight) {
        ByteBuffer buffer = ByteBuffer.allocate(1500);
        try {
            while (true) {
                buffer.clear();
                clients.receive(buffer);
                DhcpMessage reply = codec.decode(Arrays.copyOf(buffer.array(), buffer.position()));
                MessageType type = reply.messageType().orElseThrow();
                if (type == MessageType.OFFER) {
                    send(clients, server, DhcpMessage.requestSelecting(reply.hardwareAddress(), reply.xid(), reply.yiaddr(), SERVER_ID)
                            .build());
                } else if (type == MessageType.ACK) {
                    String mac = reply.hardwareAddress().toString();
                    String earlier = acknowledged.putIfAbsent(reply.yiaddr(), mac);
                    if (earlier != null && !earlier.equals(mac)) {
                        conflicts.put(mac, reply.yiaddr());
                    }
                    inFlight.release();
                }
            }
        } catch (AsynchronousCloseException closed) {
            // The test closed the socket: every reply that arrived has been read.
        } catch (IOException | MalformedPacketException e) {
            throw new IllegalStateException("reading the server's replies failed", e);
        }
    }

    private void send(DatagramChannel clients, InetSocketAddress server, DhcpMessage message) {
        try {
            clients.send(ByteBuffer.wrap(codec.encode(message)), server);
        } catch (IOException e) {
            throw new IllegalStateException("sending to the server failed", e);
        }
    }

    private static HardwareAddress mac(int client) {
        return HardwareAddress.parse(String.format("02:00:00:%02x:%02x:%02x", client >> 16 & 0xff, client >> 8 & 0xff, client & 0xff));
    }
}
