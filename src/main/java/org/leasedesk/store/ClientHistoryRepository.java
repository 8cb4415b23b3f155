package org.leasedesk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.leasedesk.lease.Ipv4Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded client's history: every packet it sent and received, and the lease it last held
 * per interface. A client exchanges a handful of packets a minute, so each is written in its own
 * small transaction as it happens; nothing here is on the server's hot path.
 */
public final class ClientHistoryRepository {

    private static final Logger log = LoggerFactory.getLogger(ClientHistoryRepository.class);

    private final LeaseDatabase database;

    public ClientHistoryRepository(LeaseDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    public void record(ClientPacketRecord packet) {
        try (Connection connection = database.connect();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO client_history (packet_time, interface_name, direction, message_type, xid, summary,
                            peer_address, peer_port, ciaddr, yiaddr, server_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            Columns.setTime(insert, 1, packet.time());
            insert.setString(2, packet.interfaceName());
            insert.setString(3, packet.sent() ? "sent" : "received");
            insert.setString(4, packet.messageType());
            insert.setLong(5, packet.xid());
            insert.setString(6, packet.summary());
            Columns.setAddress(insert, 7, packet.peer());
            insert.setInt(8, packet.peerPort());
            Columns.setAddress(insert, 9, packet.ciaddr());
            Columns.setAddress(insert, 10, packet.yiaddr());
            Columns.setAddress(insert, 11, packet.serverIdentifier().orElse(Ipv4Address.ANY));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot record a client packet on " + packet.interfaceName() + ": " + e.getMessage(), e);
        }
    }

    /** The newest {@code limit} packets of an interface, oldest first, as a timeline shows them. */
    public List<ClientPacketRecord> recent(String interfaceName, int limit) {
        List<ClientPacketRecord> packets = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT * FROM (SELECT * FROM client_history WHERE interface_name = ?
                            ORDER BY packet_time DESC, id DESC LIMIT ?) ORDER BY packet_time, id""")) {
            query.setString(1, interfaceName);
            query.setInt(2, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    try {
                        packets.add(packet(rows));
                    } catch (IllegalArgumentException e) {
                        log.warn("Skipping invalid client history row {}: {}", rows.getLong("id"), e.getMessage());
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the client history of " + interfaceName + ": " + e.getMessage(), e);
        }
        return packets;
    }

    private static ClientPacketRecord packet(ResultSet row) throws SQLException {
        Ipv4Address server = Columns.address(row, "server_id");
        return new ClientPacketRecord(Columns.time(row, "packet_time"), row.getString("interface_name"),
                row.getString("direction").equals("sent"), row.getString("message_type"), row.getLong("xid"), row.getString("summary"),
                Columns.address(row, "peer_address"), row.getInt("peer_port"), Columns.address(row, "ciaddr"),
                Columns.address(row, "yiaddr"), server.equals(Ipv4Address.ANY) ? Optional.empty() : Optional.of(server));
    }

    /** Remembers the lease held on its interface, replacing the one before. */
    public void saveLease(StoredClientLease lease) {
        try (Connection connection = database.connect();
                PreparedStatement merge = connection.prepareStatement("""
                        MERGE INTO client_leases (interface_name, address, prefix_length, broadcast, router, server,
                            lease_seconds, renewal_seconds, rebinding_seconds, obtained)
                        KEY (interface_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            merge.setString(1, lease.interfaceName());
            Columns.setAddress(merge, 2, lease.address());
            merge.setInt(3, lease.prefixLength());
            Columns.setAddress(merge, 4, lease.broadcast());
            Columns.setAddress(merge, 5, lease.router().orElse(Ipv4Address.ANY));
            Columns.setAddress(merge, 6, lease.server());
            merge.setLong(7, lease.leaseTime().toSeconds());
            merge.setLong(8, lease.renewalTime().toSeconds());
            merge.setLong(9, lease.rebindingTime().toSeconds());
            Columns.setTime(merge, 10, lease.obtained());
            merge.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot remember the lease of " + lease.interfaceName() + ": " + e.getMessage(), e);
        }
    }

    /** The lease last held on the interface; a row that does not validate counts as none, and is logged. */
    public Optional<StoredClientLease> lease(String interfaceName) {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement("SELECT * FROM client_leases WHERE interface_name = ?")) {
            query.setString(1, interfaceName);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                try {
                    Ipv4Address router = Columns.address(row, "router");
                    return Optional.of(new StoredClientLease(interfaceName, Columns.address(row, "address"), row.getInt("prefix_length"),
                            Columns.address(row, "broadcast"), router.equals(Ipv4Address.ANY) ? Optional.empty() : Optional.of(router),
                            Columns.address(row, "server"), Duration.ofSeconds(row.getLong("lease_seconds")),
                            Duration.ofSeconds(row.getLong("renewal_seconds")), Duration.ofSeconds(row.getLong("rebinding_seconds")),
                            Columns.time(row, "obtained")));
                } catch (IllegalArgumentException e) {
                    log.warn("Ignoring the invalid remembered lease of {}: {}", interfaceName, e.getMessage());
                    return Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the remembered lease of " + interfaceName + ": " + e.getMessage(), e);
        }
    }

    /** Forgets the interface's lease, after a release or when it expired. */
    public void forgetLease(String interfaceName) {
        try (Connection connection = database.connect();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM client_leases WHERE interface_name = ?")) {
            delete.setString(1, interfaceName);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot forget the lease of " + interfaceName + ": " + e.getMessage(), e);
        }
    }
}
