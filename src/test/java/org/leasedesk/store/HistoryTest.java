package org.leasedesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.PoolUsage;
import org.leasedesk.lease.UtilisationSample;

class HistoryTest {

    @TempDir
    Path dir;

    LeaseDatabase database;
    EventRepository events;

    @BeforeEach
    void open() {
        database = LeaseDatabase.open(dir.resolve("db"));
        events = new EventRepository(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** Lease n is granted at T0 + n minutes and released 30 s later. */
    private void recordGrantsAndReleases(int count) {
        for (int n = 1; n <= count; n++) {
            Instant granted = TestLeases.T0.plus(Duration.ofMinutes(n));
            Lease lease = TestLeases.lease(n);
            events.append(LeaseEvent.of(LeaseEventType.GRANTED, lease, granted, ""));
            events.append(LeaseEvent.of(LeaseEventType.RELEASED, lease.released(granted), granted.plusSeconds(30), ""));
        }
    }

    @Test
    void findsWhoHadAnAddressInOrder() {
        recordGrantsAndReleases(3);
        EventPage page = events.byAddress(TestLeases.address(2), TimeRange.ALL, PageRequest.first(10));
        assertThat(page.events()).extracting(e -> e.event().type())
                .containsExactly(LeaseEventType.GRANTED, LeaseEventType.RELEASED);
        assertThat(page.events()).allSatisfy(e -> assertThat(e.event().hardwareAddress()).isEqualTo(TestLeases.mac(2)));
        assertThat(page.next()).isEmpty();
    }

    @Test
    void findsAClientsHistoryAndEventsOfOneType() {
        recordGrantsAndReleases(3);
        assertThat(events.byClient(TestLeases.lease(3).clientKey(), TimeRange.ALL, PageRequest.first(10)).events())
                .hasSize(2);
        assertThat(events.byType(LeaseEventType.RELEASED, TimeRange.ALL, PageRequest.first(10)).events()).hasSize(3);
    }

    @Test
    void timeRangeIncludesItsStartAndExcludesItsEnd() {
        recordGrantsAndReleases(5);
        TimeRange range = new TimeRange(TestLeases.T0.plus(Duration.ofMinutes(2)), TestLeases.T0.plus(Duration.ofMinutes(4)));
        assertThat(events.between(range, PageRequest.first(100)).events())
                .extracting(e -> e.event().address())
                .containsExactly(TestLeases.address(2), TestLeases.address(2), TestLeases.address(3), TestLeases.address(3));
    }

    @Test
    void pagesWalkTheWholeHistoryOnceWithEqualTimestamps() {
        // Equal timestamps are the hard case for paging: the id breaks the tie.
        for (int n = 1; n <= 25; n++) {
            events.append(TestLeases.granted(n).event());
        }
        List<StoredEvent> seen = new ArrayList<>();
        PageRequest request = PageRequest.first(10);
        int pages = 0;
        while (request != null) {
            EventPage page = events.between(TimeRange.ALL, request);
            seen.addAll(page.events());
            pages++;
            request = page.next().orElse(null);
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).extracting(e -> e.event().address()).doesNotHaveDuplicates().hasSize(25);
    }

    @Test
    void storeFailureAlarmsAreHistoryToo() {
        events.append(LeaseEvent.alarm(TestLeases.T0, "disk full"));
        assertThat(events.byType(LeaseEventType.STORE_FAILURE, TimeRange.ALL, PageRequest.first(1)).events())
                .singleElement().satisfies(e -> assertThat(e.event().detail()).isEqualTo("disk full"));
    }

    @Test
    void utilisationSamplesReadBackPerPool() {
        UtilisationRepository samples = new UtilisationRepository(database);
        samples.record(List.of(
                new UtilisationSample(TestLeases.T0, 1, 1, new PoolUsage(100, 40, 2, 5, 3, 1)),
                new UtilisationSample(TestLeases.T0, 1, 2, PoolUsage.empty(50)),
                new UtilisationSample(TestLeases.T0.plusSeconds(60), 1, 1, new PoolUsage(100, 41, 2, 5, 3, 0))));
        List<UtilisationSample> pool1 = samples.read(1, 1, TimeRange.ALL);
        assertThat(pool1).extracting(s -> s.usage().dynamicLeased()).containsExactly(40L, 41L);
        assertThat(pool1.get(0).usage()).isEqualTo(new PoolUsage(100, 40, 2, 5, 3, 1));
    }

    @Test
    void pruningRemovesOnlyHistoryOlderThanTheRetention() {
        recordGrantsAndReleases(10);
        new UtilisationRepository(database).record(List.of(
                new UtilisationSample(TestLeases.T0, 1, 1, PoolUsage.empty(10)),
                new UtilisationSample(TestLeases.T0.plus(Duration.ofMinutes(20)), 1, 1, PoolUsage.empty(10))));
        Clock now = Clock.fixed(TestLeases.T0.plus(Duration.ofDays(30)), ZoneOffset.UTC);
        // Keep the last 30 days minus 5.5 minutes: grants 1-5 and their releases are older.
        StoreMaintenance.PruneResult pruned = new StoreMaintenance(database, now)
                .pruneOlderThan(Duration.ofDays(30).minus(Duration.ofSeconds(5 * 60 + 31)));
        assertThat(pruned).isEqualTo(new StoreMaintenance.PruneResult(10, 1, 0));
        assertThat(events.between(TimeRange.ALL, PageRequest.first(100)).events()).hasSize(10);
    }
}
