package org.leasedesk.server;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.leasedesk.lease.AddressMap;
import org.leasedesk.lease.DeniedClient;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.lease.PoolUsage;
import org.leasedesk.lease.UtilisationSample;
import org.leasedesk.protocol.DhcpCodec;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.platform.LinkLayerSender;
import org.leasedesk.platform.PortHolder;
import org.leasedesk.platform.ProcessDescriptions;
import org.leasedesk.protocol.MalformedPacketException;
import org.leasedesk.server.allocation.AllocationEngine;
import org.leasedesk.server.config.ServerConfig;
import org.leasedesk.server.transport.Arrival;
import org.leasedesk.server.transport.PortInUseException;
import org.leasedesk.server.transport.ServerTransport;
import org.leasedesk.server.transport.TransportSettings;
import org.leasedesk.server.transport.Transports;
import org.leasedesk.store.DenyListRepository;
import org.leasedesk.store.LeaseChange;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.LeaseLoad;
import org.leasedesk.store.LeaseRepository;
import org.leasedesk.store.LeaseWriter;
import org.leasedesk.store.UtilisationRepository;
import org.leasedesk.store.WriteRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The embedded DHCPv4 server: an object the desktop and the {@code serve} command start, observe
 * and stop.
 *
 * <p>Three kinds of thread: the receive threads (one per socket) only move datagrams into a
 * bounded queue (shedding load when it is full); the packet thread decodes, decides and owns the
 * allocation engine, and also runs reclamation; the lease writer commits changes in batches. An
 * ACK is sent by the writer's completion, so it never leaves before its lease is committed; when a
 * commit fails, the packet thread puts the address back as the store still has it.
 */
