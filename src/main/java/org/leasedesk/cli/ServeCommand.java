package org.leasedesk.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.leasedesk.app.ServerLauncher;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.platform.LocalInterfaces;
import org.leasedesk.server.ServerListener;
import org.leasedesk.server.ServerOptions;
import org.leasedesk.server.ServerStartException;
import org.leasedesk.server.config.ConfigException;
import org.leasedesk.server.config.ConfigProblem;
import org.leasedesk.server.config.ServerConfig;
import org.leasedesk.server.config.ServerConfigLoader;
import picocli.CommandLine;
import sun.misc.Signal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leasedesk serve}: the embedded server without the window, until SIGTERM or Ctrl+C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the DHCPv4 server headless with a Kea-style configuration file.",
            "Stops cleanly on SIGTERM or Ctrl+C, after every pending lease is committed."})
final class ServeCommand implements Callable<Integer> {

    static final int CONFIG_REFUSED = 1;
    static final int CANNOT_START = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Kea-style Dhcp4 JSON configuration.")
    Path config;

    @Option(names = "--check", description = "Check the configuration and exit, like kea-dhcp4 -t.")
    boolean check;

    @Option(names = "--interface", paramLabel = "IF", description = "Interface to serve (default: the one the configuration names).")
    String interfaceName;

    @Option(names = "--listen", paramLabel = "ADDR", defaultValue = "0.0.0.0",
            description = "Address to receive on (default: ${DEFAULT-VALUE}, needed to see broadcasts).")
    String listen;

    @Option(names = "--port", defaultValue = "" + ServerOptions.SERVER_PORT, description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--client-port", defaultValue = "" + ServerOptions.CLIENT_PORT, description = "Client port (default: ${DEFAULT-VALUE}).")
    int clientPort;

    @Option(names = "--server-id", paramLabel = "ADDR", description = "The server's address on the served link (default: the interface's).")
    String serverId;

    @Option(names = "--database", paramLabel = "FILE", description = "H2 lease database (default: the configuration's, else the user's data directory).")
    Path database;

    @Option(names = "--checkpoint-sync", description = "Sync the database to disk with every batch: safe against power loss, slower.")
    boolean checkpointSync;

    @Option(names = "--backup-every", paramLabel = "HOURS", defaultValue = "24",
            description = "Back up the lease database this often while serving; 0 for never (default: ${DEFAULT-VALUE}).")
    double backupHours;

    @Option(names = "--backup-dir", paramLabel = "DIR", description = "Where backups go (default: backups/ beside the database).")
    Path backupDirectory;

    @Option(names = "--backup-keep", paramLabel = "N", defaultValue = "7", description = "How many backups to keep (default: ${DEFAULT-VALUE}).")
    int backupKeep;

    @Option(names = "--keep-history", paramLabel = "AGE", defaultValue = "400d", converter = AgeConverter.class,
            description = "Prune lease history and utilisation samples older than this while serving, as 90d, 12h or 30m;"
                    + " 0 keeps everything (default: ${DEFAULT-VALUE}).")
    Duration historyRetention;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerLauncher launcher = new ServerLauncher(new LocalInterfaces(), Clock.systemUTC());
        try {
            if (check) {
                ServerConfigLoader.Loaded loaded = launcher.check(config);
                printWarnings(loaded, err);
                out.println(config + ": configuration OK, " + describe(loaded.config()));
                return 0;
            }
            ServerLauncher.Request request = new ServerLauncher.Request(config, Optional.ofNullable(interfaceName),
                    InetAddress.getByName(listen), port, clientPort, Optional.ofNullable(serverId).map(Ipv4Address::parse),
                    Optional.ofNullable(database), checkpointSync, backupHours <= 0 ? Optional.empty()
                            : Optional.of(new ServerLauncher.Backups(Duration.ofMillis((long) (backupHours * 3_600_000)),
                                    Optional.ofNullable(backupDirectory), backupKeep)),
                    historyRetention.isZero() ? Optional.empty() : Optional.of(historyRetention));
            // SIGTERM and Ctrl+C run shutdown hooks; ours lets this thread close the server and waits for it,
            // so the JVM exits only after every pending commit is flushed.
            CountDownLatch stopRequested = new CountDownLatch(1);
            CountDownLatch closed = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopRequested.countDown();
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "leasedesk-shutdown"));
            try (ServerLauncher.RunningServer running = launcher.start(request, ServerListener.NONE)) {
                printWarnings(running.loaded(), err);
                out.println("serving " + describe(running.loaded().config()) + " on " + running.server().localAddress()
                        + "; leases in " + running.database().file() + "; reload with SIGHUP, stop with Ctrl+C");
                out.flush();
                // SIGHUP reloads the configuration, as admins expect of a daemon; a bad file changes nothing.
                Signal.handle(new Signal("HUP"), signal -> reload(launcher, running, out, err));
                stopRequested.await();
            } finally {
                closed.countDown();
            }
            out.println("stopped; every acknowledged lease is stored");
            return 0;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return CONFIG_REFUSED;
        } catch (ServerStartException | IllegalArgumentException e) {
            err.println("leasedesk serve: " + e.getMessage());
            return CANNOT_START;
        }
    }

    private static void reload(ServerLauncher launcher, ServerLauncher.RunningServer running, PrintWriter out, PrintWriter err) {
        try {
            ServerConfigLoader.Loaded loaded = launcher.reload(running);
            printWarnings(loaded, err);
            out.println("reloaded " + running.config() + ": " + describe(loaded.config()));
        } catch (ConfigException e) {
            err.println("not reloaded, still serving the previous configuration: " + e.getMessage());
        }
        out.flush();
        err.flush();
    }

    private static void printWarnings(ServerConfigLoader.Loaded loaded, PrintWriter err) {
        for (ConfigProblem warning : loaded.warnings()) {
            err.println(warning);
        }
    }

    private static String describe(ServerConfig config) {
        long pools = config.subnets().stream().mapToLong(s -> s.pools().size()).sum();
        long reservations = config.subnets().stream().mapToLong(s -> s.reservations().size()).sum() + config.globalReservations().size();
        return config.subnets().size() + " subnet(s), " + pools + " pool(s), " + reservations + " reservation(s)";
    }
}
