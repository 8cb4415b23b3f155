package org.leasedesk.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.leasedesk.testing.netns.Namespace;

/**
 * Everything beyond the relay: relay agents sending from giaddr:67, and relayed clients that
 * unicast from their own address:68 straight to the server (renewing, releasing). Ordinary UDP
 * sockets in the relay namespace, where every relayed address is local; each stays open until
 * {@link #closeSockets()} so replies to it are received (and discarded: {@link ReplyCapture}
 * has already seen them leave the server) rather than answered with ICMP port unreachable.
 */
final class RelaySide implements AutoCloseable {

    private final Namespace relay;
    private final Map<InetSocketAddress, DatagramChannel> sockets = new ConcurrentHashMap<>();

    RelaySide(Namespace relay) {
        this.relay = relay;
    }

    void send(InetSocketAddress from, InetSocketAddress to, byte[] payload) {
        try {
            socket(from).send(ByteBuffer.wrap(payload), to);
        } catch (IOException e) {
            throw new UncheckedIOException("sending from " + from + " to " + to + " in the relay namespace", e);
        }
    }

    private DatagramChannel socket(InetSocketAddress local) {
        return sockets.computeIfAbsent(local, address -> {
            try {
                return relay.callInside(() -> {
                    DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
                    channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
                    channel.configureBlocking(false);
                    channel.bind(address);
                    return channel;
                });
            } catch (Exception e) {
                throw new IllegalStateException("cannot bind " + address + " in " + relay, e);
            }
        });
    }

    /** Reads and drops whatever the sockets received, then closes them. */
    void closeSockets() {
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        for (DatagramChannel channel : sockets.values()) {
            try (channel) {
                while (channel.receive(buffer.clear()) != null) {
                    // discarded: the capture on the server's interface is the record
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        sockets.clear();
    }

    @Override
    public void close() {
        closeSockets();
    }
}
