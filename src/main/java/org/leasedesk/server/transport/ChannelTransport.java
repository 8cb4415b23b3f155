package org.leasedesk.server.transport;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.platform.PacketInfoSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK's datagram channels: one on the listening address, and on 0.0.0.0 a second one bound to
 * the server's address on its link. Linux routes 255.255.255.255 by the routing table, so from a
 * socket bound to 0.0.0.0 a broadcast OFFER leaves by the default route (another link) or fails
 * with "network unreachable"; from a socket bound to the link's address it leaves through that
 * link. Unicasts to that address then arrive on the second socket, so what a socket receives tells
 * how a packet was addressed. It knows one link only; see {@link PacketInfoTransport} for more.
 */
final class ChannelTransport implements ServerTransport {

    private static final Logger log = LoggerFactory.getLogger(ChannelTransport.class);

    private final TransportSettings settings;
    private final DatagramChannel channel;
    private final Optional<DatagramChannel> linkChannel;
    private final Optional<String> interfaceName;
    /** The link's index for frames sent to a client's hardware address; 0 when unknown (the lab, or not Linux). */
    private final int interfaceIndex;

    private ChannelTransport(TransportSettings settings, DatagramChannel channel, Optional<DatagramChannel> linkChannel) {
        this.settings = settings;
        this.channel = channel;
        this.linkChannel = linkChannel;
        this.interfaceName = settings.interfaces().stream().findFirst().map(spec -> spec.split("/", 2)[0]);
        this.interfaceIndex = settings.lab() || !PacketInfoSocket.isSupported() ? 0
                : interfaceName.map(PacketInfoSocket::indexOf).orElse(0);
    }

    static ChannelTransport open(TransportSettings settings) throws IOException {
        DatagramChannel channel = bindExclusively(settings.listen());
        Optional<DatagramChannel> link = settings.lab() || !settings.listen().getAddress().isAnyLocalAddress()
                ? Optional.empty() : bindOnLink(settings);
        return new ChannelTransport(settings, channel, link);
    }

    /**
     * Binds without SO_REUSEADDR, so the bind fails while any other socket holds the port; only
     * then is the option set, so this server's own link socket may share the port.
     */
    private static DatagramChannel bindExclusively(InetSocketAddress listen) throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, false);
            channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, TransportSettings.RECEIVE_BUFFER_BYTES);
            channel.bind(listen);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            return channel;
        } catch (BindException e) {
            channel.close();
            if (String.valueOf(e.getMessage()).contains("in use")) {
                throw new PortInUseException(listen.getPort(), e);
            }
            throw e;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    private static Optional<DatagramChannel> bindOnLink(TransportSettings settings) {
        InetSocketAddress onLink = new InetSocketAddress(settings.serverIdentifier().toInetAddress(), settings.listen().getPort());
        try {
            DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
            try {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
                channel.bind(onLink);
                return Optional.of(channel);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            log.warn("cannot bind {} ({}): broadcast replies follow the routing table and may leave by another interface",
                    onLink, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public List<Receiver> receivers() {
        // The wildcard socket is left with broadcasts once the link socket takes unicasts to the server's address;
        // in the lab every packet counts as arriving on the served link.
        Ipv4Address wildcardArrival = settings.lab() || settings.listen().getAddress().isAnyLocalAddress()
                ? Ipv4Address.BROADCAST : Ipv4Address.of((Inet4Address) settings.listen().getAddress());
        return Stream.concat(Stream.of(receiver(channel, wildcardArrival)),
                linkChannel.stream().map(link -> receiver(link, settings.serverIdentifier()))).toList();
    }

    private Receiver receiver(DatagramChannel from, Ipv4Address arrivedAt) {
        ByteBuffer packet = ByteBuffer.allocate(TransportSettings.MAX_DATAGRAM);
        return buffer -> {
            packet.clear();
            SocketAddress source = from.receive(packet);
            packet.flip();
            int length = Math.min(packet.remaining(), buffer.length);
            packet.get(buffer, 0, length);
            InetSocketAddress sender = (InetSocketAddress) source;
            Ipv4Address remote = sender.getAddress() instanceof Inet4Address v4 ? Ipv4Address.of(v4) : Ipv4Address.ANY;
            return Optional.of(new Inbound(length, sender,
                    new Arrival(arrivedAt, remote, interfaceName, interfaceIndex, settings.serverIdentifier())));
        };
    }

    @Override
    public void send(byte[] datagram, int length, InetSocketAddress destination, Arrival arrival) throws IOException {
        boolean broadcast = destination.getAddress().equals(Ipv4Address.BROADCAST.toInetAddress());
        (broadcast ? linkChannel.orElse(channel) : channel).send(ByteBuffer.wrap(datagram, 0, length), destination);
    }

    @Override
    public boolean isOwnAddress(Ipv4Address address) {
        return settings.serverIdentifier().equals(address);
    }

    @Override
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("the server socket is closed", e);
        }
    }

    @Override
    public void close() {
        Stream.concat(Stream.of(channel), linkChannel.stream()).forEach(open -> {
            try {
                open.close();
            } catch (IOException e) {
                log.debug("closing a server socket: {}", e.getMessage());
            }
        });
    }
}
