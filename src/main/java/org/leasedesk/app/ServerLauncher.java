package org.leasedesk.app;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.platform.LocalInterface;
import org.leasedesk.platform.LocalInterfaces;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.server.DhcpServer;
import org.leasedesk.server.ServerListener;
import org.leasedesk.server.ServerOptions;
import org.leasedesk.server.ServerStartException;
import org.leasedesk.server.config.ConfigException;
import org.leasedesk.server.config.ServerConfig;
import org.leasedesk.server.config.ServerConfigLoader;
import org.leasedesk.store.EventRepository;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.LeaseWriter;
import org.leasedesk.store.StoreException;
import org.leasedesk.store.StoreMaintenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded server from a configuration file and a few choices about the network: the
 * one way the command line and the desktop start a server.
 */
public final class ServerLauncher {

    private static final Logger log = LoggerFactory.getLogger(ServerLauncher.class);

    /**
     * @param interfaceName the served interface; its first IPv4 address becomes the server identifier
     * @param serverIdentifier overrides the interface's address
     * @param database overrides the configuration's lease-database name and the per-user default
     * @param historyRetention history older than this is pruned while the server runs; empty keeps it forever
     * @param redirectReplies lab mode: every reply goes to this one socket, so nothing leaves the machine
     * @param sampleInterval how often pool utilisation is recorded
     */
    public record Request(Path config, Optional<String> interfaceName, InetAddress listenAddress, int serverPort, int clientPort,
                          Optional<Ipv4Address> serverIdentifier, Optional<Path> database, boolean checkpointSync,
                          Optional<Backups> backups, Optional<Duration> historyRetention,
                          Optional<InetSocketAddress> redirectReplies, Duration sampleInterval) {

        /** A request for a server on the network: replies go where the protocol says, sampled every minute. */
        public Request(Path config, Optional<String> interfaceName, InetAddress listenAddress, int serverPort, int clientPort,
                       Optional<Ipv4Address> serverIdentifier, Optional<Path> database, boolean checkpointSync,
                       Optional<Backups> backups, Optional<Duration> historyRetention) {
            this(config, interfaceName, listenAddress, serverPort, clientPort, serverIdentifier, database, checkpointSync, backups,
                    historyRetention, Optional.empty(), ServerOptions.DEFAULT_SAMPLE_INTERVAL);
        }

        public Request {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(interfaceName, "interfaceName");
            Objects.requireNonNull(listenAddress, "listenAddress");
            Objects.requireNonNull(serverIdentifier, "serverIdentifier");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(backups, "backups");
            Objects.requireNonNull(historyRetention, "historyRetention");
            Objects.requireNonNull(redirectReplies, "redirectReplies");
            Objects.requireNonNull(sampleInterval, "sampleInterval");
            historyRetention.filter(age -> age.isNegative() || age.isZero()).ifPresent(age -> {
                throw new IllegalArgumentException("the history retention must be positive, was " + age);
            });
        }
    }

