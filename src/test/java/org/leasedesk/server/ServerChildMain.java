package org.leasedesk.server;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.server.config.ServerConfigLoader;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.LeaseWriter;

/**
 * Child process for {@link KillDashNineDurabilityTest}: our server on loopback, on a port the
 * system picks, every reply redirected to the parent's socket. Prints {@link #READY} and the port,
 * then serves until killed.
 *
 * <p>Arguments: the Kea-style configuration file, the database file, the parent's UDP port, the
 * server identifier.
 */
public final class ServerChildMain {

    static final String READY = "serving-on-port ";

    private ServerChildMain() {}

    public static void main(String[] args) throws Exception {
        var config = new ServerConfigLoader(OptionRegistry.standard()).load(Files.readString(Path.of(args[0])), args[0]).config();
        LeaseDatabase database = LeaseDatabase.open(Path.of(args[1]));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerOptions options = new ServerOptions(new InetSocketAddress(loopback, 0), Integer.parseInt(args[2]),
                Ipv4Address.parse(args[3]), Optional.empty(), loopback,
                Optional.of(new InetSocketAddress(loopback, Integer.parseInt(args[2]))), Duration.ofSeconds(10), 1024,
                ServerOptions.DEFAULT_SAMPLE_INTERVAL);
        DhcpServer server = DhcpServer.start(config, options, database, LeaseWriter.Settings.DEFAULTS, Clock.systemUTC(),
                ServerListener.NONE);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println(READY + server.localAddress().getPort());
        Thread.currentThread().join();
    }
}
