package org.leasedesk.differential;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.leasedesk.protocol.DhcpCodec;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs groups of scenarios against Kea 2.2 and then LeaseDesk on the same configuration and
 * keeps what each server did, step by step, for {@link GroupResult} to compare. Each group runs
 * once, when its first scenario's test asks for it.
 *
 * <p>Waiting: a step that expects a reply waits for it up to {@link #REPLY_TIMEOUT}; a step that
 * expects none does not wait at all. After the last phase of a group the runner waits
 * {@link #SILENCE} once, then looks at everything captured by xid: a reply to a step that expected
 * none, or one later than the timeout, is recorded as such. Every step has its own xid, unique in
 * the whole run, so nothing a server sends can be taken for another step's reply.
 */
final class DifferentialRunner implements AutoCloseable {

    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(1);
    static final Duration SILENCE = Duration.ofMillis(700);
    /** -Dleasedesk.diff.keaDebug=true: Kea logs at DEBUG level 99 into the lab directory. */
    private static final boolean KEA_DEBUG = Boolean.getBoolean("leasedesk.diff.keaDebug");
    private static final Logger LOG = LoggerFactory.getLogger(DifferentialRunner.class);

    private final Topology topology;
    private final DirectLink link;
    private final ReplyCapture capture;
    private final RelaySide relaySide;
    private final DhcpCodec codec = new DhcpCodec();
    private final AtomicInteger xids = new AtomicInteger(new SecureRandom().nextInt());
    private final Map<String, GroupResult> results = new LinkedHashMap<>();

    private DifferentialRunner(Topology topology, DirectLink link, ReplyCapture capture, RelaySide relaySide) {
        this.topology = topology;
        this.link = link;
        this.capture = capture;
        this.relaySide = relaySide;
    }

    static DifferentialRunner start(Topology topology) throws Exception {
        DirectLink link = new DirectLink(PacketSocket.open(topology.client(), "cli0"));
        ReplyCapture capture = new ReplyCapture(PacketSocket.open(topology.server(), Topology.SERVER_INTERFACE));
        return new DifferentialRunner(topology, link, capture, new RelaySide(topology.relay()));
    }

    /** The group's result, running the group first if no scenario of it has asked yet. */
    synchronized GroupResult resultOf(ScenarioGroup group) {
        return results.computeIfAbsent(group.name(), name -> run(group));
    }

    synchronized Map<String, GroupResult> results() {
        return Map.copyOf(results);
    }

    private GroupResult run(ScenarioGroup group) {
        long started = System.nanoTime();
        ServerRun kea = runOn(new ServerUnderTest.Kea(), group);
        ServerRun leaseDesk = runOn(new ServerUnderTest.LeaseDesk(), group);
        LOG.info("group \"{}\": {} scenarios on both servers in {} ms", group.name(), group.scenarios().size(),
                (System.nanoTime() - started) / 1_000_000);
        return new GroupResult(group, kea, leaseDesk);
    }

    private ServerRun runOn(ServerUnderTest server, ScenarioGroup group) {
        String run = group.name().toLowerCase().replaceAll("[^a-z0-9]+", "-") + "-" + server.name().toLowerCase().replaceAll("[^a-z0-9]+", "");
        String config = group.configForRun(topology.lab().file("leases-" + run + ".csv"), KEA_DEBUG);
        topology.forgetNeighbours();
        link.forgetAddresses();
        capture.clear();
        ServerUnderTest.Running running;
        try {
            running = server.start(topology, config, run);
        } catch (ServerUnderTest.StartFailure failure) {
            return ServerRun.failed(server.name(), failure.getMessage());
        }
        ScenarioGroup.AddressPlan plan = group.addressPlan();
        Map<String, ScenarioRun> runs = new LinkedHashMap<>();
        group.scenarios().forEach(scenario -> runs.put(scenario.name(), new ScenarioRun(scenario)));
        try {
            int phases = group.scenarios().stream().mapToInt(scenario -> scenario.phases().size()).max().orElse(0);
            for (int phase = 0; phase < phases; phase++) {
                waitForPauses(runs, phase);
                for (ScenarioRun scenarioRun : runs.values()) {
                    if (phase < scenarioRun.scenario.phases().size()) {
                        for (Step step : scenarioRun.scenario.phases().get(phase).steps()) {
                            execute(scenarioRun, step, plan);
                        }
                        scenarioRun.phaseEnded = System.nanoTime();
                    }
                }
            }
            boolean anyoneWaiting = runs.values().stream().flatMap(scenarioRun -> scenarioRun.records.stream())
                    .anyMatch(record -> record.xid != 0 && record.observation == null);
            if (anyoneWaiting) {
                Thread.sleep(SILENCE);
            }
            runs.values().forEach(scenarioRun -> collectLate(scenarioRun, plan));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + group.name(), e);
        } finally {
            running.close();
            relaySide.closeSockets();
        }
        return new ServerRun(server.name(), Optional.empty(), runs, running.log());
    }

    private static void waitForPauses(Map<String, ScenarioRun> runs, int phase) throws InterruptedException {
        long until = 0;
        for (ScenarioRun scenarioRun : runs.values()) {
            if (phase > 0 && phase < scenarioRun.scenario.phases().size()) {
                until = Math.max(until, scenarioRun.phaseEnded + scenarioRun.scenario.phases().get(phase).pauseBefore().toNanos());
            }
        }
        long left = until - System.nanoTime();
        if (left > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    private void execute(ScenarioRun scenarioRun, Step step, ScenarioGroup.AddressPlan plan) throws InterruptedException {
        if (scenarioRun.abandoned.isPresent()) {
            scenarioRun.records.add(new StepRecord(step, 0, Instant.now(), Observation.notSent(scenarioRun.abandoned.get())));
            return;
        }
        int xid = xids.incrementAndGet();
        DhcpMessage message;
        Inet4Address address;
        try {
            address = step.address().isPresent() ? scenarioRun.names.resolve(step.address().get()) : Addresses.ANY;
            message = build(step, xid, address, scenarioRun.names);
        } catch (Names.Unbound unbound) {
            scenarioRun.abandoned = Optional.of(unbound.getMessage());
            scenarioRun.records.add(new StepRecord(step, 0, Instant.now(), Observation.notSent(unbound.getMessage())));
            return;
        }
        Instant sent = Instant.now();
        send(step, message, address);
        StepRecord record = new StepRecord(step, xid, sent, null);
        if (step.expectsReply()) {
            Optional<ReplyCapture.Reply> reply = capture.await(xid, REPLY_TIMEOUT);
            record.observation = reply.isPresent()
                    ? Observation.of(capture.all(xid), Duration.between(sent, reply.get().seen()), false, step, scenarioRun.names, plan)
                    : null; // looked at again after the silence window
        }
        scenarioRun.records.add(record);
    }

    /** After the silence window: replies to silent steps, late replies, and duplicates. */
    private void collectLate(ScenarioRun scenarioRun, ScenarioGroup.AddressPlan plan) {
        for (StepRecord record : scenarioRun.records) {
            if (record.xid == 0) {
                continue;
            }
            List<ReplyCapture.Reply> replies = capture.all(record.xid);
            if (replies.isEmpty()) {
                if (record.observation == null) {
                    record.observation = Observation.none();
                }
                continue;
            }
            Duration delay = Duration.between(record.sent, replies.getFirst().seen());
            if (record.observation == null) {
                boolean late = record.step.expectsReply();
                record.observation = Observation.of(replies, delay, late, record.step, scenarioRun.names, plan);
            } else if (replies.size() > 1) {
                record.observation = record.observation.with("replies", replies.size() + " (the same xid answered more than once)");
            }
        }
    }

    /** The message a client in this step's state sends (RFC 2131 table 5). */
    private DhcpMessage build(Step step, int xid, Inet4Address address, Names names) throws Names.Unbound {
        Client client = step.client();
        DhcpMessage.Builder message = DhcpMessage.builder()
                .op(DhcpMessage.BOOTREQUEST)
                .hardwareAddress(DhcpMessage.HTYPE_ETHERNET, client.mac())
                .xid(xid)
                .broadcast(step.broadcastFlag().orElse(client.broadcastFlag()))
                .messageType(switch (step.kind()) {
                    case DISCOVER -> MessageType.DISCOVER;
                    case SELECTING, INIT_REBOOT, RENEWING, REBINDING -> MessageType.REQUEST;
                    case RELEASE -> MessageType.RELEASE;
                    case DECLINE -> MessageType.DECLINE;
                    case INFORM -> MessageType.INFORM;
                });
        if (step.address().isPresent()) {
            switch (step.kind()) {
                case SELECTING, INIT_REBOOT, DECLINE -> message.requestedAddress(address);
                case RENEWING, REBINDING, RELEASE, INFORM -> message.ciaddr(address);
                case DISCOVER -> { }
            }
        }
        if (step.requestedAddress().isPresent()) {
            message.requestedAddress(names.resolve(step.requestedAddress().get()));
        }
        if (step.serverId().isPresent()) {
            message.serverIdentifier(names.resolve(step.serverId().get()));
        }
        client.clientId().ifPresent(message::clientIdentifier);
        step.leaseTime().ifPresent(message::leaseTime);
        if (step.kind() != Step.Kind.RELEASE && step.kind() != Step.Kind.DECLINE && !client.parameterRequestList().isEmpty()) {
            message.parameterRequestList(client.parameterRequestList().stream().mapToInt(Integer::intValue).toArray());
        }
        client.subnetSelection().ifPresent(message::subnetSelection);
        client.hostName().ifPresent(message::hostName);
        step.extraOptionsHex().forEach((code, hex) -> message.option(code, HexFormat.of().parseHex(hex)));
        if (step.effectiveRoute() == Step.Route.VIA_RELAY) {
            Inet4Address giaddr = client.giaddr().orElseThrow(() -> new IllegalStateException(
                    step.describe() + ": only a relayed client can be sent via the relay"));
            message.giaddr(giaddr).hops(1);
            client.relayInformation().ifPresent(message::relayAgentInformation);
        }
        return message.build();
    }

    private void send(Step step, DhcpMessage message, Inet4Address address) {
        byte[] payload = codec.encode(message);
        Client client = step.client();
        InetSocketAddress server = new InetSocketAddress(Topology.SERVER, DirectLink.SERVER_PORT);
        switch (step.effectiveRoute()) {
            case LINK_BROADCAST -> link.broadcast(client.mac(), message.ciaddr(), payload);
            case LINK_UNICAST -> link.unicastToServer(client.mac(), address, Topology.SERVER, payload);
            case VIA_RELAY -> relaySide.send(new InetSocketAddress(message.giaddr(), DirectLink.SERVER_PORT), server, payload);
            case ROUTED_UNICAST -> relaySide.send(new InetSocketAddress(address, DirectLink.CLIENT_PORT), server, payload);
        }
    }

    @Override
    public void close() throws Exception {
        try (capture; link; relaySide) {
            LOG.debug("closing the differential runner's sockets");
        }
    }

    /** One scenario's steps on one server. */
    static final class ScenarioRun {
        final Scenario scenario;
        final Names names = new Names();
        final List<StepRecord> records = new ArrayList<>();
        Optional<String> abandoned = Optional.empty();
        long phaseEnded;

        ScenarioRun(Scenario scenario) {
            this.scenario = scenario;
        }
    }

    /** A step as sent to one server, and what came of it. */
    static final class StepRecord {
        final Step step;
        final int xid;
        final Instant sent;
        Observation observation;

        StepRecord(Step step, int xid, Instant sent, Observation observation) {
            this.step = step;
            this.xid = xid;
            this.sent = sent;
            this.observation = observation;
        }
    }

    /** A group on one server: every scenario's steps, or why the server did not start. */
    record ServerRun(String server, Optional<String> startFailure, Map<String, ScenarioRun> scenarios, String log) {
        static ServerRun failed(String server, String why) {
            return new ServerRun(server, Optional.of(why), Map.of(), "");
        }
    }
}
