package org.leasedesk.client;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.leasedesk.protocol.DhcpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded DHCPv4 client on one interface: drives a {@link ClientStateMachine} with commands,
 * received packets and timers on one {@link ClientScheduler} thread, carries out its actions, and
 * records every packet in an {@link ExchangeLog}.
 *
 * <p>It never touches the interface itself: {@link ClientNotice.ApplyAddress} and
 * {@link ClientNotice.RemoveAddress} go to the listeners, and the platform acts on them.
 * Commands return at once; their effects arrive as notices and log entries.
 */
public final class DhcpClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DhcpClient.class);

    private final ClientSettings settings;
    private final DhcpTransport transport;
    private final ClientScheduler scheduler;
    private final AddressConflictCheck conflictCheck;
    private final ClientStateMachine machine;
    private final ExchangeLog exchangeLog;
    private final List<Consumer<ClientNotice>> listeners = new CopyOnWriteArrayList<>();
    private final Map<ClientTimer, ClientScheduler.Cancellable> timers = new EnumMap<>(ClientTimer.class);
    private final String context;

    /** The xid of the exchange being logged, for log context; a note may precede the next exchange's xid. */
    private int exchangeXid;
    private volatile ClientState state = ClientState.IDLE;
    private volatile Optional<ClientLease> lease;

    /**
     * @param rememberedLease a lease from an earlier run, confirmed with INIT-REBOOT on start
     */
    public DhcpClient(ClientSettings settings, DhcpTransport transport, ClientScheduler scheduler, Clock clock,
            RandomGenerator random, AddressConflictCheck conflictCheck, Optional<ClientLease> rememberedLease) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.conflictCheck = Objects.requireNonNull(conflictCheck, "conflictCheck");
        this.machine = new ClientStateMachine(settings, rememberedLease, clock, random);
        this.exchangeLog = new ExchangeLog(clock);
        this.lease = rememberedLease;
        this.context = settings.interfaceName() + " " + settings.hardwareAddress();
        transport.start((message, source) -> scheduler.execute(() -> received(message, source)));
    }

    public void start() {
        command(new ClientEvent.Start());
    }

    public void renew() {
        command(new ClientEvent.Renew());
    }

    public void release() {
        command(new ClientEvent.Release());
    }

    public void inform(Inet4Address address) {
        command(new ClientEvent.Inform(address));
    }

    public void stop() {
        command(new ClientEvent.Stop());
    }

    public ClientState state() {
        return state;
    }

    /** The lease held, or remembered from an earlier run or before a stop. */
    public Optional<ClientLease> lease() {
        return lease;
    }

    public ClientSettings settings() {
        return settings;
    }

    public ExchangeLog exchangeLog() {
        return exchangeLog;
    }

    /** Listeners run on the client's thread, in the order the notices happen. */
    public void addListener(Consumer<ClientNotice> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Consumer<ClientNotice> listener) {
        listeners.remove(listener);
    }

    /** Stops the client and closes its socket; the scheduler belongs to the caller. */
    @Override
    public void close() {
        command(new ClientEvent.Stop());
        scheduler.execute(transport::close);
    }

    private void command(ClientEvent command) {
        scheduler.execute(() -> {
            LOG.info("{}: {} in {}", context, command.getClass().getSimpleName().toLowerCase(Locale.ROOT), machine.state().displayName());
            dispatch(command);
        });
    }

    private void received(DhcpMessage message, InetSocketAddress source) {
        if (!machine.isForUs(message)) {
            LOG.trace("{}: not ours: {}", context, message.summary());
            return;
        }
        exchangeLog.received(message, source);
        LOG.debug("{}: received {} from {}", context, message.summary(), source);
        dispatch(new ClientEvent.PacketReceived(message, source));
    }

    private void dispatch(ClientEvent event) {
        List<ClientAction> actions = machine.handle(event);
        // Published before the actions run, so listeners reading state() or lease() see the outcome.
        state = machine.state();
        lease = machine.lease();
        for (ClientAction action : actions) {
            perform(action);
        }
    }

    private void perform(ClientAction action) {
        switch (action) {
            case ClientAction.Send send -> send(send.message(), send.destination());
            case ClientAction.ScheduleTimer arm -> {
                cancelTimer(arm.timer());
                timers.put(arm.timer(), scheduler.schedule(arm.delay(), () -> {
                    timers.remove(arm.timer());
                    dispatch(new ClientEvent.TimerFired(arm.timer()));
                }));
            }
            case ClientAction.CancelTimer cancel -> cancelTimer(cancel.timer());
            case ClientAction.CheckForConflict check -> scheduler.execute(() -> {
                ConflictCheckResult result = conflictCheck.check(settings.interfaceName(), check.address(), settings.hardwareAddress());
                LOG.info("{}: conflict check of {}: {}", context, check.address().getHostAddress(), result);
                dispatch(new ClientEvent.ConflictChecked(result));
            });
            case ClientAction.BeginExchange begin -> {
                exchangeXid = begin.xid();
                exchangeLog.begin(begin.purpose());
                LOG.info("{} xid=0x{}: {}", context, HexFormat.of().toHexDigits(exchangeXid), begin.purpose());
            }
            case ClientAction.Note note -> {
                exchangeLog.note(note.text());
                LOG.info("{} xid=0x{}: {}", context, HexFormat.of().toHexDigits(exchangeXid), note.text());
            }
            case ClientNotice notice -> notify(notice);
        }
    }

    private void send(DhcpMessage message, Destination destination) {
        try {
            InetSocketAddress target = transport.send(message, destination);
            exchangeLog.sent(message, target);
            LOG.debug("{}: sent {} to {}", context, message.summary(), target);
        } catch (IOException e) {
            // Treated like a lost packet: the retransmission timer is already armed.
            String reason = "sending " + message.summary() + " (" + destination + ") failed: " + e.getMessage();
            exchangeLog.note(reason);
            LOG.warn("{}: {}", context, reason);
        }
    }

    private void cancelTimer(ClientTimer timer) {
        ClientScheduler.Cancellable armed = timers.remove(timer);
        if (armed != null) {
            armed.cancel();
        }
    }

    private void notify(ClientNotice notice) {
        for (Consumer<ClientNotice> listener : listeners) {
            try {
                listener.accept(notice);
            } catch (RuntimeException failure) {
                LOG.error("{}: a client listener failed on {}", context, notice, failure);
            }
        }
    }
}
