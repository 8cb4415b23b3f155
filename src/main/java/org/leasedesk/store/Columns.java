package org.leasedesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.RelayInfo;

/** How the value types shared by the lease and event tables map to columns. */
final class Columns {

    private Columns() {}

    static void setAddress(PreparedStatement statement, int index, Ipv4Address address) throws SQLException {
        statement.setLong(index, address.toLong());
    }

    static Ipv4Address address(ResultSet row, String column) throws SQLException {
        return Ipv4Address.ofUnsigned(row.getLong(column));
    }

    static void setTime(PreparedStatement statement, int index, Instant time) throws SQLException {
        statement.setObject(index, time);
    }

    static Instant time(ResultSet row, String column) throws SQLException {
        Instant time = row.getObject(column, Instant.class);
        if (time == null) {
            throw new IllegalArgumentException(column + " is missing");
        }
        return time;
    }

    static Octets octets(ResultSet row, String column) throws SQLException {
        byte[] bytes = row.getBytes(column);
        return bytes == null ? Octets.EMPTY : Octets.of(bytes);
    }

    /** Binds hw_type, hw_address, client_id at {@code index} and the two following positions. */
    static void setClient(PreparedStatement statement, int index, HardwareAddress hardware, Octets clientId)
            throws SQLException {
        statement.setInt(index, hardware.type());
        statement.setBytes(index + 1, hardware.address().toByteArray());
        statement.setBytes(index + 2, clientId.toByteArray());
    }

    static HardwareAddress hardware(ResultSet row) throws SQLException {
        return new HardwareAddress(row.getInt("hw_type"), octets(row, "hw_address"));
    }

    /** Binds giaddr, circuit_id, remote_id at {@code index} and the two following positions. */
    static void setRelay(PreparedStatement statement, int index, RelayInfo relay) throws SQLException {
        setAddress(statement, index, relay.giaddr());
        statement.setBytes(index + 1, relay.circuitId().toByteArray());
        statement.setBytes(index + 2, relay.remoteId().toByteArray());
    }

    static RelayInfo relay(ResultSet row) throws SQLException {
        return new RelayInfo(address(row, "giaddr"), octets(row, "circuit_id"), octets(row, "remote_id"));
    }
}
