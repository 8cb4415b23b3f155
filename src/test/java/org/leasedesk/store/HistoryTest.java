package org.leasedesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.PoolRef;
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

    @Test
    void everyAlarmTypeIsStoredAndReadBack() {
        for (LeaseEventType type : LeaseEventType.values()) {
            if (type.isAlarm()) {
                events.append(LeaseEvent.alarm(type, TestLeases.T0, 1, 2, type + " detail"));
            }
        }
        assertThat(events.byPool(new org.leasedesk.lease.PoolRef(1, 2), TimeRange.ALL, PageRequest.first(100)).events())
                .extracting(e -> e.event().type())
                .containsExactlyInAnyOrder(java.util.Arrays.stream(LeaseEventType.values()).filter(LeaseEventType::isAlarm)
                        .toArray(LeaseEventType[]::new));
    }

    /** Pool and combined filters, the holder probe, and the index each combination is planned on. */
    @Nested
    class Queries {

        /** Lease n lives in pool 1/(n % 2 + 1): granted at T0 + n min, renewed 10 s later, released 30 s later. */
        private void record(int count) {
            for (int n = 1; n <= count; n++) {
                Instant granted = TestLeases.T0.plus(Duration.ofMinutes(n));
                Lease base = TestLeases.lease(n);
                Lease lease = new Lease(base.address(), base.hardwareAddress(), base.clientId(), base.hostname(), 1, n % 2 + 1,
                        base.state(), base.start(), base.cltt(), base.validLifetime(), base.relay());
                events.append(LeaseEvent.of(LeaseEventType.GRANTED, lease, granted, ""));
                events.append(LeaseEvent.of(LeaseEventType.RENEWED, lease, granted.plusSeconds(10), ""));
                events.append(LeaseEvent.of(LeaseEventType.RELEASED, lease.released(granted), granted.plusSeconds(30), ""));
            }
        }

        @Test
        void findsAPoolsEventsAndOnlyThose() {
            record(6);
            EventPage page = events.byPool(new PoolRef(1, 2), TimeRange.ALL, PageRequest.first(100));
            assertThat(page.events()).hasSize(9)
                    .allSatisfy(e -> assertThat(e.event().poolId()).isEqualTo(2))
                    .extracting(e -> e.event().address())
                    .containsOnly(TestLeases.address(1), TestLeases.address(3), TestLeases.address(5));
        }

        @Test
        void combinesPoolTypeAndTimeRange() {
            record(6);
            TimeRange minutesTwoToFive = new TimeRange(TestLeases.T0.plus(Duration.ofMinutes(2)), TestLeases.T0.plus(Duration.ofMinutes(5)));
            EventPage page = events.find(EventQuery.ALL.withPool(new PoolRef(1, 1)).withType(LeaseEventType.RENEWED),
                    minutesTwoToFive, PageRequest.first(100));
            assertThat(page.events()).extracting(e -> e.event().address())
                    .containsExactly(TestLeases.address(2), TestLeases.address(4));
            assertThat(page.events()).allSatisfy(e -> assertThat(e.event().type()).isEqualTo(LeaseEventType.RENEWED));
        }

        @Test
        void combinesClientAndType() {
            record(3);
            EventQuery query = EventQuery.ALL.withClient(TestLeases.lease(2).clientKey()).withType(LeaseEventType.RELEASED);
            assertThat(events.find(query, TimeRange.ALL, PageRequest.first(10)).events())
                    .singleElement()
                    .satisfies(e -> assertThat(e.event().time()).isEqualTo(TestLeases.T0.plus(Duration.ofMinutes(2)).plusSeconds(30)));
        }

        @Test
        void combinedQueriesPageThroughEveryMatchOnce() {
            record(10);
            EventQuery query = EventQuery.ALL.withPool(new PoolRef(1, 1));
            Optional<PageRequest> page = Optional.of(PageRequest.first(4));
            java.util.List<Long> seen = new java.util.ArrayList<>();
            while (page.isPresent()) {
                EventPage result = events.find(query, TimeRange.ALL, page.get());
                result.events().forEach(e -> seen.add(e.id()));
                page = result.next();
            }
            assertThat(seen).hasSize(15).doesNotHaveDuplicates().isSorted();
        }

        @Test
        void latestOnFindsTheLastEventOfTheGivenTypesAtOrBeforeTheTime() {
            record(2);
            Instant renewed = TestLeases.T0.plus(Duration.ofMinutes(1)).plusSeconds(10);
            assertThat(events.latestOn(TestLeases.address(1), renewed, EnumSet.of(LeaseEventType.GRANTED, LeaseEventType.RELEASED)))
                    .get().satisfies(e -> assertThat(e.event().type()).isEqualTo(LeaseEventType.GRANTED));
            assertThat(events.latestOn(TestLeases.address(1), renewed, EnumSet.allOf(LeaseEventType.class)))
                    .get().satisfies(e -> assertThat(e.event().time()).isEqualTo(renewed));
            assertThat(events.latestOn(TestLeases.address(1), TestLeases.T0, EnumSet.allOf(LeaseEventType.class))).isEmpty();
        }

        static Stream<Arguments> everyCombination() {
            Stream.Builder<Arguments> combinations = Stream.builder();
            for (int mask = 0; mask < 16; mask++) {
                EventQuery query = EventQuery.ALL;
                if ((mask & 1) != 0) {
                    query = query.withClient(TestLeases.lease(1).clientKey());
                }
                if ((mask & 2) != 0) {
                    query = query.withAddress(TestLeases.address(1));
                }
                if ((mask & 4) != 0) {
                    query = query.withPool(new PoolRef(1, 1));
                }
                if ((mask & 8) != 0) {
                    query = query.withType(LeaseEventType.GRANTED);
                }
                combinations.add(Arguments.of(query, (mask & 1) != 0, (mask & 2) != 0));
            }
            return combinations.build();
        }

        /**
         * The plan names a secondary index, no table scan, and reads rows in index order (so a page
         * stops after its own size instead of sorting every match), for the first page and later ones.
         */
        @ParameterizedTest
        @MethodSource("everyCombination")
        void everyCombinationIsPlannedOnAnIndex(EventQuery query, boolean byClient, boolean byAddress) throws Exception {
            for (boolean continued : new boolean[] {false, true}) {
                EventRepository.Criteria criteria = EventRepository.Criteria.of(query);
                String plan = plan(EventRepository.sql(criteria, continued), criteria, continued);
                assertThat(plan).as(query + " plan").containsPattern("LEASE_EVENTS_BY_\\w+")
                        .doesNotContain("tableScan").doesNotContain("PRIMARY_KEY").contains("index sorted");
                if (byClient) {
                    assertThat(plan).contains("LEASE_EVENTS_BY_CLIENT");
                } else if (byAddress) {
                    assertThat(plan).contains("LEASE_EVENTS_BY_ADDRESS");
                }
            }
        }

        private String plan(String sql, EventRepository.Criteria criteria, boolean continued) throws Exception {
            try (Connection connection = database.connect(); PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
                int index = criteria.bind(explain, 1);
                Columns.setTime(explain, index++, TimeRange.ALL.from());
                Columns.setTime(explain, index++, TimeRange.ALL.until());
                if (continued) {
                    Columns.setTime(explain, index++, TestLeases.T0);
                    Columns.setTime(explain, index++, TestLeases.T0);
                    explain.setLong(index++, 1);
                }
                explain.setInt(index, 10);
                try (ResultSet rows = explain.executeQuery()) {
                    rows.next();
                    return rows.getString(1);
                }
            }
        }
    }
}
