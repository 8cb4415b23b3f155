package org.leasedesk.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.leasedesk.app.lab.LabFleet;
import org.leasedesk.app.lab.LabNetwork;
import org.leasedesk.app.lab.LabSettings;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.platform.LocalInterfaces;
import org.leasedesk.server.DhcpServer;
import org.leasedesk.server.ServerOptions;
import org.leasedesk.server.ServerListener;
import org.leasedesk.server.ServerStartException;
import org.leasedesk.server.ServerStatistics;
import org.leasedesk.server.config.ConfigException;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.LeaseRepository;
import org.leasedesk.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop's session: one lease database, open for as long as the window is, and at most one
 * embedded server on it. History and reports read the database whether a server runs or not.
 *
 * <p>Starting and stopping run on the workbench's own thread and return futures, so a caller on the
 * JavaFX thread never waits for a socket or a commit. Listeners are called on server and workbench
 * threads; they must hand their work to their own thread.
 */
public final class Workbench implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Workbench.class);

    /** The file name Kea uses, so an admin recognises it and can hand it to Kea unchanged. */
    public static final String CONFIGURATION_FILE = "kea-dhcp4.conf";

    /** Where the embedded server stands. */
    public sealed interface ServerState {
        /** A one-line description for a status bar. */
        String summary();
    }

    public record Stopped() implements ServerState {
        @Override
        public String summary() {
            return "Server stopped";
        }
    }

    public record Starting(Path config) implements ServerState {
        @Override
        public String summary() {
            return "Starting the server with " + config.getFileName();
        }
    }

    /** @param lab whether this is the lab server on loopback, which answers no real client */
    public record Serving(String where, boolean lab, ServerLauncher.RunningServer running) implements ServerState {
        @Override
        public String summary() {
            return (lab ? "Lab server on " : "Serving on ") + where;
        }
    }

    /** @param reason what went wrong and what to do about it, in one or two sentences */
    public record Failed(String reason) implements ServerState {
        @Override
        public String summary() {
            return "Server not running: " + reason;
        }
    }

    /**
     * What the desktop hears: the server's state, every committed lease change, the server's own
     * alarms (a failed commit), and the alerts of its {@link AlertMonitor}.
     */
    public interface Listener extends ServerListener {
        default void serverStateChanged(ServerState state) {}

        /** A threshold crossing or a stuck or recovered server, already logged and stored in the history. */
        default void alert(AlertMonitor.Alert alert) {}
    }

    /**
     * How often the desktop's server checks its pools and grants for alerts: the dashboard should
     * hear a crossing within seconds, not the minute a headless server waits, and one usage
     * computation every two seconds is little beside the dashboard's own two a second.
     */
    static final Duration ALERT_CHECK_INTERVAL = Duration.ofSeconds(2);

    private final LeaseDatabase database;
    private final ServerLauncher launcher;
    private final ExecutorService control = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("workbench-control").daemon(true).factory());
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ServerListener fanOut = new ServerListener() {
        @Override
        public void leaseChanged(LeaseEvent event) {
            listeners.forEach(listener -> listener.leaseChanged(event));
        }

        @Override
        public void alarm(LeaseEvent alarm) {
            listeners.forEach(listener -> listener.alarm(alarm));
        }
    };
    private volatile ServerState state = new Stopped();
    private volatile Supplier<Thresholds> thresholds = () -> Thresholds.DEFAULTS;
    /** The lab's client fleet while the lab server runs; set before the server starts so a listener hearing Serving finds it. */
    private volatile Optional<LabFleet> lab = Optional.empty();

    private Workbench(LeaseDatabase database, ServerLauncher launcher) {
        this.database = database;
        this.launcher = launcher;
    }

    /** The lease database cannot be opened: held by another process, unreadable, or too new a schema. */
    public static final class OpenFailedException extends RuntimeException {
        OpenFailedException(StoreException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Opens the session on a lease database file, creating it if needed. */
    public static Workbench open(Path databaseFile, Clock clock) {
        return open(() -> LeaseDatabase.open(databaseFile), clock);
    }

    /** Opens the session on the user's default lease database. */
    public static Workbench openDefault(Clock clock) {
        return open(LeaseDatabase::openDefault, clock);
    }

    private static Workbench open(Supplier<LeaseDatabase> opening, Clock clock) {
        try {
            return new Workbench(opening.get(),
                    new ServerLauncher(new LocalInterfaces(), clock, AlertMonitor.Settings.DEFAULTS, ALERT_CHECK_INTERVAL));
        } catch (StoreException e) {
            throw new OpenFailedException(e);
        }
    }

    /** For app-layer services (history, reports) that read the session's database. */
    public LeaseDatabase database() {
        return database;
    }

    public Path databaseFile() {
        return database.file();
    }

    /** The directory of the lease database, where the desktop also keeps its configuration and settings. */
    public Path dataDirectory() {
        return database.file().toAbsolutePath().getParent();
    }

    /** The server configuration the desktop starts a real server with; the first-start setup writes it. */
    public Path configurationFile() {
        return dataDirectory().resolve(CONFIGURATION_FILE);
    }

    /** The configuration the lab writes afresh for each run. */
    public Path labConfigurationFile() {
        return dataDirectory().resolve("lab").resolve(CONFIGURATION_FILE);
    }

    public boolean hasConfiguration() {
        return Files.isRegularFile(configurationFile());
    }

    /** The lab's simulated client fleet, while the lab runs. */
    public Optional<LabFleet> lab() {
        return lab;
    }

    public ServerState state() {
        return state;
    }

    public Optional<DhcpServer> server() {
        return state instanceof Serving serving ? Optional.of(serving.running().server()) : Optional.empty();
    }

    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /**
     * Starts a server on this session's database; a running one is stopped first. The future
     * completes with the new state, {@link Failed} with a clear reason rather than an exception.
     */
    public CompletableFuture<ServerState> start(ServerLauncher.Request request, boolean lab) {
        return CompletableFuture.supplyAsync(() -> {
            stopServer();
            return startServer(request, lab);
        }, control);
    }

    /**
     * Starts a server with the desktop's configuration file on the real network: port 67 on every
     * address, the interface the configuration names. Needs root or cap_net_bind_service; without
     * them the state is {@link Failed} with the launcher's explanation.
     */
    public CompletableFuture<ServerState> startConfigured(Optional<Duration> historyRetention, Duration sampleInterval) {
        ServerLauncher.Request request = new ServerLauncher.Request(configurationFile(), Optional.empty(),
                anyLocalAddress(), ServerOptions.SERVER_PORT, ServerOptions.CLIENT_PORT, Optional.empty(), Optional.empty(), false,
                Optional.empty(), historyRetention, Optional.empty(), sampleInterval);
        return start(request, false);
    }

    private static InetAddress anyLocalAddress() {
        return new InetSocketAddress(0).getAddress();
    }

    /**
     * Starts the lab: writes a lab configuration sized for the settings' pool into the data directory,
     * starts a server on 127.0.0.1 on an ephemeral port whose every reply goes to the fleet's socket,
     * then the simulated fleet. A running server or lab is stopped first.
     */
    public CompletableFuture<ServerState> startLab(LabSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return CompletableFuture.supplyAsync(() -> {
            stopServer();
            LabNetwork network = LabNetwork.forPoolSize(settings.poolSize());
            Path config = labConfigurationFile();
            LabFleet fleet;
            try {
                Files.createDirectories(config.getParent());
                Files.writeString(config, network.configuration(settings));
                fleet = LabFleet.open(settings);
            } catch (IOException e) {
                return publish(new Failed("cannot prepare the lab in " + config.getParent() + ": " + e.getMessage()));
            }
            lab = Optional.of(fleet);
            ServerLauncher.Request request = new ServerLauncher.Request(config, Optional.empty(),
                    InetAddress.getLoopbackAddress(), 0, fleet.localAddress().getPort(), Optional.of(network.serverId()),
                    Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.of(fleet.localAddress()),
                    settings.sampleInterval());
            ServerState started = startServer(request, true);
            if (started instanceof Serving serving) {
                fleet.start(serving.running().server().localAddress(), network.serverId());
            } else {
                lab = Optional.empty();
                fleet.close();
            }
            return started;
        }, control);
    }

    private ServerState startServer(ServerLauncher.Request request, boolean lab) {
        publish(new Starting(request.config()));
        try {
            ServerLauncher.RunningServer running = launcher.start(request, database, fanOut,
                    alert -> listeners.forEach(listener -> listener.alert(alert)));
            running.alerts().setDefaults(thresholds.get());
            InetSocketAddress listening = running.server().localAddress();
            String where = listening.getHostString() + ":" + listening.getPort();
            log.info("workbench serving on {} with {}", where, request.config());
            return publish(new Serving(where, lab, running));
        } catch (ConfigException | ServerStartException e) {
            return publish(new Failed(e.getMessage()));
        }
    }

    /**
     * Where servers take the pool thresholds their alerts use: the desktop's settings, so history,
     * alert feed and dashboard agree. A server reads them when it starts and on {@link #applyThresholds}.
     */
    public void thresholdsFrom(Supplier<Thresholds> source) {
        thresholds = Objects.requireNonNull(source, "source");
    }

    /**
     * Hands the thresholds the source gives now to the running server's alert monitor; its next
     * check raises or clears by them. On the workbench's thread: the monitor may be busy storing an
     * alert.
     */
    public CompletableFuture<Void> applyThresholds() {
        return CompletableFuture.runAsync(() -> {
            if (state instanceof Serving serving) {
                serving.running().alerts().setDefaults(thresholds.get());
            }
        }, control);
    }

    /** Stops the server, if one runs, after every pending commit is flushed. */
    public CompletableFuture<ServerState> stop() {
        return CompletableFuture.supplyAsync(this::stopServer, control);
    }

    /**
     * Reads the running server's configuration file again and applies it atomically; a file with
     * errors changes nothing and the future fails with a {@link ConfigException} saying why.
     */
    public CompletableFuture<Void> reload() {
        return CompletableFuture.runAsync(() -> {
            if (!(state instanceof Serving serving)) {
                throw new IllegalStateException("no server is running to reload");
            }
            try {
                launcher.reload(serving.running());
            } catch (ConfigException e) {
                throw new CompletionException(e);
            }
        }, control);
    }

    /** The leases as the running server holds them, else as the database last stored them. */
    public CompletableFuture<List<Lease>> leases() {
        return server().map(DhcpServer::leases)
                .orElseGet(() -> CompletableFuture.supplyAsync(() -> new LeaseRepository(database).loadAll().leases(), control));
    }

    /** The running server's packet counters; empty when none runs. */
    public Optional<ServerStatistics.Snapshot> statistics() {
        return server().map(DhcpServer::statistics);
    }

    private ServerState stopServer() {
        // The fleet stops first, so the server's last answers find nobody rather than a closing socket.
        lab.ifPresent(LabFleet::close);
        lab = Optional.empty();
        if (state instanceof Serving serving) {
            serving.running().close();
            log.info("workbench stopped the server on {}", serving.where());
        }
        return state instanceof Stopped ? state : publish(new Stopped());
    }

    private ServerState publish(ServerState next) {
        state = next;
        listeners.forEach(listener -> listener.serverStateChanged(next));
        return next;
    }

    /** Stops the server and closes the database, compacting its file. */
    @Override
    public void close() {
        try {
            stop().join();
        } finally {
            control.shutdown();
            database.closeAndCompact();
        }
    }
}
