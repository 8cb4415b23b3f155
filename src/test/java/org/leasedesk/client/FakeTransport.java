package org.leasedesk.client;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.leasedesk.protocol.DhcpMessage;

/** Records what the client sends, with the virtual time, and hands it replies as if from the network. */
final class FakeTransport implements DhcpTransport {

    record Sent(Instant at, DhcpMessage message, Destination destination) {
    }

    private final Clock clock;
    private final List<Sent> sent = new ArrayList<>();
    private BiConsumer<DhcpMessage, InetSocketAddress> receiver;
    private boolean closed;
    private String nextFailure;

    FakeTransport(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void start(BiConsumer<DhcpMessage, InetSocketAddress> receiver) {
        this.receiver = receiver;
    }

    @Override
    public InetSocketAddress send(DhcpMessage message, Destination destination) throws IOException {
        if (nextFailure != null) {
            String failure = nextFailure;
            nextFailure = null;
            throw new IOException(failure);
        }
        sent.add(new Sent(clock.instant(), message, destination));
        return switch (destination) {
            case Destination.Broadcast broadcast -> new InetSocketAddress("255.255.255.255", UdpTransport.SERVER_PORT);
            case Destination.Unicast unicast -> new InetSocketAddress(unicast.server(), UdpTransport.SERVER_PORT);
        };
    }

    void deliver(DhcpMessage reply, Inet4Address from) {
        receiver.accept(reply, new InetSocketAddress(from, UdpTransport.SERVER_PORT));
    }

    /** The next send fails as a socket would, and is not recorded as sent. */
    void failNextSend(String message) {
        nextFailure = message;
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    Sent last() {
        return sent.getLast();
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
