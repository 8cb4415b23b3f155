package org.leasedesk.app;

import java.io.IOException;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.leasedesk.client.ClientSettings;
import org.leasedesk.client.DhcpTransport;
import org.leasedesk.client.DiscoveryReport;
import org.leasedesk.client.DiscoveryScan;
import org.leasedesk.client.ExchangeListener;
import org.leasedesk.client.ExchangeLog;
import org.leasedesk.client.ExecutorClientScheduler;
import org.leasedesk.platform.BackendLease;
import org.leasedesk.platform.CommandOutput;
import org.leasedesk.platform.CommandRunner;
import org.leasedesk.platform.DhcpBackend;
import org.leasedesk.platform.DhcpBackends;
import org.leasedesk.platform.DhcpOwner;
import org.leasedesk.platform.DhcpOwnership;
import org.leasedesk.platform.InterfaceName;
import org.leasedesk.platform.InterfaceNames;
import org.leasedesk.platform.LinuxAddressConfigurator;
import org.leasedesk.platform.LinuxDhcpOwners;
import org.leasedesk.platform.LinuxLinks;
import org.leasedesk.platform.LocalInterface;
import org.leasedesk.platform.LocalInterfaces;
import org.leasedesk.platform.OperationOutcome;
import org.leasedesk.platform.PlatformException;
import org.leasedesk.platform.Privileges;
import org.leasedesk.platform.ProcessCommandRunner;
import org.leasedesk.protocol.HardwareAddress;
import org.leasedesk.store.ClientHistoryRepository;
import org.leasedesk.store.LeaseDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Release, renew and discovery on this machine's interfaces, through whoever manages DHCP on
 * each: the system's client when there is one, LeaseDesk's own client otherwise. What the
 * desktop's Interfaces page and {@code leasedesk client} call. Every failure is a
 * {@link ControlException} with one sentence; every operation reports its steps to an
 * {@link ExchangeListener} as they happen.
 *
 * <p>Interfaces are looked up in the network namespace of the calling thread.
 */
public final class InterfaceControl {

    private static final Logger LOG = LoggerFactory.getLogger(InterfaceControl.class);

    /** An interface with the backend that would act on it and what its buttons really do. */
    public record ManagedInterface(LocalInterface details, String backend, String releaseDescription, String renewDescription) {
        public ManagedInterface {
            Objects.requireNonNull(details, "details");
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(releaseDescription, "releaseDescription");
            Objects.requireNonNull(renewDescription, "renewDescription");
        }
    }

    /** Who manages the interface, through which backend, and the lease it holds now. */
    public record Status(String interfaceName, DhcpOwnership owner, String backend, String releaseDescription, String renewDescription,
            Optional<BackendLease> lease) {
        public Status {
            Objects.requireNonNull(interfaceName, "interfaceName");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(lease, "lease");
        }
    }

    /** What a release or renew did: the backend, its description, the commands it ran and the lease read back. */
    public record Result(String interfaceName, String backend, String description, List<String> commands, Optional<BackendLease> lease) {
        public Result {
            commands = List.copyOf(commands);
        }
    }

    private final CommandRunner runner;
    private final Privileges privileges;
    private final LinuxDhcpOwners owners;
    private final DhcpBackends backends;
    private final LeaseDatabase database;
    private final ClientOptions options;
    private final Clock clock;
    private final boolean linux;
    private final String osName;

