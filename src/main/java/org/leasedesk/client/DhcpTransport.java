package org.leasedesk.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.BiConsumer;
import org.leasedesk.protocol.DhcpMessage;

/** Sends client messages and delivers decoded replies; {@link UdpTransport} on a real network, a fake in tests. */
public interface DhcpTransport extends AutoCloseable {

    /** Starts delivering received messages with their source, on the transport's own thread. */
    void start(BiConsumer<DhcpMessage, InetSocketAddress> receiver);

    /** Sends one message; returns the address it went to, for the exchange log. */
    InetSocketAddress send(DhcpMessage message, Destination destination) throws IOException;

    @Override
    void close();
}
