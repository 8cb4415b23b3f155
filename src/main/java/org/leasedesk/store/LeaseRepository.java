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
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The current lease of each address: one row per address, replaced on every change. */
public final class LeaseRepository {

    private static final Logger log = LoggerFactory.getLogger(LeaseRepository.class);

    private static final String COLUMNS = "address, client_key, hw_type, hw_address, client_id, hostname, subnet_id,"
            + " pool_id, state, start_time, cltt, valid_lifetime, expiry, giaddr, circuit_id, remote_id";

    private static final String UPSERT =
            "MERGE INTO leases (" + COLUMNS + ") KEY (address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final LeaseDatabase database;

    public LeaseRepository(LeaseDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * Reads every stored lease. A row that does not make a valid lease is skipped and reported, so
     * one bad row (a crafted hostname, a hand edit) never stops the server from starting.
     */
    public LeaseLoad loadAll() {
        List<Lease> leases = new ArrayList<>();
        List<RejectedRow> rejected = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM leases ORDER BY address");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                try {
                    leases.add(leaseFrom(rows));
                } catch (IllegalArgumentException | NullPointerException e) {
                    RejectedRow row = new RejectedRow("leases", describeKey(rows), e.getMessage());
                    log.warn("Skipping invalid lease in {}: {}", database.file(), row);
                    rejected.add(row);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read leases from " + database.file() + ": " + e.getMessage(), e);
        }
        log.info("Loaded {} leases from {} ({} invalid rows skipped)", leases.size(), database.file(), rejected.size());
        return new LeaseLoad(leases, rejected);
    }

    /**
     * Every stored lease in address order, read a page of {@code pageSize} rows at a time as the
     * iteration goes (each page continues after the last address seen), so a million leases can be
     * exported without holding them all. Invalid rows are skipped and logged, as by {@link #loadAll}.
     */
    public Iterable<Lease> inAddressOrder(int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be at least 1, was " + pageSize);
        }
        return () -> new java.util.Iterator<>() {
            private final java.util.ArrayDeque<Lease> page = new java.util.ArrayDeque<>();
            private long after = -1;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                while (page.isEmpty() && !exhausted) {
                    exhausted = readPageAfter(after, pageSize, page) < pageSize;
                    after = lastAddress;
                }
                return !page.isEmpty();
            }

            @Override
            public Lease next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return page.removeFirst();
            }

            private long lastAddress = -1;

            /** Reads up to {@code size} rows after address {@code from}; returns how many rows were read, valid or not. */
            private int readPageAfter(long from, int size, java.util.Deque<Lease> into) {
                int rowsRead = 0;
                try (Connection connection = database.connect();
                        PreparedStatement query = connection.prepareStatement(
                                "SELECT " + COLUMNS + " FROM leases WHERE address > ? ORDER BY address FETCH FIRST ? ROWS ONLY")) {
                    query.setLong(1, from);
                    query.setInt(2, size);
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            rowsRead++;
                            lastAddress = rows.getLong("address");
                            try {
                                into.add(leaseFrom(rows));
                            } catch (IllegalArgumentException | NullPointerException e) {
                                log.warn("Skipping invalid lease in {}: {}", database.file(),
                                        new RejectedRow("leases", describeKey(rows), e.getMessage()));
                            }
                        }
                    }
                } catch (SQLException e) {
                    throw new StoreException("Cannot read leases from " + database.file() + ": " + e.getMessage(), e);
                }
                return rowsRead;
            }
        };
    }

    /** How many lease rows are stored (valid or not). */
    public long count() {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM leases");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("Cannot count leases in " + database.file() + ": " + e.getMessage(), e);
        }
    }

    public Optional<Lease> find(Ipv4Address address) {
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT " + COLUMNS + " FROM leases WHERE address = ?")) {
            Columns.setAddress(query, 1, address);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(leaseFrom(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read the lease on " + address + ": " + e.getMessage(), e);
        }
    }

    /** Stores leases on {@code connection}, inside whatever transaction the caller has open. */
    void saveAll(Connection connection, List<Lease> leases) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (Lease lease : leases) {
                bind(upsert, lease);
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private static void bind(PreparedStatement statement, Lease lease) throws SQLException {
        Columns.setAddress(statement, 1, lease.address());
        statement.setString(2, lease.clientKey().toString());
        Columns.setClient(statement, 3, lease.hardwareAddress(), lease.clientId());
        statement.setString(6, lease.hostname());
        statement.setLong(7, lease.subnetId());
        statement.setLong(8, lease.poolId());
        statement.setString(9, lease.state().name());
        Columns.setTime(statement, 10, lease.start());
        Columns.setTime(statement, 11, lease.cltt());
        statement.setLong(12, lease.validLifetime().toSeconds());
        Columns.setTime(statement, 13, lease.expiry());
        Columns.setRelay(statement, 14, lease.relay());
    }

    private static Lease leaseFrom(ResultSet row) throws SQLException {
        Lease lease = new Lease(
                Columns.address(row, "address"),
                Columns.hardware(row),
                Columns.octets(row, "client_id"),
                row.getString("hostname"),
                row.getLong("subnet_id"),
                row.getLong("pool_id"),
                stateOf(row.getString("state")),
                Columns.time(row, "start_time"),
                Columns.time(row, "cltt"),
                Duration.ofSeconds(row.getLong("valid_lifetime")),
                Columns.relay(row));
        // The key column is what history queries use, so a row whose key disagrees with its own
        // client-id and hardware address would hide the lease from "who had this address".
        String storedKey = row.getString("client_key");
        if (!lease.clientKey().toString().equals(storedKey)) {
            throw new IllegalArgumentException(
                    "client_key '" + storedKey + "' does not match the row's client (" + lease.clientKey() + ")");
        }
        return lease;
    }

    private static LeaseState stateOf(String name) {
        try {
            return LeaseState.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown lease state '" + name + "'");
        }
    }

    private static String describeKey(ResultSet row) throws SQLException {
        long address = row.getLong("address");
        return address >= 0 && address <= Ipv4Address.MAX_VALUE
                ? Ipv4Address.ofUnsigned(address).toString()
                : "address=" + address;
    }
}
