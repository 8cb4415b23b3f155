package org.leasedesk.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.leasedesk.lease.PoolRef;
import org.leasedesk.lease.PoolUsage;
import org.leasedesk.lease.UtilisationSample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Pool utilisation over time, one sample per pool per sampling tick. */
public final class UtilisationRepository {

    private static final Logger log = LoggerFactory.getLogger(UtilisationRepository.class);

    private final LeaseDatabase database;

    public UtilisationRepository(LeaseDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** Records one tick's samples in a single transaction. */
    public void record(List<UtilisationSample> samples) {
        try (Connection connection = database.connect();
                PreparedStatement insert = connection.prepareStatement("""
                        MERGE INTO utilisation_samples (subnet_id, pool_id, sample_time, total, dynamic_leased,
                            reserved_in_pool, reserved_outside_pool, declined, offered)
                        KEY (subnet_id, pool_id, sample_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (UtilisationSample sample : samples) {
                PoolUsage usage = sample.usage();
                insert.setLong(1, sample.subnetId());
                insert.setLong(2, sample.poolId());
                Columns.setTime(insert, 3, sample.time());
                insert.setLong(4, usage.total());
                insert.setLong(5, usage.dynamicLeased());
                insert.setLong(6, usage.reservedInPool());
                insert.setLong(7, usage.reservedOutsidePool());
                insert.setLong(8, usage.declined());
                insert.setLong(9, usage.offered());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new StoreException("Cannot record " + samples.size() + " utilisation samples: " + e.getMessage(), e);
        }
    }

    /** One pool's samples in {@code range}, oldest first; invalid rows are skipped and logged. */
    public List<UtilisationSample> read(long subnetId, long poolId, TimeRange range) {
        return query(subnetId, poolId, """
                SELECT sample_time, total, dynamic_leased, reserved_in_pool, reserved_outside_pool, declined, offered
                FROM utilisation_samples
                WHERE subnet_id = ? AND pool_id = ? AND sample_time >= ? AND sample_time < ?
                ORDER BY sample_time""", range);
    }

    /** One pool's newest sample in {@code range}: its usage as last recorded. */
    public Optional<UtilisationSample> latest(long subnetId, long poolId, TimeRange range) {
        return query(subnetId, poolId, """
                SELECT sample_time, total, dynamic_leased, reserved_in_pool, reserved_outside_pool, declined, offered
                FROM utilisation_samples
                WHERE subnet_id = ? AND pool_id = ? AND sample_time >= ? AND sample_time < ?
                ORDER BY sample_time DESC FETCH FIRST 1 ROW ONLY""", range).stream().findFirst();
    }

    /** Every pool that has samples, in subnet and pool order; a pool removed from the configuration stays while its samples do. */
    public List<PoolRef> pools() {
        List<PoolRef> pools = new ArrayList<>();
        // A loose index scan: one probe of the primary key per pool instead of reading every sample.
        try (Connection connection = database.connect();
                PreparedStatement next = connection.prepareStatement("""
                        SELECT subnet_id, pool_id FROM utilisation_samples
                        WHERE subnet_id > ? OR (subnet_id = ? AND pool_id > ?)
                        ORDER BY subnet_id, pool_id FETCH FIRST 1 ROW ONLY""")) {
            long subnet = 0;
            long pool = -1;
            while (true) {
                next.setLong(1, subnet);
                next.setLong(2, subnet);
                next.setLong(3, pool);
                try (ResultSet rows = next.executeQuery()) {
                    if (!rows.next()) {
                        return pools;
                    }
                    subnet = rows.getLong(1);
                    pool = rows.getLong(2);
                }
                try {
                    pools.add(new PoolRef(subnet, pool));
                } catch (IllegalArgumentException e) {
                    log.warn("Skipping utilisation samples of invalid pool {}/{}: {}", subnet, pool, e.getMessage());
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot list the sampled pools: " + e.getMessage(), e);
        }
    }

    private List<UtilisationSample> query(long subnetId, long poolId, String sql, TimeRange range) {
        List<UtilisationSample> samples = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, subnetId);
            query.setLong(2, poolId);
            Columns.setTime(query, 3, range.from());
            Columns.setTime(query, 4, range.until());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Instant time = Columns.time(rows, "sample_time");
                    try {
                        samples.add(new UtilisationSample(time, subnetId, poolId, new PoolUsage(
                                rows.getLong("total"), rows.getLong("dynamic_leased"), rows.getLong("reserved_in_pool"),
                                rows.getLong("reserved_outside_pool"), rows.getLong("declined"), rows.getLong("offered"))));
                    } catch (IllegalArgumentException e) {
                        log.warn("Skipping invalid utilisation sample {}/{} at {}: {}", subnetId, poolId, time,
                                e.getMessage());
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot read utilisation of pool " + subnetId + "/" + poolId + ": " + e.getMessage(), e);
        }
        return samples;
    }
}
