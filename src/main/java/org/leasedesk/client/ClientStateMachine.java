package org.leasedesk.client;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.MessageType;

/**
 * The client of RFC 2131 section 4.4 as pure logic: each {@link ClientEvent} goes in, the
 * {@link ClientAction}s it causes come out. No sockets, threads or sleeping: the driver
 * ({@link DhcpClient}) sends, arms timers and feeds the results back, so tests drive every
 * transition with a fake clock. Not thread-safe: one thread feeds it.
 */
public final class ClientStateMachine {

    private final ClientSettings settings;
    private final Clock clock;
    private final RandomGenerator random;

    private ClientState state = ClientState.IDLE;
    /** The lease held, or remembered for INIT-REBOOT while not bound. */
    private Optional<ClientLease> lease;
    /** An address held before (expired or unconfirmed), asked for again and preferred among offers. */
    private Optional<Inet4Address> previousAddress = Optional.empty();
    /** Whether the driver was told to apply the lease's address (and not yet to remove it). */
    private boolean addressApplied;
    private int xid;
    /** When the current transaction began, for the secs field. */
    private Instant transactionStarted = Instant.EPOCH;
    private DhcpMessage pending;
    private Destination pendingDestination;
    private int transmissions;
    private final List<Offer> offers = new ArrayList<>();
    private Offer chosen;
    private ClientLease acknowledged;
    private final EnumSet<ClientTimer> armed = EnumSet.noneOf(ClientTimer.class);
    private List<ClientAction> actions = new ArrayList<>();

    private record Offer(DhcpMessage message, Inet4Address server) {
    }