    InterfaceControl(CommandRunner runner, Privileges privileges, LinuxDhcpOwners owners, LeaseDatabase database, ClientOptions options,
            Clock clock, String osName) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.privileges = Objects.requireNonNull(privileges, "privileges");
        this.owners = Objects.requireNonNull(owners, "owners");
        this.backends = new DhcpBackends(runner);
        this.database = Objects.requireNonNull(database, "database");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.osName = osName.toLowerCase(Locale.ROOT);
        this.linux = this.osName.startsWith("linux");
    }

    /** Control of this machine's interfaces; client history and remembered leases go to {@code database}. */
    public static InterfaceControl forThisMachine(LeaseDatabase database, ClientOptions options) {
        return new InterfaceControl(new ProcessCommandRunner(), new Privileges(), new LinuxDhcpOwners(), database, options,
                Clock.systemUTC(), System.getProperty("os.name"));
    }

    /** Every interface with its owner and the backend that would act on it; loopback is left out. */
    public List<ManagedInterface> interfaces() {
        List<LocalInterface> local;
        try {
            local = new LocalInterfaces().list();
        } catch (SocketException e) {
            throw new ControlException("Cannot list the network interfaces: " + e.getMessage(), e);
        }
        List<ManagedInterface> managed = new ArrayList<>();
        for (LocalInterface nic : local) {
            if (nic.loopback()) {
                continue;
            }
            Optional<DhcpBackend> backend = systemBackend(nic.dhcp());
            managed.add(new ManagedInterface(nic, backend.map(DhcpBackend::name).orElse(EMBEDDED_NAME),
                    backend.map(DhcpBackend::releaseDescription).orElse(EMBEDDED_RELEASE),
                    backend.map(DhcpBackend::renewDescription).orElse(EMBEDDED_RENEW)));
        }
        return managed;
    }

    private static final String EMBEDDED_NAME = "LeaseDesk's own client";
    private static final String EMBEDDED_RELEASE = "LeaseDesk's own client sends a DHCPRELEASE for the lease it holds and removes the address.";
    private static final String EMBEDDED_RENEW = "LeaseDesk's own client renews (or obtains) a lease and puts it on the interface.";

    public Status status(String interfaceName) {
        Target target = resolve(interfaceName);
        DhcpBackend backend = backendFor(target, (exchange, entry) -> { });
        return new Status(target.name().value(), target.owner(), backend.name(), backend.releaseDescription(), backend.renewDescription(),
                guard(() -> backend.currentLease(target.name())));
    }

    public Result release(String interfaceName, ExchangeListener listener) {
        return operate(interfaceName, listener, "release", DhcpBackend::release);
    }

    public Result renew(String interfaceName, ExchangeListener listener) {
        return operate(interfaceName, listener, "renew", DhcpBackend::renew);
    }

    /**
     * Broadcasts one DISCOVER on the interface and lists every server that offers within the
     * window, without requesting anything. It runs beside whatever client manages the interface.
     */
    public DiscoveryReport discover(String interfaceName, Duration window, ExchangeListener listener) {
        Target target = resolve(interfaceName);
        requirePrivileges();
        HardwareAddress mac = hardwareAddress(target);
        LinuxAddressConfigurator configurator = new LinuxAddressConfigurator(runner);
        ExchangeLog log = new ExchangeLog(clock);
        log.addListener(listener);
        DhcpTransport transport = openTransport();
        boolean routed = false;
        try (ExecutorClientScheduler scheduler = new ExecutorClientScheduler(options.threads(), "scan " + target.name())) {
            if (options.applyAddress() && linux) {
                configurator.addBroadcastRoute(target.name());
                routed = true;
            }
            DiscoveryScan scan = new DiscoveryScan(ClientSettings.forInterface(target.name().value(), mac), transport, scheduler,
                    new SplittableRandom(), log);
            return scan.run(window).get(window.plus(options.timeout()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (PlatformException e) {
            throw new ControlException(e.getMessage(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ControlException("The discovery scan on " + target.name() + " did not finish: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException("Interrupted during the discovery scan on " + target.name() + ".", e);
        } finally {
            transport.close();
            if (routed) {
                configurator.removeBroadcastRoute(target.name());
            }
        }
    }

    @FunctionalInterface
    private interface Operation {
        OperationOutcome run(DhcpBackend backend, InterfaceName interfaceName);
    }

    private Result operate(String interfaceName, ExchangeListener listener, String verb, Operation operation) {
        Target target = resolve(interfaceName);
        DhcpBackend backend = backendFor(target, listener);
        // The system's client does the exchange itself: its commands and the lease read back are the timeline.
        ExchangeLog steps = new ExchangeLog(clock);
        boolean system = !(backend instanceof EmbeddedClientBackend);
        if (system) {
            steps.addListener(listener);
            steps.begin(verb + " " + target.name() + " through " + backend.name());
        }
        OperationOutcome outcome = guard(() -> operation.run(backend, target.name()));
        if (system) {
            for (CommandOutput command : outcome.commands()) {
                steps.note("ran " + String.join(" ", command.command()) + " (exit " + command.exitCode() + ")");
            }
            steps.note(outcome.leaseAfter().map(lease -> "lease now: " + lease.summary())
                    .orElse(verb.equals("release") ? "no lease held" : "the client reports no lease"));
        }
        LOG.info("{} {} through {}: {}", verb, target.name(), backend.name(), outcome.leaseAfter().map(BackendLease::summary).orElse("no lease"));
        return new Result(target.name().value(), backend.name(), outcome.description(),
                outcome.commands().stream().map(command -> String.join(" ", command.command())).toList(), outcome.leaseAfter());
    }

    /** The interface, checked against this namespace's real ones, and who manages DHCP on it. */
    private record Target(InterfaceName name, Optional<String> mac, DhcpOwnership owner) {}

    private Target resolve(String interfaceName) {
        if (!linux) {
            InterfaceName name = guard(() -> InterfaceNames.existing(interfaceName));
            DhcpOwner owner = osName.startsWith("windows") ? DhcpOwner.WINDOWS : osName.startsWith("mac") ? DhcpOwner.MACOS : DhcpOwner.NONE;
            return new Target(name, Optional.empty(), new DhcpOwnership(owner, OptionalLong.empty(), "the operating system's DHCP client"));
        }
        List<LinuxLinks.Link> links = guard(() -> new LinuxLinks(runner).list());
        LinuxLinks.Link link = links.stream().filter(candidate -> candidate.name().value().equals(interfaceName)).findFirst()
                .orElseThrow(() -> new ControlException("There is no network interface named '" + interfaceName + "' on this machine."));
        Set<String> names = links.stream().map(candidate -> candidate.name().value()).collect(Collectors.toUnmodifiableSet());
        DhcpOwnership owner = interfaceName.equals("lo")
                ? new DhcpOwnership(DhcpOwner.NONE, OptionalLong.empty(), "loopback interfaces do not use DHCP")
                : owners.ownerOf(interfaceName, link.index(), names);
        return new Target(link.name(), link.mac(), owner);
    }

    private Optional<DhcpBackend> systemBackend(DhcpOwnership owner) {
        try {
            return backends.forOwner(owner);
        } catch (PlatformException | UnsatisfiedLinkError e) {
            throw new ControlException(e.getMessage(), e);
        }
    }

    private DhcpBackend backendFor(Target target, ExchangeListener listener) {
        Optional<DhcpBackend> system = systemBackend(target.owner());
        if (system.isPresent()) {
            return system.get();
        }
        requirePrivileges();
        return new EmbeddedClientBackend(options, new ClientHistoryRepository(database), new LinuxAddressConfigurator(runner),
                hardwareAddress(target), listener, clock);
    }

    /** Said before anything is tried, so the admin reads what is needed rather than what failed. */
    private void requirePrivileges() {
        if (!linux || options.needsPrivileges()) {
            privileges.embeddedClientProblem().ifPresent(problem -> {
                throw new ControlException(problem);
            });
        }
    }

    private HardwareAddress hardwareAddress(Target target) {
        return options.hardwareAddress().or(() -> target.mac().map(HardwareAddress::parse))
                .orElseThrow(() -> new ControlException(target.name() + " has no hardware address, so a DHCP client cannot run on it."));
    }

    private DhcpTransport openTransport() {
        try {
            return options.openTransport();
        } catch (IOException e) {
            throw new ControlException(e.getMessage(), e);
        }
    }

    /** Runs platform work, turning its one-sentence failures into this layer's. */
    private static <T> T guard(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (PlatformException | IllegalArgumentException e) {
            throw new ControlException(e.getMessage(), e);
        }
    }
}
