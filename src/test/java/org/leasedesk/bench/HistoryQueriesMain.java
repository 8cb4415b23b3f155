package org.leasedesk.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.leasedesk.app.LeaseHistory;
import org.leasedesk.lease.ClientKey;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.PoolRef;
import org.leasedesk.store.EventPage;
import org.leasedesk.store.EventQuery;
import org.leasedesk.store.EventRepository;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.PageRequest;
import org.leasedesk.store.TimeRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times every history query on a generated history of 10 million events (the target: each
 * under 100 ms). Not a test: run it through the bench profile,
 *
 * <pre>{@code ./mvnw -B -ntp -o -Pbench test-compile exec:exec@history-bench}</pre>
 *
 * with {@code -Dhistory.args="EVENTS DATABASE_PATH"} to change the size or keep the database elsewhere
 * (default 10000000 in target/history-bench/events). The database is generated once, in H2 itself
 * ({@code INSERT ... SELECT FROM SYSTEM_RANGE}, a quarter million rows per statement, the indexes
 * built afterwards), and reused by later runs
 * when it holds the same number of events.
 *
 * <p>The generated history: 100,000 clients (MAC 02:00 + the client number), each with one event
 * every 100,000 events, 3 s apart overall, so about 347 days. A client's events repeat GRANTED,
 * RENEWED x7, RELEASED, EXPIRED (clients start the cycle at different points, so every type occurs
 * every day); with each grant it moves to another address, so an address sees about ten holders. Clients are spread over subnets 1-4 with two pools each.
 */
public final class HistoryQueriesMain {

    private static final Logger log = LoggerFactory.getLogger(HistoryQueriesMain.class);

    static final int CLIENTS = 100_000;
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final Ipv4Address BASE = Ipv4Address.parse("10.0.0.0");
    private static final int CHUNK = 250_000;
    private static final int PAGE = 100;
    private static final int RUNS = 25;

