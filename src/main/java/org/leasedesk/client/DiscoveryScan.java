package org.leasedesk.client;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broadcasts one DISCOVER and lists every server that offers within the window, without ever
 * requesting: no server commits anything, offers simply lapse. Run once per instance; the
 * transport is the scan's own (the caller closes it), so it can run beside a client on the same port.
 */
public final class DiscoveryScan {

    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryScan.class);

    private final ClientSettings settings;
    private final DhcpTransport transport;
    private final ClientScheduler scheduler;
    private final RandomGenerator random;
    private final ExchangeLog exchangeLog;
    /** Keyed by server identifier: a server answering twice is still one server. */
    private final Map<Inet4Address, DiscoveredServer> servers = new LinkedHashMap<>();
    private boolean started;
    /** Set when the window closes; later offers are not part of the report. */
    private boolean finished;

    public DiscoveryScan(ClientSettings settings, DhcpTransport transport, ClientScheduler scheduler, RandomGenerator random,
            ExchangeLog exchangeLog) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.random = Objects.requireNonNull(random, "random");
        this.exchangeLog = Objects.requireNonNull(exchangeLog, "exchangeLog");
    }

    /** Sends the DISCOVER and completes with the report when the window closes. */
    public synchronized CompletableFuture<DiscoveryReport> run(Duration window) {
        if (started) {
            throw new IllegalStateException("a discovery scan runs once; make a new one");
        }
        started = true;
        CompletableFuture<DiscoveryReport> report = new CompletableFuture<>();
        scheduler.execute(() -> {
            int xid = random.nextInt();
            exchangeLog.begin("discovery scan on " + settings.interfaceName());
            DhcpMessage.Builder discover = DhcpMessage.discover(settings.hardwareAddress(), xid).broadcast(settings.broadcastFlag());
            settings.clientIdentifier().ifPresent(id -> discover.clientIdentifier(id.bytes()));
            discover.parameterRequestList(settings.parameterRequestList().stream().mapToInt(Integer::intValue).toArray());
            DhcpMessage message = discover.build();
            transport.start((reply, source) -> scheduler.execute(() -> offered(message, reply, source)));
            try {
                exchangeLog.sent(message, transport.send(message, Destination.BROADCAST));
            } catch (IOException e) {
                exchangeLog.note("sending the DISCOVER failed: " + e.getMessage());
                LOG.warn("{} {}: discovery scan could not send: {}", settings.interfaceName(), settings.hardwareAddress(), e.getMessage());
            }
            scheduler.schedule(window, () -> report.complete(finish()));
        });
        return report;
    }

    private void offered(DhcpMessage discover, DhcpMessage reply, InetSocketAddress source) {
        if (finished || reply.isRequest() || reply.xid() != discover.xid() || !reply.hardwareAddress().equals(settings.hardwareAddress())
                || reply.messageType().filter(MessageType.OFFER::equals).isEmpty()) {
            return;
        }
        exchangeLog.received(reply, source);
        DiscoveredServer server = DiscoveredServer.fromOffer(reply, source);
        servers.putIfAbsent(server.serverIdentifier(), server);
    }

    private DiscoveryReport finish() {
        finished = true;
        List<DiscoveredServer> heard = List.copyOf(servers.values());
        LOG.info("{} {}: discovery scan heard {} server(s)", settings.interfaceName(), settings.hardwareAddress(), heard.size());
        DiscoveryReport report = new DiscoveryReport(heard, exchangeLog.latest().orElseThrow());
        if (report.warning().isEmpty()) {
            return report;
        }
        // The warning belongs in the timeline too, so the report carries the exchange with it.
        exchangeLog.note(report.warning().get());
        LOG.warn("{} {}: {}", settings.interfaceName(), settings.hardwareAddress(), report.warning().get());
        return new DiscoveryReport(heard, exchangeLog.latest().orElseThrow());
    }
}
