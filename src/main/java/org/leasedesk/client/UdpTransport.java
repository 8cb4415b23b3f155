package org.leasedesk.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiConsumer;
import org.leasedesk.protocol.DhcpCodec;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.MalformedPacketException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DHCP over a UDP socket bound to 0.0.0.0 on the client port (68 unless a test chooses another),
 * with SO_BROADCAST to reach 255.255.255.255 and SO_REUSEADDR so a discovery scan can listen
 * beside a running client. Replies are decoded on one receive thread; packets that do not decode
 * are logged and dropped.
 *
 * <p>The socket belongs to the network namespace of the thread that opens it.
 */
public final class UdpTransport implements DhcpTransport {

    public static final int CLIENT_PORT = 68;
    public static final int SERVER_PORT = 67;

    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);
    private static final InetAddress LIMITED_BROADCAST = limitedBroadcast();
    /** Larger than any Ethernet frame: a reply is never truncated. */
    private static final int RECEIVE_BUFFER = 65_536;

    private final DatagramChannel channel;
    private final int serverPort;
    private final ThreadFactory receiveThreads;
    private final Optional<InetSocketAddress> onlyServer;
    private final DhcpCodec codec = new DhcpCodec();

    private UdpTransport(DatagramChannel channel, int serverPort, ThreadFactory receiveThreads, Optional<InetSocketAddress> onlyServer) {
        this.channel = channel;
        this.serverPort = serverPort;
        this.receiveThreads = Objects.requireNonNull(receiveThreads, "receiveThreads");
        this.onlyServer = onlyServer;
    }

    /**
     * Opens and binds the socket.
     *
     * @throws IOException with a message naming the port when it is taken or needs privileges
     */
    public static UdpTransport open(int clientPort, int serverPort, ThreadFactory receiveThreads) throws IOException {
        return new UdpTransport(bind(clientPort), serverPort, receiveThreads, Optional.empty());
    }

    /**
     * A transport that sends every message, broadcast or not, to one server: for talking to a
     * server on loopback, where 255.255.255.255 reaches nobody, and for diagnosing one known server.
     */
    public static UdpTransport openTowards(int clientPort, InetSocketAddress server, ThreadFactory receiveThreads) throws IOException {
        Objects.requireNonNull(server, "server");
        return new UdpTransport(bind(clientPort), server.getPort(), receiveThreads, Optional.of(server));
    }

    private static DatagramChannel bind(int clientPort) throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
            channel.bind(new InetSocketAddress(clientPort));
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot bind UDP port " + clientPort + " for the DHCP client (port 68 needs root or"
                    + " cap_net_bind_service, and the system's own DHCP client may hold it): " + e.getMessage(), e);
        }
        return channel;
    }

    @Override
    public void start(BiConsumer<DhcpMessage, InetSocketAddress> receiver) {
        receiveThreads.newThread(() -> receiveLoop(receiver)).start();
    }

    @Override
    public InetSocketAddress send(DhcpMessage message, Destination destination) throws IOException {
        InetSocketAddress target = onlyServer.isPresent() ? onlyServer.get() : switch (destination) {
            case Destination.Broadcast broadcast -> new InetSocketAddress(LIMITED_BROADCAST, serverPort);
            case Destination.Unicast unicast -> new InetSocketAddress(unicast.server(), serverPort);
        };
        channel.send(ByteBuffer.wrap(codec.encode(message)), target);
        return target;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("closing the DHCP client socket failed: {}", e.getMessage());
        }
    }

    private static InetAddress limitedBroadcast() {
        try {
            return InetAddress.getByAddress(new byte[] {-1, -1, -1, -1});
        } catch (java.net.UnknownHostException impossible) {
            // getByAddress only refuses lengths other than 4 and 16.
            throw new AssertionError(impossible);
        }
    }

    private void receiveLoop(BiConsumer<DhcpMessage, InetSocketAddress> receiver) {
        ByteBuffer buffer = ByteBuffer.allocate(RECEIVE_BUFFER);
        while (channel.isOpen()) {
            buffer.clear();
            InetSocketAddress source;
            try {
                source = (InetSocketAddress) channel.receive(buffer);
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                LOG.warn("receiving on the DHCP client socket failed: {}", e.getMessage());
                continue;
            }
            buffer.flip();
            try {
                receiver.accept(codec.decode(buffer), source);
            } catch (MalformedPacketException malformed) {
                LOG.debug("dropped a malformed packet from {}: {}", source, malformed.getMessage());
            }
        }
    }
}