    /** Scheduled backups of the lease database while the server runs: how often, where, how many to keep. */
    public record Backups(Duration every, Optional<Path> directory, int keep) {
        public Backups {
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("the backup interval must be positive, was " + every);
            }
            if (keep < 1) {
                throw new IllegalArgumentException("keep at least one backup, not " + keep);
            }
        }
    }

    /**
     * A started server, its database, its maintenance schedule (backups, history pruning, alert
     * checks) and its alert monitor (whose thresholds can be changed while it runs). Closing stops the
     * maintenance and the server (flushing every pending commit), then closes the database,
     * compacting its file, when the server opened it; a shared database stays open for its owner.
     */
    public record RunningServer(DhcpServer server, LeaseDatabase database, boolean ownsDatabase, Path config,
                                ServerConfigLoader.Loaded loaded, ScheduledExecutorService maintenance, AlertMonitor alerts)
            implements AutoCloseable {
        @Override
        public void close() {
            maintenance.shutdownNow();
            server.close();
            if (ownsDatabase) {
                database.closeAndCompact();
            }
        }
    }

    private final ServerConfigLoader loader = new ServerConfigLoader(OptionRegistry.standard());
    private final LocalInterfaces interfaces;
    private final Clock clock;
    private final AlertMonitor.Settings alertSettings;
    private final Duration alertCheckInterval;

    public ServerLauncher(LocalInterfaces interfaces, Clock clock) {
        this(interfaces, clock, AlertMonitor.Settings.DEFAULTS);
    }

    public ServerLauncher(LocalInterfaces interfaces, Clock clock, AlertMonitor.Settings alertSettings) {
        this(interfaces, clock, alertSettings, ServerOptions.DEFAULT_SAMPLE_INTERVAL);
    }

    /** @param alertCheckInterval how often the alert monitor looks at the server; tests shorten it */
    ServerLauncher(LocalInterfaces interfaces, Clock clock, AlertMonitor.Settings alertSettings, Duration alertCheckInterval) {
        this.interfaces = interfaces;
        this.clock = clock;
        this.alertSettings = Objects.requireNonNull(alertSettings, "alertSettings");
        this.alertCheckInterval = Objects.requireNonNull(alertCheckInterval, "alertCheckInterval");
    }

    /** Checks a configuration without starting anything, like {@code kea-dhcp4 -t}. */
    public ServerConfigLoader.Loaded check(Path config) throws ConfigException {
        return loader.load(config);
    }

    /**
     * Starts a server on the database the request names (else the configuration's, else the user's
     * default); its alerts reach the listener as alarms, after being logged and stored.
     */
    public RunningServer start(Request request, ServerListener listener) throws ConfigException, ServerStartException {
        ServerConfigLoader.Loaded loaded = loader.load(request.config());
        LeaseDatabase database;
        try {
            database = openDatabase(request.database(), loaded.config());
        } catch (StoreException e) {
            throw new ServerStartException(e.getMessage(), e);
        }
        try {
            return start(request, loaded, database, true, listener, alert -> listener.alarm(alert.event()));
        } catch (ServerStartException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Opens the lease database a server with this configuration uses: the one {@code chosen}, else the
     * configuration's lease-database name, else the user's default. Commands that work on a server's
     * leases while it is stopped (an import) open the same one this way.
     */
    public static LeaseDatabase openDatabase(Optional<Path> chosen, ServerConfig config) {
        return LeaseDatabase.open(databaseFile(chosen, config));
    }

    /** The lease database {@link #openDatabase} opens, without opening (or creating) it. */
    public static Path databaseFile(Optional<Path> chosen, ServerConfig config) {
        return chosen.or(() -> config.leaseDatabase().name().map(Path::of)).orElseGet(LeaseDatabase::defaultFile);
    }

    /**
     * Starts a server on a database its caller keeps open (the desktop, whose history and reports
     * read it whether a server runs or not); the request's database choice is not consulted. The
     * alert monitor's alerts go to {@code alerts}, with their level, after being logged and stored;
     * the listener hears the server's own alarms (a failed commit).
     */
    public RunningServer start(Request request, LeaseDatabase sharedDatabase, ServerListener listener,
                               AlertMonitor.AlertListener alerts) throws ConfigException, ServerStartException {
        return start(request, loader.load(request.config()), sharedDatabase, false, listener, alerts);
    }

    private RunningServer start(Request request, ServerConfigLoader.Loaded loaded, LeaseDatabase database, boolean ownsDatabase,
                                ServerListener listener, AlertMonitor.AlertListener told) throws ServerStartException {
        ServerConfig config = loaded.config();
        // The command line's interface replaces the file's list; otherwise every link the file names is served, and
        // the first one gives the server identifier where a link's own address is not known.
        List<String> served = request.interfaceName().map(List::of).orElse(config.interfaces());
        Optional<String> interfaceSpec = request.interfaceName().or(() -> firstConfiguredInterface(config));
        Ipv4Address serverId = request.serverIdentifier().isPresent() ? request.serverIdentifier().get()
                : serverIdentifierOf(interfaceSpec.orElseThrow(() -> new ServerStartException(
                        "name the interface to serve (--interface) or the server's address on it (--server-id)", null)));
        Optional<String> interfaceName = interfaceSpec.map(spec -> spec.split("/", 2)[0]);
        ServerOptions options = new ServerOptions(new InetSocketAddress(request.listenAddress(), request.serverPort()),
                request.clientPort(), serverId, interfaceName, Ipv4Address.BROADCAST.toInetAddress(), request.redirectReplies(),
                Duration.ofSeconds(10), 1024, request.sampleInterval(), served);
        LeaseWriter.Settings writer = LeaseWriter.Settings.DEFAULTS.withCheckpointSync(request.checkpointSync());
        DhcpServer server = DhcpServer.start(config, options, database, writer, clock, listener);
        ScheduledExecutorService maintenance = scheduleMaintenance(database, request);
        AlertMonitor alerts = new AlertMonitor(alertSettings, alertSink(database, told));
        every(maintenance, alertCheckInterval, "checking pool thresholds", () -> checkAlerts(server, alerts));
        return new RunningServer(server, database, ownsDatabase, request.config(), loaded, maintenance, alerts);
    }

    /**
     * Reads the running server's configuration file again and applies it atomically; a file with
     * errors changes nothing and says why.
     */
    public ServerConfigLoader.Loaded reload(RunningServer running) throws ConfigException {
        ServerConfigLoader.Loaded loaded = loader.load(running.config());
        running.server().reload(loaded.config()).join();
        return loaded;
    }

    /**
     * BACKUP TO and the pruning deletes are safe on the live database, so both run beside the server
     * on one thread of their own.
     */
    private ScheduledExecutorService scheduleMaintenance(LeaseDatabase database, Request request) {
        StoreMaintenance maintenance = new StoreMaintenance(database, clock);
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("lease-maintenance").daemon(true).factory());
        request.backups().ifPresent(backups -> {
            Path directory = backups.directory().orElse(database.file().resolveSibling("backups"));
            every(schedule, backups.every(), "scheduled backup of " + database.file(),
                    () -> maintenance.backupKeepingNewest(directory, backups.keep()));
        });
        request.historyRetention().ifPresent(retention -> every(schedule, pruneInterval(retention),
                "pruning the history of " + database.file(), () -> maintenance.pruneOlderThan(retention)));
        return schedule;
    }

    /** An alert is logged, stored in the lease history, and told on (the desktop's alert feed and notifications). */
    private static AlertMonitor.AlertListener alertSink(LeaseDatabase database, AlertMonitor.AlertListener told) {
        EventRepository history = new EventRepository(database);
        return alert -> {
            log.warn("{}: {}", alert.event().type(), alert.event().detail());
            try {
                history.append(alert.event());
            } finally {
                told.alert(alert);
            }
        };
    }

    /** Usage is computed on the packet thread; a server too busy to answer within seconds is checked next time. */
    private void checkAlerts(DhcpServer server, AlertMonitor alerts) {
        try {
            List<DhcpServer.SubnetUsage> usage = server.usage().get(5, TimeUnit.SECONDS);
            alerts.observe(clock.instant(), usage, server.statistics());
        } catch (TimeoutException e) {
            log.debug("pool usage not ready within 5 s; alerts are checked again in {}", alertCheckInterval);
        } catch (ExecutionException e) {
            log.warn("cannot read pool usage for alerts: {}", e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A failing check must not end the schedule: the next one may succeed.
            log.error("checking pool thresholds failed: {}", e.toString());
        }
    }

    /** Pruning a tenth of the retention at a time keeps the history within 10 % of its limit, checked at least hourly. */
    static Duration pruneInterval(Duration retention) {
        Duration tenth = retention.dividedBy(10);
        Duration hour = Duration.ofHours(1);
        return tenth.compareTo(hour) > 0 ? hour : tenth.isZero() ? Duration.ofMillis(1) : tenth;
    }

    private static void every(ScheduledExecutorService schedule, Duration period, String what, Runnable task) {
        schedule.scheduleAtFixedRate(() -> {
            try {
                task.run();
            } catch (StoreException e) {
                log.error("{} failed: {}", what, e.getMessage());
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Kea names interfaces as "eth0" or "eth0/192.0.2.1"; one configured interface needs no flag. */
    private static Optional<String> firstConfiguredInterface(ServerConfig config) {
        return config.interfaces().stream().filter(name -> !name.equals("*")).findFirst();
    }

    private Ipv4Address serverIdentifierOf(String interfaceSpec) throws ServerStartException {
        int slash = interfaceSpec.indexOf('/');
        if (slash >= 0) {
            try {
                return Ipv4Address.parse(interfaceSpec.substring(slash + 1));
            } catch (IllegalArgumentException e) {
                throw new ServerStartException("interface " + interfaceSpec + ": " + e.getMessage(), e);
            }
        }
        List<LocalInterface> local;
        try {
            local = interfaces.list();
        } catch (SocketException e) {
            throw new ServerStartException("cannot list this machine's interfaces: " + e.getMessage(), e);
        }
        LocalInterface found = local.stream().filter(nic -> nic.name().equals(interfaceSpec)).findFirst()
                .orElseThrow(() -> new ServerStartException("interface " + interfaceSpec + " does not exist here; this machine has "
                        + local.stream().map(LocalInterface::name).toList(), null));
        return found.addresses().stream().findFirst()
                .map(address -> Ipv4Address.of(address.address()))
                .orElseThrow(() -> new ServerStartException("interface " + interfaceSpec + " has no IPv4 address to serve from;"
                        + " give it one, or name the server's address with --server-id", null));
    }
}
