package org.leasedesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leasedesk.lease.ClientKey;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.RelayInfo;
import org.leasedesk.store.EventRepository;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.TimeRange;

/**
 * Forensics on a hand-built week of one address, 192.0.2.10 (times UTC, November 2026):
 * <pre>
 *   Mon 09:00 laptop granted      Mon 09:30, 10:00, 10:30 laptop renewed    Mon 18:00 laptop released
 *   Tue 08:00 phone granted       Tue 08:30 phone renewed                    Wed 08:00 phone expired (reclaimed later)
 *   Wed 09:00 printer granted     Wed 09:05 printer declined it (conflict)
 *   Thu 10:00 laptop granted again, still held
 * </pre>
 * plus the laptop's second address on another subnet, 198.51.100.7, from Tue 12:00, a reclamation
 * of the printer's declined address, and an alarm that concerns no address.
 */
// One database for the class: the tests only read it, or add a client of their own.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaseHistoryTest {

    private static final Ipv4Address X = Ipv4Address.parse("192.0.2.10");
    private static final HardwareAddress LAPTOP = HardwareAddress.parseMac("00:00:5e:00:53:01");
    private static final HardwareAddress PHONE = HardwareAddress.parseMac("00:00:5e:00:53:02");
    private static final HardwareAddress PRINTER = HardwareAddress.parseMac("00:00:5e:00:53:03");

    @TempDir
    static Path directory;

    private LeaseDatabase database;
    private LeaseHistory history;

    private static Instant at(String dayAndTime) {
        return Instant.parse("2026-11-" + dayAndTime + ":00Z");
    }

    @BeforeAll
    void recordTheWeek() {
        database = LeaseDatabase.open(directory.resolve("leases"));
        history = new LeaseHistory(database);
        EventRepository events = new EventRepository(database);
        record(events, LeaseEventType.GRANTED, X, LAPTOP, "laptop", 1, "16T09:00");
        record(events, LeaseEventType.RENEWED, X, LAPTOP, "laptop", 1, "16T09:30");
        record(events, LeaseEventType.RENEWED, X, LAPTOP, "laptop", 1, "16T10:00");
        record(events, LeaseEventType.RENEWED, X, LAPTOP, "laptop", 1, "16T10:30");
        record(events, LeaseEventType.RELEASED, X, LAPTOP, "laptop", 1, "16T18:00");
        record(events, LeaseEventType.GRANTED, X, PHONE, "phone", 1, "17T08:00");
        record(events, LeaseEventType.RENEWED, X, PHONE, "phone", 1, "17T08:30");
        record(events, LeaseEventType.GRANTED, Ipv4Address.parse("198.51.100.7"), LAPTOP, "laptop", 2, "17T12:00");
        record(events, LeaseEventType.EXPIRED, X, PHONE, "phone", 1, "18T08:00");
        record(events, LeaseEventType.GRANTED, X, PRINTER, "printer", 1, "18T09:00");
        record(events, LeaseEventType.DECLINED, X, PRINTER, "printer", 1, "18T09:05");
        record(events, LeaseEventType.RECLAIMED, X, PRINTER, "printer", 1, "19T09:05");
        record(events, LeaseEventType.GRANTED, X, LAPTOP, "laptop", 1, "19T10:00");
        events.append(LeaseEvent.alarm(LeaseEventType.SERVER_STUCK, at("19T11:00"), 0, 0, "an alarm on no address"));
    }

    @AfterAll
    void close() {
        database.close();
    }

    private static void record(EventRepository events, LeaseEventType type, Ipv4Address address, HardwareAddress mac,
                               String hostname, long subnet, String when) {
        Lease lease = Lease.granted(address, mac, Octets.EMPTY, hostname, subnet, 1, at(when), Duration.ofHours(1), RelayInfo.NONE);
        events.append(LeaseEvent.of(type, lease, at(when), ""));
    }

    /** The answer an investigator would read off the table above, minute by minute at the edges. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "15T12:00, nobody",
        "16T08:59, nobody",
        "16T09:00, laptop",
        "16T10:15, laptop",
        "16T17:59, laptop",
        "16T18:00, nobody",
        "17T07:59, nobody",
        "17T08:00, phone",
        "17T23:00, phone",
        "18T08:00, nobody",
        "18T09:01, printer",
        "18T09:05, nobody",
        "19T09:59, nobody",
        "19T10:00, laptop",
        "25T00:00, laptop",
    })
    void whoHeldXAtTMatchesTheHandBuiltTimeline(String when, String expected) {
        Optional<LeaseEvent> holder = history.holderAt(X, at(when));
        assertThat(holder.map(LeaseEvent::hostname).orElse("nobody")).isEqualTo(expected);
    }

    @Test
    void holderAtNamesTheEventThatGaveTheAddress() {
        LeaseEvent event = history.holderAt(X, at("16T10:15")).orElseThrow();
        assertThat(event.type()).isEqualTo(LeaseEventType.RENEWED);
        assertThat(event.time()).isEqualTo(at("16T10:00"));
        assertThat(event.hardwareAddress()).isEqualTo(LAPTOP);
    }

    @Test
    void theLaptopsTimelineMergesRenewalsIntoSpans() {
        List<HoldingSpan> spans = history.timeline(new ClientKey.ByHardware(LAPTOP), TimeRange.ALL);
        assertThat(spans).containsExactly(
                new HoldingSpan(X, "laptop", at("16T09:00"), at("16T10:30"), 3, Optional.of(at("16T18:00")),
                        Optional.of(LeaseEventType.RELEASED)),
                new HoldingSpan(Ipv4Address.parse("198.51.100.7"), "laptop", at("17T12:00"), at("17T12:00"), 0,
                        Optional.empty(), Optional.empty()),
                new HoldingSpan(X, "laptop", at("19T10:00"), at("19T10:00"), 0, Optional.empty(), Optional.empty()));
    }

    @Test
    void aSpanEndsWithTheExpiryOrDeclineOfItsAddress() {
        assertThat(history.timeline(new ClientKey.ByHardware(PHONE), TimeRange.ALL)).singleElement()
                .satisfies(span -> {
                    assertThat(span.firstSeen()).isEqualTo(at("17T08:00"));
                    assertThat(span.lastSeen()).isEqualTo(at("17T08:30"));
                    assertThat(span.ended()).contains(at("18T08:00"));
                    assertThat(span.endedBy()).contains(LeaseEventType.EXPIRED);
                });
        assertThat(history.timeline(new ClientKey.ByHardware(PRINTER), TimeRange.ALL)).singleElement()
                .satisfies(span -> assertThat(span.endedBy()).contains(LeaseEventType.DECLINED));
    }

    @Test
    void aRenewalWhoseGrantLiesBeforeTheRangeOpensTheSpan() {
        TimeRange fromTen = new TimeRange(at("16T10:00"), at("17T00:00"));
        assertThat(history.timeline(new ClientKey.ByHardware(LAPTOP), fromTen)).singleElement()
                .satisfies(span -> {
                    assertThat(span.firstSeen()).isEqualTo(at("16T10:00"));
                    assertThat(span.renewals()).isEqualTo(1);
                    assertThat(span.ended()).contains(at("16T18:00"));
                });
    }

    @Test
    void aGrantOfAnotherAddressInTheSameSubnetEndsTheOpenSpan() {
        EventRepository events = new EventRepository(database);
        HardwareAddress tablet = HardwareAddress.parseMac("00:00:5e:00:53:04");
        record(events, LeaseEventType.GRANTED, Ipv4Address.parse("192.0.2.20"), tablet, "tablet", 1, "20T09:00");
        record(events, LeaseEventType.GRANTED, Ipv4Address.parse("192.0.2.21"), tablet, "tablet", 1, "20T10:00");
        assertThat(history.timeline(new ClientKey.ByHardware(tablet), TimeRange.ALL))
                .extracting(HoldingSpan::address, HoldingSpan::ended)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Ipv4Address.parse("192.0.2.20"), Optional.of(at("20T10:00"))),
                        org.assertj.core.groups.Tuple.tuple(Ipv4Address.parse("192.0.2.21"), Optional.empty()));
    }

    @Test
    void anImportedLeaseHoldsItsAddressAndOpensASpanLikeAGrant() {
        EventRepository events = new EventRepository(database);
        HardwareAddress nas = HardwareAddress.parseMac("00:00:5e:00:53:05");
        Ipv4Address address = Ipv4Address.parse("192.0.2.30");
        record(events, LeaseEventType.IMPORTED, address, nas, "nas", 1, "21T09:00");
        record(events, LeaseEventType.RENEWED, address, nas, "nas", 1, "21T09:30");

        assertThat(history.holderAt(address, at("21T09:10"))).hasValueSatisfying(event -> {
            assertThat(event.type()).isEqualTo(LeaseEventType.IMPORTED);
            assertThat(event.hostname()).isEqualTo("nas");
        });
        assertThat(history.holderAt(address, at("21T08:59"))).isEmpty();
        assertThat(history.timeline(new ClientKey.ByHardware(nas), TimeRange.ALL)).singleElement()
                .satisfies(span -> {
                    assertThat(span.firstSeen()).isEqualTo(at("21T09:00"));
                    assertThat(span.renewals()).isEqualTo(1);
                });
    }
}
