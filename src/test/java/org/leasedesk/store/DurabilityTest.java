package org.leasedesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.testing.ChildJvm;

class DurabilityTest {

    private static final int ACKS_BEFORE_KILL = 3000;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedLeaseSurvivesKillDashNine() throws Exception {
        Path db = dir.resolve("crash");
        Process child = ChildJvm.start(AcknowledgingWriterMain.class, db.toString());
        Set<Integer> acknowledged = new HashSet<>();
        CountDownLatch enough = new CountDownLatch(ACKS_BEFORE_KILL);
        Thread reader = Thread.ofPlatform().name("ack-reader").start(() -> {
            try (BufferedReader acks = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = acks.readLine()) != null) {
                    synchronized (acknowledged) {
                        acknowledged.add(Integer.parseInt(line.strip()));
                    }
                    enough.countDown();
                }
            } catch (Exception e) {
                // The pipe breaks when the child is killed: everything read so far counts.
            }
        });
        try {
            assertThat(enough.await(60, TimeUnit.SECONDS)).as("child acknowledged %d leases", ACKS_BEFORE_KILL).isTrue();
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no H2 close
            child.waitFor(10, TimeUnit.SECONDS);
            reader.join(10_000);
        }

        try (LeaseDatabase reopened = LeaseDatabase.open(db)) {
            LeaseLoad load = new LeaseRepository(reopened).loadAll();
            assertThat(load.rejected()).isEmpty();
            Map<Ipv4Address, Lease> byAddress = new HashMap<>();
            load.leases().forEach(lease -> byAddress.put(lease.address(), lease));
            synchronized (acknowledged) {
                assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
                for (int n : acknowledged) {
                    assertThat(byAddress.get(TestLeases.address(n))).as("acknowledged lease %d", n)
                            .isEqualTo(TestLeases.lease(n));
                }
            }
            try (Connection connection = reopened.connect();
                    PreparedStatement doubles = connection.prepareStatement(
                            "SELECT COUNT(*) FROM (SELECT client_key FROM leases GROUP BY client_key HAVING COUNT(*) > 1)");
                    PreparedStatement orphans = connection.prepareStatement(
                            "SELECT COUNT(*) FROM leases l WHERE NOT EXISTS"
                                    + " (SELECT 1 FROM lease_events e WHERE e.address = l.address)")) {
                assertThat(count(doubles)).as("clients holding more than one address").isZero();
                assertThat(count(orphans)).as("leases committed without their event").isZero();
            }
        }
    }

    private static long count(PreparedStatement query) throws Exception {
        try (ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
