package org.leasedesk.app;

import java.net.Inet4Address;
import java.util.List;
import java.util.Objects;
import org.leasedesk.client.Direction;
import org.leasedesk.client.ExchangeEntry;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.store.ClientHistoryRepository;
import org.leasedesk.store.ClientPacketRecord;
import org.leasedesk.store.LeaseDatabase;

/** The embedded client's packet history of an interface, for the desktop's timeline and {@code client status}. */
public final class ClientHistory {

    private final ClientHistoryRepository repository;

    public ClientHistory(LeaseDatabase database) {
        this.repository = new ClientHistoryRepository(Objects.requireNonNull(database, "database"));
    }

    /** The newest packets of the interface, oldest first. */
    public List<ClientPacketRecord> recent(String interfaceName, int limit) {
        return repository.recent(interfaceName, limit);
    }

    /** A logged packet as client history keeps it; the peer's address is IPv4 by construction of the client's socket. */
    static ClientPacketRecord record(String interfaceName, ExchangeEntry.Packet packet) {
        DhcpMessage message = packet.message();
        Ipv4Address peer = packet.peer().getAddress() instanceof Inet4Address v4 ? Ipv4Address.of(v4) : Ipv4Address.ANY;
        return new ClientPacketRecord(packet.at(), interfaceName, packet.direction() == Direction.SENT,
                message.messageType().map(Enum::name).orElse(""), Integer.toUnsignedLong(message.xid()), packet.summary(), peer,
                packet.peer().getPort(), Ipv4Address.of(message.ciaddr()), Ipv4Address.of(message.yiaddr()),
                message.serverIdentifier().map(Ipv4Address::of));
    }
}