    private HistoryQueriesMain() {}

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        Path path = args.length > 1 ? Path.of(args[1]) : Path.of("target", "history-bench", "events");
        try (LeaseDatabase database = LeaseDatabase.open(path)) {
            fill(database, events);
            measure(database, events);
        }
    }

    private static void fill(LeaseDatabase database, long events) throws Exception {
        long present = count(database);
        if (present == events) {
            log.info("reusing {} events in {}", present, database.file());
            return;
        }
        long started = System.nanoTime();
        try (Connection connection = database.connect()) {
            connection.createStatement().execute("TRUNCATE TABLE lease_events");
            // Maintaining eight indexes row by row made the file grow by gigabytes and took hours;
            // without them the rows go in fast, and H2 builds each index afterwards in one sorted pass.
            List<String> indexes = secondaryIndexes(connection);
            for (String index : indexes) {
                connection.createStatement().execute("DROP INDEX " + index.split(" ")[2]);
            }
            for (long first = 1; first <= events; first += CHUNK) {
                long last = Math.min(events, first + CHUNK - 1);
                try (PreparedStatement insert = connection.prepareStatement(GENERATE)) {
                    insert.setLong(1, first);
                    insert.setLong(2, last);
                    insert.executeUpdate();
                }
                if (last % 1_000_000 == 0 || last == events) {
                    log.info("generated {} of {} events", last, events);
                }
            }
            for (String index : indexes) {
                long indexStarted = System.nanoTime();
                connection.createStatement().execute(index);
                log.info("{} in {} s", index, Duration.ofNanos(System.nanoTime() - indexStarted).toSeconds());
            }
            connection.createStatement().execute("ANALYZE");
        }
        log.info("generated {} events in {} s ({} MiB file)", events, Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                Files.size(database.file()) >> 20);
    }

    /** The CREATE INDEX statements of the history table's secondary indexes, as the migrations made them. */
    private static List<String> secondaryIndexes(Connection connection) throws Exception {
        java.util.Map<String, List<String>> columns = new java.util.LinkedHashMap<>();
        try (ResultSet rows = connection.createStatement().executeQuery("""
                SELECT c.INDEX_NAME, c.COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS c
                JOIN INFORMATION_SCHEMA.INDEXES i ON i.INDEX_SCHEMA = c.INDEX_SCHEMA AND i.INDEX_NAME = c.INDEX_NAME
                WHERE c.TABLE_NAME = 'LEASE_EVENTS' AND i.INDEX_TYPE_NAME = 'INDEX'
                ORDER BY c.INDEX_NAME, c.ORDINAL_POSITION""")) {
            while (rows.next()) {
                columns.computeIfAbsent(rows.getString(1), name -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        return columns.entrySet().stream()
                .map(index -> "CREATE INDEX " + index.getKey() + " ON lease_events (" + String.join(", ", index.getValue()) + ")")
                .toList();
    }

    /** Event X (1-based): client c = X mod CLIENTS, its k-th event k = X div CLIENTS, at T0 + 3X seconds. */
    private static final String GENERATE = """
            INSERT INTO lease_events (event_time, event_type, address, client_key, hw_type, hw_address, client_id,
                hostname, subnet_id, pool_id, giaddr, circuit_id, remote_id, detail)
            DIRECT SELECT DATEADD(SECOND, 3 * X, TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00+00'),
                CASE MOD(K + C, 10) WHEN 0 THEN 'GRANTED' WHEN 8 THEN 'RELEASED' WHEN 9 THEN 'EXPIRED' ELSE 'RENEWED' END,
                167772160 + MOD(C + ((K + MOD(C, 10)) / 10) * 7919, 100000),
                'hw:1:02:00:' || SUBSTRING(H, 1, 2) || ':' || SUBSTRING(H, 3, 2) || ':' || SUBSTRING(H, 5, 2) || ':' || SUBSTRING(H, 7, 2),
                1, X'0200' || B, X'', 'host-' || C, 1 + MOD(C, 4), 1 + MOD(C / 4, 2), 0, X'', X'', ''
            FROM (SELECT X, C, K, B, LOWER(RAWTOHEX(B)) AS H FROM (
                SELECT X, MOD(X, 100000) AS C, X / 100000 AS K, CAST(CAST(MOD(X, 100000) AS INTEGER) AS BINARY(4)) AS B
                FROM SYSTEM_RANGE(?, ?)))""";

    private static long count(LeaseDatabase database) throws Exception {
        try (Connection connection = database.connect();
                ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM lease_events")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static ClientKey client(int c) {
        return new ClientKey.ByHardware(new HardwareAddress(HardwareAddress.ETHERNET,
                Octets.of((byte) 2, (byte) 0, (byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c)));
    }

    private static void measure(LeaseDatabase database, long events) {
        EventRepository repository = new EventRepository(database);
        LeaseHistory history = new LeaseHistory(database);
        Duration span = Duration.ofSeconds(3 * events);
        Random random = new Random(5);
        int clients = (int) Math.min(CLIENTS, events);
        // Sanity: the generated keys are the ones Java writes, or every client query would find nothing.
        int found = repository.byClient(client(clients / 2), TimeRange.ALL, PageRequest.first(PAGE)).events().size();
        if (found == 0) {
            throw new IllegalStateException("the generated client keys do not match ClientKey's form");
        }
        List<String> lines = new ArrayList<>();
        // Each query's parameters are drawn before its clock starts; only the query is timed.
        lines.add(time("by client, first page of " + PAGE, () -> {
            ClientKey client = client(random.nextInt(clients));
            return () -> checked(repository.byClient(client, TimeRange.ALL, PageRequest.first(PAGE)));
        }));
        lines.add(time("by address, first page", () -> {
            Ipv4Address address = BASE.plus(random.nextInt(clients));
            return () -> checked(repository.byAddress(address, TimeRange.ALL, PageRequest.first(PAGE)));
        }));
        lines.add(time("time range (one day), first page", () -> {
            TimeRange day = day(random, span);
            return () -> checked(repository.between(day, PageRequest.first(PAGE)));
        }));
        lines.add(time("time range (one day), 10th page", () -> {
            TimeRange day = day(random, span);
            PageRequest tenth = tenthPage(repository, EventQuery.ALL, day);
            return () -> checked(repository.between(day, tenth));
        }));
        lines.add(time("by type RELEASED, whole history", () ->
                () -> checked(repository.byType(LeaseEventType.RELEASED, TimeRange.ALL, PageRequest.first(PAGE)))));
        lines.add(time("by type EXPIRED, one day", () -> {
            TimeRange day = day(random, span);
            return () -> checked(repository.byType(LeaseEventType.EXPIRED, day, PageRequest.first(PAGE)));
        }));
        lines.add(time("by pool, one day", () -> {
            PoolRef pool = pool(random);
            TimeRange day = day(random, span);
            return () -> checked(repository.byPool(pool, day, PageRequest.first(PAGE)));
        }));
        lines.add(time("by pool, one day, 10th page", () -> {
            EventQuery query = EventQuery.ALL.withPool(pool(random));
            TimeRange day = day(random, span);
            PageRequest tenth = tenthPage(repository, query, day);
            return () -> checked(repository.find(query, day, tenth));
        }));
        lines.add(time("by pool and type RELEASED, whole history", () -> {
            EventQuery query = EventQuery.ALL.withPool(pool(random)).withType(LeaseEventType.RELEASED);
            return () -> checked(repository.find(query, TimeRange.ALL, PageRequest.first(PAGE)));
        }));
        lines.add(time("by client and type, whole history", () -> {
            EventQuery query = EventQuery.ALL.withClient(client(random.nextInt(clients))).withType(LeaseEventType.GRANTED);
            return () -> checked(repository.find(query, TimeRange.ALL, PageRequest.first(PAGE)));
        }));
        lines.add(time("holderAt (who held X at T)", () -> {
            Ipv4Address address = BASE.plus(random.nextInt(clients));
            Instant when = T0.plusSeconds((long) (random.nextDouble() * span.toSeconds()));
            return () -> history.holderAt(address, when);
        }));
        lines.add(time("timeline of a client (all spans)", () -> {
            ClientKey client = client(random.nextInt(clients));
            return () -> {
                if (history.timeline(client, TimeRange.ALL).isEmpty()) {
                    empty++;
                }
            };
        }));
        log.info("{} events, {} runs each after {} warm-up runs (median / 95th percentile / max):\n{}", events, RUNS, RUNS,
                String.join("\n", lines));
    }

    private static PoolRef pool(Random random) {
        return new PoolRef(1 + random.nextInt(4), 1 + random.nextInt(2));
    }

    private static TimeRange day(Random random, Duration span) {
        Instant from = T0.plusSeconds((long) (random.nextDouble() * (span.toSeconds() - 86_400)));
        return new TimeRange(from, from.plus(Duration.ofDays(1)));
    }

    /** The request for the 10th page of {@code query}, found by reading the nine before it. */
    private static PageRequest tenthPage(EventRepository repository, EventQuery query, TimeRange range) {
        PageRequest request = PageRequest.first(PAGE);
        for (int n = 1; n < 10; n++) {
            EventPage page = repository.find(query, range, request);
            if (page.next().isEmpty()) {
                break;
            }
            request = page.next().get();
        }
        return request;
    }

    /** Runs that found nothing: they are fast for the wrong reason, so the report says how many there were. */
    private static int empty;

    private static void checked(EventPage page) {
        if (page.events().isEmpty()) {
            empty++;
        }
    }

    private static String time(String what, Supplier<Runnable> prepared) {
        for (int n = 0; n < RUNS; n++) {
            prepared.get().run();
        }
        empty = 0;
        double[] millis = new double[RUNS];
        for (int n = 0; n < RUNS; n++) {
            Runnable query = prepared.get();
            long started = System.nanoTime();
            query.run();
            millis[n] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(millis);
        String verdict = (millis[(int) (RUNS * 0.95)] < 100 ? "ok" : "OVER 100 ms")
                + (empty > 0 ? " (" + empty + " runs found nothing)" : "");
        return String.format(java.util.Locale.ROOT, "  %-45s %8.2f ms %8.2f ms %8.2f ms  %s", what, millis[RUNS / 2],
                millis[(int) (RUNS * 0.95)], millis[RUNS - 1], verdict);
    }
}
