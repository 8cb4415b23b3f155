package org.leasedesk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.leasedesk.lease.ClientKey;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The lease history: append-only, read by address, by client or by time, a page at a time. */
public final class EventRepository {

    private static final Logger log = LoggerFactory.getLogger(EventRepository.class);

    private static final String COLUMNS = "event_time, event_type, address, client_key, hw_type, hw_address,"
            + " client_id, hostname, subnet_id, pool_id, giaddr, circuit_id, remote_id, detail";

    private static final String INSERT =
            "INSERT INTO lease_events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final LeaseDatabase database;

    public EventRepository(LeaseDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** Appends one event in its own transaction (alarms, administrative actions). */
    public void append(LeaseEvent event) {
        try (Connection connection = database.connect()) {
            appendAll(connection, List.of(event));
        } catch (SQLException e) {
            throw new StoreException("Cannot record " + event.type() + " event: " + e.getMessage(), e);
        }
    }

    /** Appends events on {@code connection}, inside whatever transaction the caller has open. */
    void appendAll(Connection connection, List<LeaseEvent> events) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (LeaseEvent event : events) {
                Columns.setTime(insert, 1, event.time());
                insert.setString(2, event.type().name());
                Columns.setAddress(insert, 3, event.address());
                insert.setString(4, event.clientKey().map(ClientKey::toString).orElse(""));
                Columns.setClient(insert, 5, event.hardwareAddress(), event.clientId());
                insert.setString(8, event.hostname());
                insert.setLong(9, event.subnetId());
                insert.setLong(10, event.poolId());
                Columns.setRelay(insert, 11, event.relay());
                insert.setString(14, event.detail());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Everything that happened to one address: who had it, when. */
    public EventPage byAddress(Ipv4Address address, TimeRange range, PageRequest page) {
        return query("address = ?", (statement, index) -> Columns.setAddress(statement, index, address), range, page);
    }

    /** Everything that happened to one client, across addresses. */
    public EventPage byClient(ClientKey client, TimeRange range, PageRequest page) {
        return query("client_key = ?", (statement, index) -> statement.setString(index, client.toString()), range, page);
    }

    public EventPage byType(LeaseEventType type, TimeRange range, PageRequest page) {
        return query("event_type = ?", (statement, index) -> statement.setString(index, type.name()), range, page);
    }

    public EventPage between(TimeRange range, PageRequest page) {
        return query("TRUE", (statement, index) -> {}, range, page);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement, int index) throws SQLException;
    }

    private EventPage query(String criterion, Binder binder, TimeRange range, PageRequest page) {
        String sql = "SELECT id, " + COLUMNS + " FROM lease_events WHERE " + criterion
                + " AND event_time >= ? AND event_time < ?"
                + (page.after().isPresent() ? " AND (event_time > ? OR (event_time = ? AND id > ?))" : "")
                + " ORDER BY event_time, id FETCH FIRST ? ROWS ONLY";
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(sql)) {
            int index = 1;
            if (!criterion.equals("TRUE")) {
                binder.bind(query, index++);
            }
            Columns.setTime(query, index++, range.from());
            Columns.setTime(query, index++, range.until());
            if (page.after().isPresent()) {
                PageRequest.Position after = page.after().get();
                Columns.setTime(query, index++, after.time());
                Columns.setTime(query, index++, after.time());
                query.setLong(index++, after.id());
            }
            // One row more than asked tells whether another page follows.
            query.setInt(index, page.size() + 1);
            return pageFrom(query, page.size());
        } catch (SQLException e) {
            throw new StoreException("Cannot read lease history: " + e.getMessage(), e);
        }
    }

    private EventPage pageFrom(PreparedStatement query, int size) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        PageRequest.Position last = null;
        boolean more = false;
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                if (events.size() == size) {
                    more = true;
                    break;
                }
                long id = rows.getLong("id");
                try {
                    StoredEvent stored = new StoredEvent(id, eventFrom(rows));
                    events.add(stored);
                    last = stored.position();
                } catch (IllegalArgumentException | NullPointerException e) {
                    // A bad history row is left out of the page but does not hide the rows after it.
                    log.warn("Skipping invalid history row {} in {}: {}", id, database.file(), e.getMessage());
                    last = new PageRequest.Position(Columns.time(rows, "event_time"), id);
                }
            }
        }
        Optional<PageRequest> next = more && last != null
                ? Optional.of(new PageRequest(size, Optional.of(last)))
                : Optional.empty();
        return new EventPage(events, next);
    }

    private static LeaseEvent eventFrom(ResultSet row) throws SQLException {
        return new LeaseEvent(
                Columns.time(row, "event_time"),
                LeaseEventType.valueOf(row.getString("event_type")),
                Columns.address(row, "address"),
                Columns.hardware(row),
                Columns.octets(row, "client_id"),
                row.getString("hostname"),
                Columns.relay(row),
                row.getLong("subnet_id"),
                row.getLong("pool_id"),
                row.getString("detail"));
    }
}