    public ClientStateMachine(ClientSettings settings, Optional<ClientLease> rememberedLease, Clock clock, RandomGenerator random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.lease = Objects.requireNonNull(rememberedLease, "rememberedLease");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public ClientState state() {
        return state;
    }

    /** The lease held or remembered. */
    public Optional<ClientLease> lease() {
        return lease;
    }

    /** The transaction id of the current exchange. */
    public int xid() {
        return xid;
    }

    /**
     * Whether a received message belongs to this client's current transaction: a reply with our
     * xid and chaddr, and our client identifier when the server echoes one (RFC 6842; older servers
     * echo none, which is accepted).
     */
    public boolean isForUs(DhcpMessage message) {
        if (message.isRequest() || message.xid() != xid || !message.hardwareAddress().equals(settings.hardwareAddress())) {
            return false;
        }
        Optional<byte[]> echoed = message.clientIdentifier();
        return echoed.isEmpty() || settings.clientIdentifier().map(id -> id.matches(echoed.get())).orElse(true);
    }

    public List<ClientAction> handle(ClientEvent event) {
        actions = new ArrayList<>();
        switch (event) {
            case ClientEvent.Start start -> start();
            case ClientEvent.Renew renew -> renew();
            case ClientEvent.Release release -> release();
            case ClientEvent.Inform inform -> inform(inform.address());
            case ClientEvent.Stop stop -> stop();
            case ClientEvent.PacketReceived packet -> received(packet.message(), packet.source());
            case ClientEvent.TimerFired fired -> {
                // A timer cancelled after its task was queued still arrives; only armed ones count.
                if (armed.remove(fired.timer())) {
                    timerFired(fired.timer());
                }
            }
            case ClientEvent.ConflictChecked checked -> conflictChecked(checked.result());
        }
        return List.copyOf(actions);
    }

    // ---- commands ----

    private void start() {
        if (state != ClientState.IDLE && state != ClientState.INFORMED) {
            note("already running (" + state.displayName() + "); start ignored");
            return;
        }
        Optional<ClientLease> remembered = lease.filter(l -> !l.expiredAt(clock.instant()));
        if (remembered.isPresent()) {
            initReboot(remembered.get());
        } else {
            previousAddress = lease.map(ClientLease::address);
            lease = Optional.empty();
            init("obtain a lease");
        }
    }

    private void renew() {
        switch (state) {
            case BOUND -> renewing("renew requested");
            case RENEWING, REBINDING -> {
                note("renew requested: sending again now");
                retryRenewal();
            }
            case IDLE, INFORMED -> start();
            default -> note("renew ignored: already obtaining a lease (" + state.displayName() + ")");
        }
    }

    /** RELEASE goes unicast to the leasing server and is never answered, so nothing waits (RFC 2131 4.4.6). */
    private void release() {
        cancelAllTimers();
        if (lease.isEmpty()) {
            note("nothing to release: no lease is held");
        } else {
            ClientLease released = lease.get();
            beginTransaction("release " + released.address().getHostAddress());
            DhcpMessage.Builder message = DhcpMessage.release(settings.hardwareAddress(), xid, released.address(), released.server());
            settings.clientIdentifier().ifPresent(id -> message.clientIdentifier(id.bytes()));
            send(message.build(), new Destination.Unicast(released.server()));
            loseLease("released");
        }
        moveTo(ClientState.IDLE);
    }

    private void inform(Inet4Address address) {
        cancelAllTimers();
        beginTransaction("inform for " + address.getHostAddress());
        DhcpMessage.Builder message = withClientOptions(DhcpMessage.inform(settings.hardwareAddress(), xid, address));
        // The server answers an INFORM at ciaddr, which this host already carries: no broadcast flag.
        message.broadcast(false);
        moveTo(ClientState.INFORMING);
        transmitFirst(message.build(), Destination.BROADCAST);
    }

    private void stop() {
        cancelAllTimers();
        moveTo(ClientState.IDLE);
    }

    // ---- the RFC's states ----

    private void init(String purpose) {
        cancelAllTimers();
        moveTo(ClientState.INIT);
        beginTransaction(purpose);
        offers.clear();
        chosen = null;
        DhcpMessage.Builder discover = withClientOptions(DhcpMessage.discover(settings.hardwareAddress(), xid));
        // Asking for the previous address is a hint servers may honour (RFC 2131 4.4.1).
        previousAddress().ifPresent(discover::requestedAddress);
        moveTo(ClientState.SELECTING);
        transmitFirst(discover.build(), Destination.BROADCAST);
    }

    private void initReboot(ClientLease remembered) {
        moveTo(ClientState.INIT_REBOOT);
        beginTransaction("confirm " + remembered.address().getHostAddress() + " (INIT-REBOOT)");
        DhcpMessage.Builder request = withClientOptions(
                DhcpMessage.requestInitReboot(settings.hardwareAddress(), xid, remembered.address()));
        moveTo(ClientState.REBOOTING);
        transmitFirst(request.build(), Destination.BROADCAST);
    }

    private void selectOffer() {
        Offer offer = offers.getFirst();
        Optional<Inet4Address> previous = previousAddress();
        if (settings.offerSelection() == OfferSelection.PREFER_PREVIOUS_ADDRESS && previous.isPresent()) {
            offer = offers.stream().filter(o -> o.message().yiaddr().equals(previous.get())).findFirst().orElse(offer);
        }
        chosen = offer;
        cancel(ClientTimer.OFFER_WINDOW);
        cancel(ClientTimer.RETRANSMIT);
        note("chose " + offer.message().yiaddr().getHostAddress() + " from " + offer.server().getHostAddress()
                + " among " + offers.size() + " offer(s)");
        // The REQUEST keeps the DISCOVER's xid (RFC 2131 4.4.1) and is broadcast so other servers withdraw their offers.
        DhcpMessage.Builder request = withClientOptions(DhcpMessage.requestSelecting(
                settings.hardwareAddress(), xid, offer.message().yiaddr(), offer.server()));
        moveTo(ClientState.REQUESTING);
        transmitFirst(request.build(), Destination.BROADCAST);
    }

    private void renewing(String purpose) {
        ClientLease held = lease.orElseThrow();
        moveTo(ClientState.RENEWING);
        beginTransaction(purpose);
        DhcpMessage.Builder request = withClientOptions(DhcpMessage.requestRenewing(settings.hardwareAddress(), xid, held.address()));
        // The server answers at ciaddr, which is ours now.
        request.broadcast(false);
        sendAndRetryBefore(request.build(), new Destination.Unicast(held.server()), held.rebindAt());
    }

    private void rebinding() {
        ClientLease held = lease.orElseThrow();
        moveTo(ClientState.REBINDING);
        beginTransaction("rebind at T2 (no answer from " + held.server().getHostAddress() + ")");
        DhcpMessage.Builder request = withClientOptions(DhcpMessage.requestRebinding(settings.hardwareAddress(), xid, held.address()));
        request.broadcast(false);
        sendAndRetryBefore(request.build(), Destination.BROADCAST, held.expires());
    }

    private void bind(ClientLease granted) {
        boolean extension = lease.isPresent() && addressApplied && state.holdsLease();
        if (addressApplied && lease.isPresent() && !lease.get().address().equals(granted.address())) {
            actions.add(new ClientNotice.RemoveAddress(lease.get(), "the server assigned " + granted.address().getHostAddress() + " instead"));
            addressApplied = false;
            extension = false;
        }
        cancelAllTimers();
        lease = Optional.of(granted);
        if (!addressApplied) {
            actions.add(new ClientNotice.ApplyAddress(granted));
            addressApplied = true;
        }
        moveTo(ClientState.BOUND);
        actions.add(new ClientNotice.LeaseAcquired(granted, extension));
        if (!granted.infinite()) {
            Instant now = clock.instant();
            schedule(ClientTimer.RENEWAL, untilOrZero(now, granted.renewAt()));
            schedule(ClientTimer.REBINDING, untilOrZero(now, granted.rebindAt()));
            schedule(ClientTimer.EXPIRY, untilOrZero(now, granted.expires()));
        }
    }

    // ---- packets ----

    private void received(DhcpMessage message, InetSocketAddress source) {
        if (!isForUs(message)) {
            return;
        }
        Optional<MessageType> type = message.messageType();
        if (type.isEmpty()) {
            note("ignored a BOOTP reply without a DHCP message type");
            return;
        }
        switch (type.get()) {
            case OFFER -> offerReceived(message, source);
            case ACK -> ackReceived(message, source);
            case NAK -> nakReceived(message, source);
            default -> note("ignored " + type.get().wireName() + ": not a reply a client expects");
        }
    }

    private void offerReceived(DhcpMessage offer, InetSocketAddress source) {
        if (state != ClientState.SELECTING) {
            return;
        }
        if (offer.serverIdentifier().isEmpty() || offer.yiaddr().isAnyLocalAddress()) {
            note("ignored an offer from " + source.getAddress().getHostAddress() + ": no server identifier or no address");
            return;
        }
        offers.add(new Offer(offer, offer.serverIdentifier().get()));
        if (offers.size() == 1) {
            Duration window = settings.timings().offerWindow();
            if (window.isZero()) {
                selectOffer();
            } else {
                schedule(ClientTimer.OFFER_WINDOW, window);
            }
        }
    }

    private void ackReceived(DhcpMessage ack, InetSocketAddress source) {
        switch (state) {
            case INFORMING -> {
                cancelAllTimers();
                Inet4Address server = ack.serverIdentifier().orElse((Inet4Address) source.getAddress());
                actions.add(new ClientNotice.Informed(server, ack.subnetMask(), ack.routers(), ack.domainNameServers(), ack.domainName()));
                moveTo(ClientState.INFORMED);
            }
            case REQUESTING, REBOOTING -> {
                Optional<ClientLease> granted = leaseFrom(ack, source);
                if (granted.isPresent()) {
                    cancelAllTimers();
                    acknowledged = granted.get();
                    moveTo(ClientState.CHECKING_ADDRESS);
                    actions.add(new ClientAction.CheckForConflict(acknowledged.address()));
                }
            }
            case RENEWING, REBINDING -> leaseFrom(ack, source).ifPresent(this::bind);
            default -> {
                // A late duplicate of an ACK already acted on.
            }
        }
    }

    private void nakReceived(DhcpMessage nak, InetSocketAddress source) {
        if (state != ClientState.REQUESTING && state != ClientState.REBOOTING
                && state != ClientState.RENEWING && state != ClientState.REBINDING) {
            return;
        }
        String server = nak.serverIdentifier().orElse((Inet4Address) source.getAddress()).getHostAddress();
        String reason = "NAK from " + server + nak.raw(56).map(m -> ": " + new String(m, StandardCharsets.US_ASCII)).orElse("");
        note(reason);
        loseLease(reason);
        previousAddress = Optional.empty();
        init("obtain a lease after " + reason);
    }

    private Optional<ClientLease> leaseFrom(DhcpMessage ack, InetSocketAddress source) {
        Inet4Address server = ack.serverIdentifier()
                .or(() -> Optional.ofNullable(chosen).map(Offer::server))
                .or(() -> lease.map(ClientLease::server))
                .orElse((Inet4Address) source.getAddress());
        try {
            return Optional.of(ClientLease.fromAck(ack, server, clock.instant(), settings.timings()));
        } catch (IllegalArgumentException unusable) {
            note("ignored an ACK from " + server.getHostAddress() + ": " + unusable.getMessage());
            return Optional.empty();
        }
    }

    // ---- the address check ----

    private void conflictChecked(ConflictCheckResult result) {
        if (state != ClientState.CHECKING_ADDRESS) {
            return;
        }
        ClientLease granted = acknowledged;
        acknowledged = null;
        switch (result) {
            case ConflictCheckResult.Free free -> {
                note("address check: " + free.evidence());
                bind(granted);
            }
            case ConflictCheckResult.NotChecked notChecked -> {
                note("address not checked for conflicts: " + notChecked.reason());
                bind(granted);
            }
            case ConflictCheckResult.InUse inUse -> decline(granted, inUse.evidence());
        }
    }

    /** RFC 2131 3.1.5: DECLINE, then wait at least ten seconds before starting over. */
    private void decline(ClientLease conflicting, String evidence) {
        note(conflicting.address().getHostAddress() + " is already in use (" + evidence + "): declining it");
        beginTransaction("decline " + conflicting.address().getHostAddress());
        DhcpMessage.Builder decline = DhcpMessage.decline(settings.hardwareAddress(), xid, conflicting.address(), conflicting.server());
        settings.clientIdentifier().ifPresent(id -> decline.clientIdentifier(id.bytes()));
        send(decline.build(), Destination.BROADCAST);
        if (lease.isPresent()) {
            loseLease("declined: " + evidence);
        }
        lease = Optional.empty();
        previousAddress = Optional.empty();
        moveTo(ClientState.DECLINING);
        schedule(ClientTimer.DECLINE_BACKOFF, settings.timings().declineBackoff());
    }

    // ---- timers ----

    private void timerFired(ClientTimer timer) {
        switch (timer) {
            case RETRANSMIT -> retransmit();
            case OFFER_WINDOW -> {
                if (state == ClientState.SELECTING && !offers.isEmpty()) {
                    selectOffer();
                }
            }
            case RENEWAL -> {
                if (state == ClientState.BOUND) {
                    renewing("renew at T1 with " + lease.orElseThrow().server().getHostAddress());
                }
            }
            case REBINDING -> {
                if (state == ClientState.BOUND || state == ClientState.RENEWING) {
                    rebinding();
                }
            }
            case EXPIRY -> {
                note("lease expired without a renewal");
                previousAddress = lease.map(ClientLease::address);
                loseLease("expired");
                init("obtain a lease after expiry");
            }
            case DECLINE_BACKOFF -> init("obtain a lease after declining an address");
        }
    }

    private void retransmit() {
        switch (state) {
            case RENEWING, REBINDING -> retryRenewal();
            case SELECTING, REQUESTING, REBOOTING, INFORMING -> {
                if (transmissions < settings.timings().maxTransmissions()) {
                    transmissions++;
                    send(pending, pendingDestination);
                    schedule(ClientTimer.RETRANSMIT, settings.timings().retransmissionDelay(transmissions, random));
                } else {
                    giveUp();
                }
            }
            default -> {
                // Nothing pending in other states.
            }
        }
    }

    /** The same REQUEST again, before T2 while renewing and before expiry while rebinding. */
    private void retryRenewal() {
        ClientLease held = lease.orElseThrow();
        sendAndRetryBefore(pending, pendingDestination, state == ClientState.RENEWING ? held.rebindAt() : held.expires());
    }

    private void giveUp() {
        String what = pending.messageType().map(MessageType::wireName).orElse("message");
        String reason = "no answer to " + transmissions + " " + what + "(s)";
        if (state == ClientState.REBOOTING) {
            // The remembered address could not be confirmed: look for any server instead (RFC 2131 3.2 leaves the choice).
            note(reason + "; discovering instead");
            init("obtain a lease (INIT-REBOOT unanswered)");
            return;
        }
        note(reason + "; giving up");
        cancelAllTimers();
        moveTo(ClientState.IDLE);
        actions.add(new ClientNotice.GaveUp(reason));
    }

    // ---- helpers ----

    private void beginTransaction(String purpose) {
        xid = random.nextInt();
        transactionStarted = clock.instant();
        actions.add(new ClientAction.BeginExchange(purpose, xid));
    }

    /** Sends the first copy of a message that is retransmitted on RFC 2131's doubling schedule. */
    private void transmitFirst(DhcpMessage message, Destination destination) {
        transmissions = 0;
        transmit(message, destination);
    }

    private void transmit(DhcpMessage message, Destination destination) {
        transmissions++;
        send(message, destination);
        schedule(ClientTimer.RETRANSMIT, settings.timings().retransmissionDelay(transmissions, random));
    }

    /** RENEWING and REBINDING retry after half the time left to the deadline, but not sooner than the minimum (RFC 2131 4.4.5). */
    private void sendAndRetryBefore(DhcpMessage message, Destination destination, Instant deadline) {
        send(message, destination);
        Duration half = untilOrZero(clock.instant(), deadline).dividedBy(2);
        Duration minimum = settings.timings().renewRetryMinimum();
        schedule(ClientTimer.RETRANSMIT, half.compareTo(minimum) < 0 ? minimum : half);
    }

    private void send(DhcpMessage message, Destination destination) {
        pending = message;
        pendingDestination = destination;
        // secs: time since the client began this transaction (RFC 2131 table 5); relays and HA pairs act on it.
        long secs = Math.min(0xffff, Duration.between(transactionStarted, clock.instant()).toSeconds());
        actions.add(new ClientAction.Send(message.toBuilder().secs((int) Math.max(0, secs)).build(), destination));
    }

    /** Adds what DISCOVER, REQUEST and INFORM carry: client-id, host name, parameter list, broadcast flag. */
    private DhcpMessage.Builder withClientOptions(DhcpMessage.Builder message) {
        settings.clientIdentifier().ifPresent(id -> message.clientIdentifier(id.bytes()));
        settings.hostName().ifPresent(message::hostName);
        if (!settings.parameterRequestList().isEmpty()) {
            message.parameterRequestList(settings.parameterRequestList().stream().mapToInt(Integer::intValue).toArray());
        }
        return message.broadcast(settings.broadcastFlag());
    }

    private Optional<Inet4Address> previousAddress() {
        return previousAddress.or(() -> lease.map(ClientLease::address));
    }

    private void loseLease(String reason) {
        if (lease.isEmpty()) {
            return;
        }
        ClientLease lost = lease.get();
        if (addressApplied) {
            actions.add(new ClientNotice.RemoveAddress(lost, reason));
            addressApplied = false;
        }
        actions.add(new ClientNotice.LeaseLost(lost, reason));
        lease = Optional.empty();
    }

    private void moveTo(ClientState next) {
        if (next != state) {
            actions.add(new ClientNotice.StateChanged(state, next));
            state = next;
        }
    }

    private void schedule(ClientTimer timer, Duration delay) {
        armed.add(timer);
        actions.add(new ClientAction.ScheduleTimer(timer, delay));
    }

    private void cancel(ClientTimer timer) {
        if (armed.remove(timer)) {
            actions.add(new ClientAction.CancelTimer(timer));
        }
    }

    private void cancelAllTimers() {
        for (ClientTimer timer : EnumSet.copyOf(armed)) {
            cancel(timer);
        }
    }

    private void note(String text) {
        actions.add(new ClientAction.Note(text));
    }

    private static Duration untilOrZero(Instant now, Instant then) {
        Duration left = Duration.between(now, then);
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public String toString() {
        return "client " + settings.interfaceName() + " " + settings.hardwareAddress() + " " + state.displayName()
                + " xid=0x" + HexFormat.of().toHexDigits(xid);
    }
}