public final class DhcpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DhcpServer.class);
    private static final int MAX_DATAGRAM = 65_535;
    private static final HexFormat HEX = HexFormat.of();

    // Replaced together by reload(), on the packet thread, which is the only thread that reads them.
    private ServerConfig config;
    private AllocationEngine engine;
    private PacketProcessor processor;
    private final ServerOptions options;
    private final Clock clock;
    private final ServerListener listener;
    private final DhcpCodec codec = new DhcpCodec();
    private final ServerStatistics statistics = new ServerStatistics();
    private final ServerTransport transport;
    /** Delivers replies to clients that have no address yet; without it they are broadcast. */
    private final Optional<LinkLayerSender> linkLayer;
    private final LeaseWriter writer;
    private final UtilisationRepository samples;
    private final DenyListRepository denyList;
    /** Quarantined hardware addresses: written on the packet thread, read by it for every DISCOVER and REQUEST. */
    private final Map<HardwareAddress, DeniedClient> denied = new ConcurrentHashMap<>();
    private final ExecutorService sampleWriter;
    private final InboundQueue inbound;
    private final Queue<Runnable> internal = new ConcurrentLinkedQueue<>();
    private final List<Thread> receiveThreads;
    private final Thread packetThread;
    private volatile boolean running = true;

    private DhcpServer(ServerConfig config, ServerOptions options, LeaseDatabase database, LeaseWriter.Settings writerSettings,
                       Clock clock, ServerListener listener) throws ServerStartException {
        this.config = config;
        this.options = options;
        this.clock = clock;
        this.listener = listener;
        LeaseLoad load = new LeaseRepository(database).loadAll();
        load.rejected().forEach(row -> log.warn("skipped a stored lease that does not validate: {}", row));
        this.engine = new AllocationEngine(config, load.leases(), options.offerHold(), clock);
        this.denyList = new DenyListRepository(database);
        denyList.all().forEach(client -> denied.put(client.hardwareAddress(), client));
        this.inbound = new InboundQueue(options.receiveQueueCapacity());
        this.transport = open(options);
        this.processor = new PacketProcessor(config, engine, options, clock, denied::containsKey, transport::isOwnAddress);
        this.linkLayer = options.redirectReplies().isPresent() ? Optional.empty() : LinkLayerSender.open();
        this.writer = new LeaseWriter(database, writerSettings, clock, alarm -> listener.alarm(alarm));
        this.samples = new UtilisationRepository(database);
        // Samples are written off the packet thread: a slow disk must not delay answers.
        this.sampleWriter = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("utilisation-samples").factory());
        this.packetThread = Thread.ofPlatform().name("dhcp-packets").daemon(false).unstarted(this::processLoop);
        this.receiveThreads = transport.receivers().stream()
                .map(receiver -> Thread.ofPlatform().name("dhcp-receive").daemon(true).unstarted(() -> receiveLoop(receiver)))
                .toList();
        log.info("serving {} subnet(s) on {} as {} with {} stored lease(s) and {} denied client(s)", config.subnets().size(),
                options.listen(), options.serverIdentifier(), load.leases().size(), denied.size());
    }

    /** Opens the socket, loads the stored leases and starts serving. */
    public static DhcpServer start(ServerConfig config, ServerOptions options, LeaseDatabase database,
                                   LeaseWriter.Settings writerSettings, Clock clock, ServerListener listener)
            throws ServerStartException {
        DhcpServer server = new DhcpServer(config, options, database, writerSettings, clock, listener);
        server.packetThread.start();
        server.receiveThreads.forEach(Thread::start);
        return server;
    }

    /** Opens the sockets, turning a port held by another program into a message that names it. */
    private static ServerTransport open(ServerOptions options) throws ServerStartException {
        TransportSettings settings = new TransportSettings(options.listen(), options.serverIdentifier(), options.interfaces(),
                options.redirectReplies().isPresent());
        try {
            return Transports.open(settings);
        } catch (PortInUseException e) {
            String holder = PortHolder.ofUdpPort(e.port()).stream()
                    .mapToObj(pid -> " by " + ProcessDescriptions.describe(pid))
                    .findFirst().orElse(" by another program ('ss -ulpn sport = :" + e.port() + "' shows which)");
            throw new ServerStartException("UDP port " + e.port() + " is already in use" + holder
                    + ": only one DHCP server may serve a port, or both would hand out the same addresses", e);
        } catch (IOException e) {
            String reason = String.valueOf(e.getMessage());
            if (reason.contains("ermission")) {
                throw new ServerStartException("port " + options.serverPort() + " needs privileges: run LeaseDesk as root, or let"
                        + " its Java bind low ports with 'setcap cap_net_bind_service=+ep' on the java binary", e);
            }
            throw new ServerStartException("cannot listen on " + options.listen() + ": " + reason, e);
        }
    }

    private void receiveLoop(ServerTransport.Receiver receiver) {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (running) {
            try {
                Optional<ServerTransport.Inbound> received = receiver.receive(buffer);
                if (received.isPresent() && !inbound.offer(Arrays.copyOf(buffer, received.get().length()), received.get().source(),
                        received.get().arrival())) {
                    statistics.dropped(DropReason.QUEUE_FULL);
                }
            } catch (IOException e) {
                if (!running) {
                    return;
                }
                log.warn("receiving on {} failed: {}", options.listen(), e.getMessage());
            }
        }
    }

    private void processLoop() {
        Instant nextReclamation = clock.instant().plus(config.reclamation().interval());
        Instant nextSample = clock.instant().plus(options.sampleInterval());
        while (running || !inbound.isEmpty()) {
            for (Runnable task; (task = internal.poll()) != null; ) {
                task.run();
            }
            try {
                InboundQueue.Received received = inbound.poll(100, TimeUnit.MILLISECONDS);
                if (received != null) {
                    handle(received);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A bug for one packet must not stop the server for everyone: log it with the packet's context and go on.
                log.error("handling a packet failed", e);
            }
            if (!clock.instant().isBefore(nextReclamation)) {
                reclaim();
                nextReclamation = clock.instant().plus(config.reclamation().interval());
            }
            if (!clock.instant().isBefore(nextSample)) {
                sample();
                nextSample = clock.instant().plus(options.sampleInterval());
            }
        }
    }

    private void handle(InboundQueue.Received received) {
        DhcpMessage request;
        try {
            request = codec.decode(received.bytes());
        } catch (MalformedPacketException e) {
            statistics.dropped(DropReason.MALFORMED);
            log.debug("dropped a malformed packet from {}: {}", received.source(), e.getMessage());
            return;
        }
        request.messageType().ifPresent(statistics::received);
        // HexFormat rather than String.format: this runs for every packet, and the format parser was
        // an eighth of the packet thread's time under perfdhcp.
        MDC.put("xid", "0x" + HEX.toHexDigits(request.xid()));
        MDC.put("mac", request.hardwareAddress().toString());
        try {
            switch (processor.handle(request, received.arrival())) {
                case Decision.Reply reply -> {
                    send(reply, received.arrival());
                    reply.history().ifPresent(writer::record);
                }
                case Decision.Commit commit -> commit(commit, Optional.of(received.arrival()));
                case Decision.Drop drop -> {
                    statistics.dropped(drop.reason());
                    log.debug("no reply ({}): {}", drop.reason().description(), drop.detail());
                }
            }
        } finally {
            MDC.remove("xid");
            MDC.remove("mac");
        }
    }

    /** Stores the change; the reply, if any, leaves only once the commit succeeded, through the link its request came by. */
    private void commit(Decision.Commit commit, Optional<Arrival> replyVia) {
        Lease lease = commit.change().lease();
        writer.submit(commit.change()).whenComplete((stored, failure) -> {
            if (failure == null) {
                commit.reply().ifPresent(reply -> send(reply, replyVia.orElseThrow()));
                listener.leaseChanged(commit.change().event());
            } else {
                statistics.dropped(DropReason.STORE_REJECTED);
                // Shedding under overload is counted, not logged per packet: at thousands a second the
                // lines flooded the log, written by the packet thread just when it was busiest.
                boolean shed = failure instanceof WriteRejectedException rejected
                        && rejected.reason() == WriteRejectedException.Reason.QUEUE_FULL;
                if (shed) {
                    log.debug("not acknowledging {} for {}: {}", lease.address(), lease.clientKey(), failure.getMessage());
                } else {
                    log.error("not acknowledging {} for {}: the lease store did not take it ({})", lease.address(),
                            lease.clientKey(), failure.getMessage());
                }
                internal.add(() -> engine.restore(lease.address(), commit.before()));
            }
        });
    }

    private void send(Decision.Reply reply, Arrival arrival) {
        DhcpMessage message = reply.message();
        InetSocketAddress destination = reply.destination();
        try {
            byte[] bytes = codec.encode(message, reply.maxMessageSize());
            if (ReplyRouting.needsLinkLayer(message, destination)) {
                if (linkLayer.isPresent() && arrival.interfaceIndex() > 0) {
                    linkLayer.get().send(arrival.interfaceIndex(), arrival.serverAddress().toInetAddress(), options.serverPort(),
                            message.yiaddr(), destination.getPort(), message.hardwareAddress().bytes(), bytes);
                    message.messageType().ifPresent(statistics::sent);
                    log.debug("sent {} to {} at {}", message.summary(), destination, message.hardwareAddress());
                    return;
                }
                // Without a packet socket, broadcast is the one way to reach a client that has no address yet.
                destination = new InetSocketAddress(options.broadcastTarget(), destination.getPort());
            }
            transport.send(bytes, bytes.length, destination, arrival);
            message.messageType().ifPresent(statistics::sent);
            log.debug("sent {} to {}", message.summary(), destination);
        } catch (IllegalArgumentException e) {
            statistics.dropped(DropReason.REPLY_TOO_LARGE);
            log.warn("reply to {} does not fit {} bytes: {}", message.hardwareAddress(), reply.maxMessageSize(), e.getMessage());
        } catch (IOException | LastErrorException e) {
            log.warn("sending {} to {} failed: {}", message.summary(), destination, e.getMessage());
        }
    }

    /** Expires ended leases and ends finished probations, within the cycle's budget (see {@link ReclamationBudget}). */
    private void reclaim() {
        engine.tick();
        Instant now = clock.instant();
        ReclamationBudget budget = ReclamationBudget.of(config.reclamation());
        List<Lease> due = engine.expired(budget.maxLeases());
        int reclaimed = budget.spend(due, clock, lease -> {
            boolean probation = lease.state() == LeaseState.DECLINED;
            Lease next = probation ? lease.reclaimed(now) : lease.expired(now);
            engine.record(next);
            commit(new Decision.Commit(new LeaseChange(next, LeaseEvent.of(probation ? LeaseEventType.RECLAIMED : LeaseEventType.EXPIRED,
                    next, now, probation ? "decline probation ended" : "lease lifetime ended")), Optional.of(lease), Optional.empty()),
                    Optional.empty());
        });
        if (reclaimed < due.size() || reclaimed == budget.maxLeases()) {
            log.warn("reclamation left expired leases for the next cycle ({} reclaimed; max-reclaim-leases {}, max-reclaim-time {} ms)",
                    reclaimed, config.reclamation().maxLeasesPerCycle(), config.reclamation().maxTimePerCycle().toMillis());
        }
    }

    private void sample() {
        Instant now = clock.instant();
        List<UtilisationSample> taken = currentUsage().stream()
                .map(pool -> new UtilisationSample(now, pool.subnetId(), pool.poolId(), pool.usage()))
                .toList();
        sampleWriter.execute(() -> {
            try {
                samples.record(taken);
            } catch (RuntimeException e) {
                log.warn("recording {} utilisation sample(s) failed: {}", taken.size(), e.getMessage());
            }
        });
    }

    /**
     * Applies a new configuration atomically: between two packets, the allocation engine is rebuilt
     * from the current leases under the new subnets and pools. Leases stay valid where their subnet
     * still exists; pending offers are forgotten.
     */
    public CompletableFuture<Void> reload(ServerConfig newConfig) {
        return onPacketThread(() -> {
            AllocationEngine rebuilt = new AllocationEngine(newConfig, engine.leases(), options.offerHold(), clock);
            engine = rebuilt;
            processor = new PacketProcessor(newConfig, rebuilt, options, clock, denied::containsKey, transport::isOwnAddress);
            config = newConfig;
            log.info("configuration reloaded: {} subnet(s)", newConfig.subnets().size());
            return null;
        });
    }

    /** Packet counters and drops by reason. */
    public ServerStatistics.Snapshot statistics() {
        return statistics.snapshot();
    }

    /** The usage of every pool, computed on the packet thread (which owns the engine). */
    public CompletableFuture<List<SubnetUsage>> usage() {
        return onPacketThread(this::currentUsage);
    }

    private List<SubnetUsage> currentUsage() {
        return config.subnets().stream()
                .flatMap(subnet -> IntStream.range(0, subnet.pools().size())
                        .mapToObj(i -> new SubnetUsage(subnet.id(), i + 1, subnet.pools().get(i).pool().toString(),
                                engine.usage(subnet.id(), i))))
                .toList();
    }

    /** Every lease the server holds, current or kept for affinity, as the packet thread sees it. */
    public CompletableFuture<List<Lease>> leases() {
        return onPacketThread(engine::leases);
    }

    /** The leases now on {@code addresses} (those that have one), as the packet thread sees them. */
    public CompletableFuture<List<Lease>> leasesAt(java.util.Collection<Ipv4Address> addresses) {
        List<Ipv4Address> wanted = List.copyOf(addresses);
        return onPacketThread(() -> wanted.stream().flatMap(address -> engine.leaseAt(address).stream()).toList());
    }

    /** Where replies go in lab and test mode instead of where the protocol says; empty on a real network. */
    public Optional<InetSocketAddress> redirectReplies() {
        return options.redirectReplies();
    }

    /** The configuration being served: the one started with, or the last reload's. */
    public CompletableFuture<ServerConfig> configuration() {
        return onPacketThread(() -> config);
    }

    /** The detail of the history event an administrator's release leaves. */
    public static final String RELEASED_BY_ADMINISTRATOR = "released by the administrator";

    /**
     * Releases an active lease on the administrator's behalf, as if its client had sent a RELEASE:
     * journaled as a RELEASED event, and the address is free again. The future completes once the
     * change is committed, and fails when the address holds no active lease.
     */
    public CompletableFuture<Lease> release(Ipv4Address address) {
        return onPacketThread(() -> adminRelease(address)).thenCompose(change -> change);
    }

    /**
     * Releases each active lease among {@code addresses}, each journaled on its own; addresses
     * without an active lease are reported, not released. Completes once every release is committed.
     */
    public CompletableFuture<BulkRelease> releaseAll(List<Ipv4Address> addresses) {
        return onPacketThread(() -> {
            List<CompletableFuture<Lease>> commits = new ArrayList<>();
            Map<Ipv4Address, String> skipped = new LinkedHashMap<>();
            for (Ipv4Address address : addresses) {
                try {
                    commits.add(adminRelease(address));
                } catch (IllegalStateException notActive) {
                    skipped.put(address, notActive.getMessage());
                }
            }
            return CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new))
                    .thenApply(done -> new BulkRelease(commits.stream().map(CompletableFuture::join).toList(), skipped));
        }).thenCompose(all -> all);
    }

    /** What a bulk release did: the leases released, and why the others were not. */
    public record BulkRelease(List<Lease> released, Map<Ipv4Address, String> skipped) {
        public BulkRelease {
            released = List.copyOf(released);
            skipped = Map.copyOf(skipped);
        }
    }

    /**
     * Quarantines the client holding {@code address}: its hardware address is denied (the server
     * ignores its DISCOVER and REQUEST from now on, across restarts) and its lease, when active, is
     * released. Completes with the denial once both are stored.
     */
    public CompletableFuture<DeniedClient> quarantine(Ipv4Address address, String reason) {
        return onPacketThread(() -> {
            Lease lease = engine.leaseAt(address)
                    .orElseThrow(() -> new IllegalStateException(address + " has no lease, so there is no client to quarantine"));
            DeniedClient client = denyNow(lease.hardwareAddress(), reason);
            CompletableFuture<Lease> released = lease.state() == LeaseState.ACTIVE ? adminRelease(address)
                    : CompletableFuture.completedFuture(lease);
            return released.thenApply(done -> client);
        }).thenCompose(done -> done);
    }

    /** Denies a hardware address without touching its leases; see {@link #quarantine}. */
    public CompletableFuture<DeniedClient> deny(HardwareAddress hardwareAddress, String reason) {
        return onPacketThread(() -> denyNow(hardwareAddress, reason));
    }

    /** Lets a denied client be served again; completes with whether it was denied. */
    public CompletableFuture<Boolean> allow(HardwareAddress hardwareAddress) {
        return onPacketThread(() -> {
            boolean wasDenied = denyList.allow(hardwareAddress);
            denied.remove(hardwareAddress);
            log.info("{} may be served again", hardwareAddress);
            return wasDenied;
        });
    }

    /** The quarantined clients, oldest denial first. */
    public List<DeniedClient> denied() {
        return denied.values().stream().sorted(java.util.Comparator.comparing(DeniedClient::since)).toList();
    }

    /** Every address of one pool (index from 0) with its state now, computed on the packet thread. */
    public CompletableFuture<AddressMap> addressMap(long subnetId, int poolIndex) {
        return onPacketThread(() -> engine.map(subnetId, poolIndex));
    }

    private DeniedClient denyNow(HardwareAddress hardwareAddress, String reason) {
        // One small row written on the packet thread: a rare administrator action, and once it returns
        // no later packet from the client can be answered.
        DeniedClient client = new DeniedClient(hardwareAddress, clock.instant(), reason);
        denyList.deny(client);
        denied.put(hardwareAddress, client);
        log.info("denied {}: {}", hardwareAddress, reason);
        return client;
    }

    /** On the packet thread: records the release at once and completes when the store has it. */
    private CompletableFuture<Lease> adminRelease(Ipv4Address address) {
        Lease lease = engine.leaseAt(address).filter(held -> held.state() == LeaseState.ACTIVE)
                .orElseThrow(() -> new IllegalStateException(address + " holds no active lease"
                        + engine.leaseAt(address).map(held -> " (it is " + held.state().name().toLowerCase(java.util.Locale.ROOT) + ")")
                        .orElse("")));
        Instant now = clock.instant();
        Lease released = lease.released(now);
        engine.record(released);
        LeaseChange change = new LeaseChange(released, LeaseEvent.of(LeaseEventType.RELEASED, released, now, RELEASED_BY_ADMINISTRATOR));
        CompletableFuture<Lease> stored = new CompletableFuture<>();
        writer.submit(change).whenComplete((done, failure) -> {
            if (failure == null) {
                listener.leaseChanged(change.event());
                stored.complete(released);
            } else {
                statistics.dropped(DropReason.STORE_REJECTED);
                internal.add(() -> engine.restore(address, Optional.of(lease)));
                stored.completeExceptionally(failure);
            }
        });
        log.info("{} released by the administrator (was {})", address, lease.clientKey());
        return stored;
    }

    /** A pool's figures for display: subnet id, pool id (1 and up), its range, and its usage. */
    public record SubnetUsage(long subnetId, long poolId, String range, PoolUsage usage) {}

    private <T> CompletableFuture<T> onPacketThread(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        internal.add(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** The address and port the server receives on (the port is chosen by the system when 0 was asked). */
    public InetSocketAddress localAddress() {
        return transport.localAddress();
    }

    /** Stops receiving, answers what was already received, and flushes every pending commit. */
    @Override
    public void close() {
        running = false;
        transport.close();
        linkLayer.ifPresent(LinkLayerSender::close);
        try {
            for (Thread receiveThread : receiveThreads) {
                receiveThread.join(2000);
            }
            packetThread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.close();
        sampleWriter.shutdown();
        try {
            sampleWriter.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("stopped; {}", statistics.snapshot());
    }

    /**
     * Takes over another server's leases (a cut-over from Kea, ISC dhcpd or dnsmasq): on the packet
     * thread, {@link ImportPlanner} places them in the configuration and finds their conflicts against
     * the leases this server holds. Unless {@code dryRun}, every planned change goes into the
     * allocation engine at once (no client is offered an address being imported) and to the lease
     * writer, each with its history event; the future completes with the plan once all are committed.
     * When the store refuses some, their addresses go back to what the store still holds and the future
     * fails saying so. The writer takes a large import a part at a time: a lease its client renews
     * while later parts wait may stay stored as imported until the next renewal.
     */
    public CompletableFuture<ImportResult> importLeases(ImportRequest request, boolean dryRun) {
        return onPacketThread(() -> {
            ImportResult result = ImportPlanner.plan(request, config, HeldLeases.inEngine(engine), clock.instant());
            if (dryRun || result.changes().isEmpty()) {
                return CompletableFuture.completedFuture(result);
            }
            // The planner writes each address once, so what the engine holds there now is what the store holds.
            List<Optional<Lease>> before = new ArrayList<>();
            for (LeaseChange change : result.changes()) {
                before.add(engine.leaseAt(change.lease().address()));
                engine.record(change.lease());
            }
            List<CompletableFuture<LeaseChange>> submitted = writer.submitAll(result.changes());
            List<CompletableFuture<LeaseChange>> commits = new ArrayList<>();
            for (int i = 0; i < submitted.size(); i++) {
                LeaseChange change = result.changes().get(i);
                Optional<Lease> stillStored = before.get(i);
                commits.add(submitted.get(i).whenComplete((stored, failure) -> {
                    if (failure == null) {
                        listener.leaseChanged(change.event());
                    } else {
                        internal.add(() -> engine.restore(change.lease().address(), stillStored));
                    }
                }));
            }
            log.info("importing {} lease(s) from {} ({} already present, {} conflict(s), {} skipped){}", result.imported().size(),
                    request.source(), result.alreadyPresent().size(), result.conflicts().size(), result.skipped().size(),
                    result.released().isEmpty() ? "" : "; releasing " + result.released().size() + " to make way");
            return result.whenCommitted(commits);
        }).thenCompose(done -> done);
    }
}
