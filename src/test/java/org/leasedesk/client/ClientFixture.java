package org.leasedesk.client;

import org.leasedesk.testing.MutableClock;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.HardwareAddress;
import org.leasedesk.protocol.MessageType;

/**
 * A {@link DhcpClient} on virtual time with a fake network, and a pretend server that answers the
 * client's last message: the state machine's tests read as conversations.
 */
final class ClientFixture {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final HardwareAddress MAC = HardwareAddress.parse("00:00:5e:00:53:01");
    static final Inet4Address SERVER = ip("192.0.2.1");
    static final Inet4Address OTHER_SERVER = ip("192.0.2.2");
    static final Inet4Address OFFERED = ip("192.0.2.100");
    static final Inet4Address MASK = ip("255.255.255.0");
    static final long SEED = 42;

    final MutableClock clock = new MutableClock(START);
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final FakeTransport transport = new FakeTransport(clock);
    final List<ClientNotice> notices = new ArrayList<>();
    final List<Inet4Address> checkedAddresses = new ArrayList<>();
    ConflictCheckResult conflictAnswer = new ConflictCheckResult.Free("no other host answered");
    final DhcpClient client;

    ClientFixture() {
        this(settings(), Optional.empty());
    }

    ClientFixture(ClientSettings settings, Optional<ClientLease> remembered) {
        AddressConflictCheck check = (interfaceName, address, own) -> {
            checkedAddresses.add(address);
            return conflictAnswer;
        };
        client = new DhcpClient(settings, transport, scheduler, clock, new SplittableRandom(SEED), check, remembered);
        client.addListener(notices::add);
    }

    /** Defaults with a host name, and offers taken at once so most tests need not wait out a window. */
    static ClientSettings settings() {
        return ClientSettings.forInterface("eth0", MAC).withHostName("pc1")
                .withTimings(ClientTimings.rfc2131().withOfferWindow(Duration.ZERO));
    }

    void start() {
        client.start();
        scheduler.runPending();
    }

    DhcpMessage lastSent() {
        return transport.last().message();
    }

    /** The server offers an address in answer to the last DISCOVER. */
    void offer(Inet4Address from, Inet4Address address, long leaseSeconds) {
        reply(DhcpMessage.offer(lastSent(), from, address, leaseSeconds).subnetMask(MASK).routers(List.of(SERVER)).build(), from);
    }

    /** The server acknowledges the last REQUEST: the requested address, or ciaddr when renewing. */
    void ack(long leaseSeconds) {
        ack(leaseSeconds, UnaryOperator.identity());
    }

    void ack(long leaseSeconds, UnaryOperator<DhcpMessage.Builder> extra) {
        DhcpMessage request = lastSent();
        Inet4Address address = request.requestedAddress().orElse(request.ciaddr());
        DhcpMessage.Builder ack = DhcpMessage.ack(request, SERVER, address, leaseSeconds).subnetMask(MASK)
                .routers(List.of(SERVER)).domainNameServers(List.of(ip("192.0.2.53")));
        reply(extra.apply(ack).build(), SERVER);
    }

    void nak() {
        reply(DhcpMessage.nak(lastSent(), SERVER, "address not available").build(), SERVER);
    }

    void reply(DhcpMessage message, Inet4Address from) {
        transport.deliver(message, from);
        scheduler.runPending();
    }

    /** DISCOVER, OFFER, REQUEST, ACK: the client ends BOUND to {@link #OFFERED}. */
    ClientLease bind(long leaseSeconds) {
        start();
        offer(SERVER, OFFERED, leaseSeconds);
        ack(leaseSeconds);
        return client.lease().orElseThrow();
    }

    List<FakeTransport.Sent> sent() {
        return transport.sent();
    }

    List<MessageType> sentTypes() {
        return transport.sent().stream().map(s -> s.message().messageType().orElseThrow()).toList();
    }

    <T extends ClientNotice> List<T> notices(Class<T> type) {
        return notices.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<ClientState> states() {
        return notices(ClientNotice.StateChanged.class).stream().map(ClientNotice.StateChanged::to).toList();
    }

    static Inet4Address ip(String dotted) {
        try {
            return (Inet4Address) InetAddress.getByName(dotted);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(dotted, e);
        }
    }
}
