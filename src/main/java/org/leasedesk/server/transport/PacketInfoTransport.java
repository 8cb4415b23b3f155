package org.leasedesk.server.transport;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.platform.PacketInfoSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every served link on one exclusively bound socket (Linux, IP_PKTINFO): each datagram says which
 * link it came from and which address it was sent to, and each broadcast reply leaves through the
 * link its request came from, from the server's address there. Links not in Kea's
 * {@code interfaces-config} are not answered, as Kea opens no socket on them.
 */
final class PacketInfoTransport implements ServerTransport {

    private static final Logger log = LoggerFactory.getLogger(PacketInfoTransport.class);
    private static final String ALL = "*";

    /** A served link: its name, and the server's address there (empty when it has none). */
    private record Link(String name, Optional<Ipv4Address> address) {}

    private final PacketInfoSocket socket;
    private final TransportSettings settings;
    private final boolean everyLink;
    /** Addresses given in the configuration ({@code eth1/192.0.2.1}) by link name; names with none map to empty. */
    private final Map<String, Optional<Ipv4Address>> configured = new LinkedHashMap<>();
    private final Map<Integer, Optional<Link>> links = new ConcurrentHashMap<>();

    private PacketInfoTransport(PacketInfoSocket socket, TransportSettings settings) {
        this.socket = socket;
        this.settings = settings;
        this.everyLink = settings.interfaces().isEmpty() || settings.interfaces().contains(ALL);
        for (String spec : settings.interfaces()) {
            if (spec.equals(ALL)) {
                continue;
            }
            String[] parts = spec.split("/", 2);
            configured.put(parts[0], parts.length == 2 ? Optional.of(Ipv4Address.parse(parts[1])) : Optional.empty());
        }
        configured.keySet().stream().filter(name -> PacketInfoSocket.indexOf(name) <= 0)
                .forEach(name -> log.warn("interface {} in interfaces-config does not exist here: nothing is served on it", name));
    }

    static boolean isSupported(TransportSettings settings) {
        return !settings.lab() && settings.listen().getAddress().isAnyLocalAddress() && PacketInfoSocket.isSupported();
    }

    static PacketInfoTransport open(TransportSettings settings) throws IOException {
        try {
            return new PacketInfoTransport(PacketInfoSocket.bind(settings.listen().getPort(), TransportSettings.RECEIVE_BUFFER_BYTES,
                    TransportSettings.MAX_DATAGRAM), settings);
        } catch (PacketInfoSocket.PortInUseException e) {
            throw new PortInUseException(settings.listen().getPort(), e);
        }
    }

    @Override
    public List<Receiver> receivers() {
        return List.of(buffer -> socket.receive(buffer).flatMap(received -> {
            Optional<Link> link = linkOf(received.interfaceIndex());
            if (link.isEmpty()) {
                return Optional.empty();
            }
            Ipv4Address remote = Ipv4Address.of(received.source().getAddress() instanceof Inet4Address v4 ? v4
                    : Ipv4Address.ANY.toInetAddress());
            Arrival arrival = new Arrival(Ipv4Address.of(received.destination()), remote, Optional.of(link.get().name()),
                    received.interfaceIndex(), link.get().address().orElse(settings.serverIdentifier()));
            return Optional.of(new Inbound(received.length(), received.source(), arrival));
        }));
    }

    /** The served link with this index, looked up once; empty for a link that is not served. */
    private Optional<Link> linkOf(int index) {
        return links.computeIfAbsent(index, unknown -> socket.nameOf(index)
                .filter(name -> everyLink || configured.containsKey(name))
                .map(name -> new Link(name, configured.getOrDefault(name, Optional.empty())
                        .or(() -> socket.addressOf(name).map(Ipv4Address::of)))));
    }

    @Override
    public void send(byte[] datagram, int length, InetSocketAddress destination, Arrival arrival) throws IOException {
        boolean broadcast = destination.getAddress().equals(Ipv4Address.BROADCAST.toInetAddress());
        if (broadcast) {
            socket.send(datagram, length, destination, arrival.interfaceIndex(), arrival.serverAddress().toInetAddress());
        } else {
            socket.send(datagram, length, destination, 0, Ipv4Address.ANY.toInetAddress());
        }
    }

    @Override
    public boolean isOwnAddress(Ipv4Address address) {
        return settings.serverIdentifier().equals(address)
                || configured.values().stream().anyMatch(given -> given.filter(address::equals).isPresent())
                || links.values().stream().anyMatch(link -> link.flatMap(Link::address).filter(address::equals).isPresent());
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress(settings.listen().getAddress(), socket.port());
    }

    @Override
    public void close() {
        socket.close();
    }
}
