package org.leasedesk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.leasedesk.lease.DeniedClient;
import org.leasedesk.lease.HardwareAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The quarantined clients, kept across restarts. */
public final class DenyListRepository {

    private static final Logger log = LoggerFactory.getLogger(DenyListRepository.class);

    private final LeaseDatabase database;

    public DenyListRepository(LeaseDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** Every denied client, oldest denial first; rows that do not validate are skipped and logged. */
    public List<DeniedClient> all() {
        List<DeniedClient> denied = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT hw_type, hw_address, denied_at, reason FROM denied_clients ORDER BY denied_at");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                try {
                    denied.add(new DeniedClient(Columns.hardware(rows), Columns.time(rows, "denied_at"), rows.getString("reason")));
                } catch (IllegalArgumentException bad) {
                    log.warn("skipped a denied client that does not validate: {}", bad.getMessage());
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the denied clients: " + e.getMessage(), e);
        }
        return denied;
    }

    /** Denies a client, or replaces the time and reason of an earlier denial. */
    public void deny(DeniedClient client) {
        try (Connection connection = database.connect();
                PreparedStatement merge = connection.prepareStatement(
                        "MERGE INTO denied_clients (hw_type, hw_address, denied_at, reason) KEY (hw_type, hw_address) VALUES (?, ?, ?, ?)")) {
            merge.setInt(1, client.hardwareAddress().type());
            merge.setBytes(2, client.hardwareAddress().address().toByteArray());
            Columns.setTime(merge, 3, client.since());
            merge.setString(4, client.reason());
            merge.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Cannot deny " + client.hardwareAddress() + ": " + e.getMessage(), e);
        }
    }

    /** Lifts a denial; returns whether there was one. */
    public boolean allow(HardwareAddress hardwareAddress) {
        try (Connection connection = database.connect();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM denied_clients WHERE hw_type = ? AND hw_address = ?")) {
            delete.setInt(1, hardwareAddress.type());
            delete.setBytes(2, hardwareAddress.address().toByteArray());
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("Cannot allow " + hardwareAddress + " again: " + e.getMessage(), e);
        }
    }
}
