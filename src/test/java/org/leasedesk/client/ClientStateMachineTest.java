package org.leasedesk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leasedesk.client.ClientFixture.MAC;
import static org.leasedesk.client.ClientFixture.MASK;
import static org.leasedesk.client.ClientFixture.OFFERED;
import static org.leasedesk.client.ClientFixture.OTHER_SERVER;
import static org.leasedesk.client.ClientFixture.SERVER;
import static org.leasedesk.client.ClientFixture.START;
import static org.leasedesk.client.ClientFixture.ip;

import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.HardwareAddress;
import org.leasedesk.protocol.MessageType;

/** RFC 2131 section 4.4 sentence by sentence, on virtual time with a pretend server. */
class ClientStateMachineTest {

    private final ClientFixture fixture = new ClientFixture();

    @Test
    void discoverIsBroadcastWithClientIdentifierHostNameAndParameterList() {
        fixture.start();

        FakeTransport.Sent discover = fixture.transport.last();
        assertThat(discover.destination()).isEqualTo(Destination.BROADCAST);
        assertThat(discover.message().messageType()).contains(MessageType.DISCOVER);
        assertThat(discover.message().hardwareAddress()).isEqualTo(MAC);
        assertThat(discover.message().clientIdentifier()).hasValueSatisfying(id -> assertThat(id).containsExactly(1, 0, 0, 0x5e, 0, 0x53, 1));
        assertThat(discover.message().hostName()).contains("pc1");
        assertThat(discover.message().parameterRequestList()).containsExactlyElementsOf(ClientSettings.DEFAULT_PARAMETER_REQUEST_LIST);
        assertThat(discover.message().broadcast()).as("broadcast flag: no address to receive a unicast at yet").isTrue();
        assertThat(fixture.client.state()).isEqualTo(ClientState.SELECTING);
    }

    @Test
    void obtainsALeaseThroughDiscoverOfferRequestAck() {
        fixture.start();
        fixture.offer(SERVER, OFFERED, 3600);
        DhcpMessage request = fixture.lastSent();
        fixture.ack(3600);

        assertThat(request.messageType()).contains(MessageType.REQUEST);
        assertThat(request.xid()).as("REQUEST keeps the DISCOVER's xid").isEqualTo(fixture.sent().getFirst().message().xid());
        assertThat(request.requestedAddress()).contains(OFFERED);
        assertThat(request.serverIdentifier()).contains(SERVER);
        assertThat(fixture.transport.last().destination()).isEqualTo(Destination.BROADCAST);
        assertThat(fixture.states()).containsExactly(ClientState.INIT, ClientState.SELECTING, ClientState.REQUESTING,
                ClientState.CHECKING_ADDRESS, ClientState.BOUND);
        assertThat(fixture.checkedAddresses).containsExactly(OFFERED);

        ClientLease lease = fixture.client.lease().orElseThrow();
        assertThat(lease.address()).isEqualTo(OFFERED);
        assertThat(lease.subnetMask()).contains(MASK);
        assertThat(lease.routers()).containsExactly(SERVER);
        assertThat(lease.domainNameServers()).containsExactly(ip("192.0.2.53"));
        assertThat(lease.server()).isEqualTo(SERVER);
        assertThat(lease.leaseTime()).isEqualTo(Duration.ofHours(1));
        assertThat(lease.renewalTime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(lease.rebindingTime()).isEqualTo(Duration.ofSeconds(3150));
        assertThat(lease.obtained()).isEqualTo(START);
        assertThat(lease.expires()).isEqualTo(START.plusSeconds(3600));
        assertThat(fixture.notices(ClientNotice.ApplyAddress.class)).extracting(ClientNotice.ApplyAddress::lease).containsExactly(lease);
        assertThat(fixture.notices(ClientNotice.LeaseAcquired.class)).containsExactly(new ClientNotice.LeaseAcquired(lease, false));

        Exchange exchange = fixture.client.exchangeLog().latest().orElseThrow();
        assertThat(exchange.messageTypes()).containsExactly(Optional.of(MessageType.DISCOVER), Optional.of(MessageType.OFFER),
                Optional.of(MessageType.REQUEST), Optional.of(MessageType.ACK));
        assertThat(exchange.packets()).extracting(ExchangeEntry.Packet::direction)
                .containsExactly(Direction.SENT, Direction.RECEIVED, Direction.SENT, Direction.RECEIVED);
        assertThat(exchange.packets().getFirst().summary()).startsWith("DHCPDISCOVER xid=");
        assertThat(exchange.packets().getLast().details()).contains("ciaddr", "51 ");
    }

    @Test
    void t1AndT2ComeFromOptions58And59WhenTheServerSendsThem() {
        fixture.start();
        fixture.offer(SERVER, OFFERED, 1000);
        fixture.ack(1000, ack -> ack.renewalTime(100).rebindingTime(200));

        ClientLease lease = fixture.client.lease().orElseThrow();
        assertThat(lease.renewalTime()).isEqualTo(Duration.ofSeconds(100));
        assertThat(lease.rebindingTime()).isEqualTo(Duration.ofSeconds(200));
    }

    @Test
    void retransmitsDiscoverAt4_8_16_32_64SecondsWithinOneSecondOfJitterThenGivesUp() {
        fixture.start();
        fixture.scheduler.advanceBy(Duration.ofMinutes(5));

        List<FakeTransport.Sent> discovers = fixture.sent();
        assertThat(discovers).hasSize(5).allMatch(s -> s.message().messageType().orElseThrow() == MessageType.DISCOVER);
        assertThat(discovers).extracting(s -> s.message().xid()).containsOnly(discovers.getFirst().message().xid());
        assertThat(discovers).extracting(s -> s.message().secs())
                .as("secs counts from the start of the transaction")
                .containsExactlyElementsOf(discovers.stream().map(s -> (int) Duration.between(START, s.at()).toSeconds()).toList());
        long[] expected = {4, 8, 16, 32};
        for (int i = 0; i < expected.length; i++) {
            Duration gap = Duration.between(discovers.get(i).at(), discovers.get(i + 1).at());
            assertThat(gap).as("wait after transmission %d", i + 1)
                    .isBetween(Duration.ofSeconds(expected[i] - 1), Duration.ofSeconds(expected[i] + 1));
        }
        ClientNotice.GaveUp gaveUp = fixture.notices(ClientNotice.GaveUp.class).getFirst();
        assertThat(gaveUp.reason()).contains("5 DHCPDISCOVER");
        assertThat(fixture.client.state()).isEqualTo(ClientState.IDLE);
        assertThat(fixture.scheduler.waiting()).as("nothing left armed after giving up").isZero();
    }

    @Test
    void retransmissionWaitsAreTheRfcScheduleWithJitterAndRepeatForTheSameSeed() {
        ClientTimings timings = ClientTimings.rfc2131();
        long[] base = {4, 8, 16, 32, 64, 64};
        List<Duration> first = new ArrayList<>();
        List<Duration> again = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        SplittableRandom sameSeed = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            for (int transmission = 1; transmission <= base.length; transmission++) {
                Duration delay = timings.retransmissionDelay(transmission, random);
                assertThat(delay).isBetween(Duration.ofSeconds(base[transmission - 1] - 1), Duration.ofSeconds(base[transmission - 1] + 1));
                first.add(delay);
                again.add(timings.retransmissionDelay(transmission, sameSeed));
            }
        }
        assertThat(again).isEqualTo(first);
        assertThat(first.stream().distinct().count()).as("jitter actually moves the waits").isGreaterThan(500);
    }

    @Test
    void renewsAtT1WithUnicastRequest() {
        ClientLease lease = fixture.bind(3600);
        int sentBefore = fixture.sent().size();

        fixture.scheduler.advanceTo(lease.renewAt().minusMillis(1));
        assertThat(fixture.sent()).hasSize(sentBefore);
        fixture.scheduler.advanceTo(lease.renewAt());

        FakeTransport.Sent renewal = fixture.transport.last();
        assertThat(fixture.client.state()).isEqualTo(ClientState.RENEWING);
        assertThat(renewal.at()).isEqualTo(START.plusSeconds(1800));
        assertThat(renewal.destination()).isEqualTo(new Destination.Unicast(SERVER));
        assertThat(renewal.message().messageType()).contains(MessageType.REQUEST);
        assertThat(renewal.message().ciaddr()).isEqualTo(OFFERED);
        assertThat(renewal.message().requestedAddress()).as("no option 50 when renewing").isEmpty();
        assertThat(renewal.message().serverIdentifier()).as("no option 54 when renewing").isEmpty();
        assertThat(renewal.message().broadcast()).isFalse();

        fixture.ack(3600);
        ClientLease renewed = fixture.client.lease().orElseThrow();
        assertThat(fixture.client.state()).isEqualTo(ClientState.BOUND);
        assertThat(renewed.expires()).isEqualTo(START.plusSeconds(1800 + 3600));
        assertThat(fixture.notices(ClientNotice.LeaseAcquired.class).getLast()).isEqualTo(new ClientNotice.LeaseAcquired(renewed, true));
        assertThat(fixture.notices(ClientNotice.ApplyAddress.class)).as("the address stays applied").hasSize(1);
        assertThat(fixture.client.exchangeLog().latest().orElseThrow().purpose()).startsWith("renew at T1");
    }

    @Test
    void renewingRetriesAfterHalfTheTimeLeftToT2ButNotSoonerThanSixtySeconds() {
        ClientLease lease = fixture.bind(3600);
        fixture.scheduler.advanceTo(lease.rebindAt().minusMillis(1));

        List<Instant> renewals = fixture.sent().stream()
                .filter(s -> s.destination() instanceof Destination.Unicast).map(FakeTransport.Sent::at).toList();
        // T1 at 1800 s, T2 at 3150 s: 1350 s left, retry after 675, then 337.5, 168.75, then the 60 s floor.
        assertThat(renewals).containsExactly(START.plusSeconds(1800), START.plusSeconds(2475), START.plusMillis(2_812_500),
                START.plusMillis(2_981_250), START.plusMillis(3_065_625), START.plusMillis(3_125_625));
    }

    @Test
    void rebindsAtT2WithBroadcastRequest() {
        ClientLease lease = fixture.bind(3600);

        fixture.scheduler.advanceTo(lease.rebindAt());

        FakeTransport.Sent rebind = fixture.transport.last();
        assertThat(fixture.client.state()).isEqualTo(ClientState.REBINDING);
        assertThat(rebind.at()).isEqualTo(START.plusSeconds(3150));
        assertThat(rebind.destination()).isEqualTo(Destination.BROADCAST);
        assertThat(rebind.message().ciaddr()).isEqualTo(OFFERED);
        assertThat(rebind.message().serverIdentifier()).isEmpty();
        assertThat(rebind.message().requestedAddress()).isEmpty();

        fixture.ack(3600);
        assertThat(fixture.client.state()).isEqualTo(ClientState.BOUND);
    }

    @Test
    void expiryRemovesTheAddressAndReturnsToInit() {
        ClientLease lease = fixture.bind(3600);

        fixture.scheduler.advanceTo(lease.expires());

        assertThat(fixture.notices(ClientNotice.RemoveAddress.class)).extracting(ClientNotice.RemoveAddress::lease).containsExactly(lease);
        assertThat(fixture.notices(ClientNotice.LeaseLost.class)).extracting(ClientNotice.LeaseLost::reason).containsExactly("expired");
        assertThat(fixture.states()).containsSubsequence(ClientState.REBINDING, ClientState.INIT, ClientState.SELECTING);
        assertThat(fixture.lastSent().messageType()).contains(MessageType.DISCOVER);
        assertThat(fixture.transport.last().at()).isEqualTo(lease.expires());
        assertThat(fixture.client.lease()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ClientState.class, names = {"REQUESTING", "REBOOTING", "RENEWING", "REBINDING"})
    void nakSendsTheClientBackToInitWithoutTheAddress(ClientState state) {
        ClientFixture at = fixtureIn(state);
        boolean wasApplied = state.holdsLease();

        at.nak();

        assertThat(at.states()).endsWith(ClientState.INIT, ClientState.SELECTING);
        assertThat(at.lastSent().messageType()).contains(MessageType.DISCOVER);
        assertThat(at.lastSent().requestedAddress()).as("the refused address is not asked for again").isEmpty();
        assertThat(at.notices(ClientNotice.RemoveAddress.class)).hasSize(wasApplied ? 1 : 0);
        assertThat(at.client.lease()).isEmpty();
        assertThat(at.client.exchangeLog().exchanges()).flatExtracting(Exchange::entries)
                .anySatisfy(entry -> assertThat(entry).isInstanceOfSatisfying(ExchangeEntry.Note.class,
                        note -> assertThat(note.text()).contains("NAK from 192.0.2.1: address not available")));
    }

    @Test
    void nakWhileBoundIsIgnored() {
        fixture.bind(3600);
        DhcpMessage stray = DhcpMessage.nak(fixture.lastSent(), SERVER, "late").build();

        fixture.reply(stray, SERVER);

        assertThat(fixture.client.state()).isEqualTo(ClientState.BOUND);
    }

    @Test
    void takesTheFirstAcceptableOfferAfterTheWindow() {
        ClientFixture windowed = new ClientFixture(ClientFixture.settings().withTimings(
                ClientTimings.rfc2131().withOfferWindow(Duration.ofSeconds(2))), Optional.empty());
        windowed.start();
        DhcpMessage discover = windowed.lastSent();

        windowed.reply(DhcpMessage.offer(discover, OTHER_SERVER, ip("192.0.2.200"), 600).removeOption(54).build(), OTHER_SERVER);
        windowed.offer(OTHER_SERVER, ip("192.0.2.201"), 600);
        windowed.offer(SERVER, OFFERED, 600);
        assertThat(windowed.client.state()).as("still collecting").isEqualTo(ClientState.SELECTING);
        windowed.scheduler.advanceBy(Duration.ofSeconds(2));

        assertThat(windowed.lastSent().requestedAddress()).contains(ip("192.0.2.201"));
        assertThat(windowed.lastSent().serverIdentifier()).contains(OTHER_SERVER);
    }

    @Test
    void prefersThePreviouslyHeldAddressAmongOffers() {
        ClientLease expired = leaseOf(OFFERED, START.minusSeconds(7200), 3600);
        ClientFixture returning = new ClientFixture(ClientFixture.settings().withTimings(
                ClientTimings.rfc2131().withOfferWindow(Duration.ofSeconds(2))), Optional.of(expired));
        returning.start();
        assertThat(returning.lastSent().messageType()).as("an expired lease is not confirmed").contains(MessageType.DISCOVER);

        returning.offer(OTHER_SERVER, ip("192.0.2.201"), 600);
        returning.offer(SERVER, OFFERED, 600);
        returning.scheduler.advanceBy(Duration.ofSeconds(2));

        assertThat(returning.lastSent().requestedAddress()).contains(OFFERED);
        assertThat(returning.lastSent().serverIdentifier()).contains(SERVER);
    }

    @Test
    void ignoresRepliesForAnotherTransactionHardwareAddressOrClientIdentifier() {
        fixture.start();
        DhcpMessage discover = fixture.lastSent();

        fixture.reply(DhcpMessage.offer(discover, SERVER, OFFERED, 600).xid(discover.xid() + 1).build(), SERVER);
        fixture.reply(DhcpMessage.offer(discover, SERVER, OFFERED, 600)
                .hardwareAddress(DhcpMessage.HTYPE_ETHERNET, HardwareAddress.parse("00:00:5e:00:53:99")).build(), SERVER);
        fixture.reply(DhcpMessage.offer(discover, SERVER, OFFERED, 600).clientIdentifier(new byte[] {1, 9, 9, 9, 9, 9, 9}).build(), SERVER);

        assertThat(fixture.client.state()).isEqualTo(ClientState.SELECTING);
        assertThat(fixture.sentTypes()).containsExactly(MessageType.DISCOVER);
        assertThat(fixture.client.exchangeLog().latest().orElseThrow().packets()).as("foreign packets stay out of the log").hasSize(1);
    }

    @Test
    void initRebootConfirmsARememberedLeaseWithABroadcastRequest() {
        ClientLease remembered = leaseOf(OFFERED, START.minusSeconds(600), 3600);
        ClientFixture rebooted = new ClientFixture(ClientFixture.settings(), Optional.of(remembered));

        rebooted.start();

        FakeTransport.Sent request = rebooted.transport.last();
        assertThat(rebooted.states()).containsExactly(ClientState.INIT_REBOOT, ClientState.REBOOTING);
        assertThat(request.destination()).isEqualTo(Destination.BROADCAST);
        assertThat(request.message().messageType()).contains(MessageType.REQUEST);
        assertThat(request.message().requestedAddress()).contains(OFFERED);
        assertThat(request.message().serverIdentifier()).isEmpty();
        assertThat(request.message().ciaddr().isAnyLocalAddress()).isTrue();

        rebooted.ack(3600);
        assertThat(rebooted.client.state()).isEqualTo(ClientState.BOUND);
        assertThat(rebooted.notices(ClientNotice.ApplyAddress.class)).hasSize(1);
        assertThat(rebooted.client.lease().orElseThrow().obtained()).isEqualTo(START);
    }

    @Test
    void unansweredInitRebootFallsBackToDiscover() {
        ClientLease remembered = leaseOf(OFFERED, START.minusSeconds(600), 3600);
        ClientFixture rebooted = new ClientFixture(ClientFixture.settings().withTimings(
                ClientTimings.rfc2131().withOfferWindow(Duration.ZERO).withMaxTransmissions(2)), Optional.of(remembered));

        rebooted.start();
        rebooted.scheduler.advanceBy(Duration.ofSeconds(14));

        assertThat(rebooted.sentTypes()).containsExactly(MessageType.REQUEST, MessageType.REQUEST, MessageType.DISCOVER);
        assertThat(rebooted.lastSent().requestedAddress()).as("still hoping for the same address").contains(OFFERED);
    }

    @Test
    void declinesAConflictingAddressWaitsTenSecondsAndStartsOver() {
        fixture.conflictAnswer = new ConflictCheckResult.InUse("ARP reply from 00:00:5e:00:53:77");
        fixture.start();
        fixture.offer(SERVER, OFFERED, 600);
        fixture.ack(600);

        FakeTransport.Sent decline = fixture.transport.last();
        assertThat(decline.message().messageType()).contains(MessageType.DECLINE);
        assertThat(decline.message().requestedAddress()).contains(OFFERED);
        assertThat(decline.message().serverIdentifier()).contains(SERVER);
        assertThat(decline.message().ciaddr().isAnyLocalAddress()).isTrue();
        assertThat(fixture.client.state()).isEqualTo(ClientState.DECLINING);
        assertThat(fixture.notices(ClientNotice.ApplyAddress.class)).as("a conflicting address is never applied").isEmpty();

        fixture.scheduler.advanceBy(Duration.ofSeconds(10).minusMillis(1));
        assertThat(fixture.lastSent().messageType()).contains(MessageType.DECLINE);
        fixture.scheduler.advanceBy(Duration.ofMillis(1));
        assertThat(fixture.lastSent().messageType()).contains(MessageType.DISCOVER);
        assertThat(fixture.transport.last().at()).isEqualTo(decline.at().plusSeconds(10));
    }

    @Test
    void anUnavailableConflictCheckIsRecordedWithItsReasonAndTheAddressUsed() {
        fixture.conflictAnswer = AddressConflictCheck.unavailable("arping is not installed")
                .check("eth0", OFFERED, MAC);

        fixture.bind(600);

        assertThat(fixture.client.state()).isEqualTo(ClientState.BOUND);
        assertThat(fixture.client.exchangeLog().latest().orElseThrow().entries())
                .contains(new ExchangeEntry.Note(START, "address not checked for conflicts: arping is not installed"));
    }

    @Test
    void releaseIsUnicastToTheServerAndWaitsForNothing() {
        ClientLease lease = fixture.bind(3600);

        fixture.client.release();
        fixture.scheduler.runPending();

        FakeTransport.Sent release = fixture.transport.last();
        assertThat(release.message().messageType()).contains(MessageType.RELEASE);
        assertThat(release.destination()).isEqualTo(new Destination.Unicast(SERVER));
        assertThat(release.message().ciaddr()).isEqualTo(OFFERED);
        assertThat(release.message().serverIdentifier()).contains(SERVER);
        assertThat(release.message().parameterRequestList()).isEmpty();
        assertThat(fixture.client.state()).isEqualTo(ClientState.IDLE);
        assertThat(fixture.notices(ClientNotice.RemoveAddress.class)).extracting(ClientNotice.RemoveAddress::lease).containsExactly(lease);
        assertThat(fixture.scheduler.waiting()).as("no timer waits for an answer").isZero();
        fixture.scheduler.advanceBy(Duration.ofHours(2));
        assertThat(fixture.sentTypes()).endsWith(MessageType.RELEASE);
    }

    @Test
    void renewButtonWhileBoundRenewsAtOnce() {
        fixture.bind(3600);
        fixture.scheduler.advanceBy(Duration.ofSeconds(5));

        fixture.client.renew();
        fixture.scheduler.runPending();

        assertThat(fixture.client.state()).isEqualTo(ClientState.RENEWING);
        assertThat(fixture.transport.last().destination()).isEqualTo(new Destination.Unicast(SERVER));
        assertThat(fixture.client.exchangeLog().latest().orElseThrow().purpose()).isEqualTo("renew requested");
    }

    @Test
    void informAsksForConfigurationOnlyAndArmsNoLeaseTimers() {
        Inet4Address manual = ip("192.0.2.9");
        fixture.client.inform(manual);
        fixture.scheduler.runPending();

        DhcpMessage inform = fixture.lastSent();
        assertThat(inform.messageType()).contains(MessageType.INFORM);
        assertThat(inform.ciaddr()).isEqualTo(manual);
        assertThat(inform.requestedAddress()).isEmpty();
        assertThat(inform.broadcast()).isFalse();

        fixture.reply(DhcpMessage.informAck(inform, SERVER).subnetMask(MASK).routers(List.of(SERVER)).build(), SERVER);

        assertThat(fixture.client.state()).isEqualTo(ClientState.INFORMED);
        assertThat(fixture.notices(ClientNotice.Informed.class)).singleElement()
                .satisfies(informed -> assertThat(informed.routers()).containsExactly(SERVER))
                .satisfies(informed -> assertThat(informed.subnetMask()).contains(MASK));
        assertThat(fixture.notices(ClientNotice.ApplyAddress.class)).isEmpty();
        assertThat(fixture.scheduler.waiting()).isZero();
    }

    @Test
    void exchangeListenersSeeEveryPacketAsItHappens() {
        List<String> seen = new ArrayList<>();
        fixture.client.exchangeLog().addListener((exchange, entry) -> {
            if (entry instanceof ExchangeEntry.Packet packet) {
                seen.add(exchange.number() + " " + packet.direction() + " " + packet.messageType().orElseThrow());
            }
        });

        fixture.bind(3600);
        fixture.client.release();
        fixture.scheduler.runPending();

        assertThat(seen).containsExactly("1 SENT DISCOVER", "1 RECEIVED OFFER", "1 SENT REQUEST", "1 RECEIVED ACK", "2 SENT RELEASE");
    }

    @Test
    void anInfiniteLeaseArmsNoTimers() {
        fixture.bind(ClientLease.INFINITE_SECONDS);

        assertThat(fixture.client.state()).isEqualTo(ClientState.BOUND);
        assertThat(fixture.scheduler.waiting()).isZero();
    }

    @Test
    void stopKeepsTheLeaseAndTheNextStartConfirmsItWithInitReboot() {
        fixture.bind(3600);
        fixture.client.stop();
        fixture.scheduler.advanceBy(Duration.ofMinutes(10));

        fixture.start();

        assertThat(fixture.notices(ClientNotice.RemoveAddress.class)).isEmpty();
        assertThat(fixture.states()).endsWith(ClientState.IDLE, ClientState.INIT_REBOOT, ClientState.REBOOTING);
        assertThat(fixture.lastSent().requestedAddress()).contains(OFFERED);
        assertThat(fixture.lastSent().serverIdentifier()).isEmpty();
    }

    @Test
    void aFailedSendIsRecordedAndRetransmittedLikeALostPacket() {
        ClientFixture failing = new ClientFixture();
        failing.transport.failNextSend("Network is unreachable");

        failing.start();
        failing.scheduler.advanceBy(Duration.ofSeconds(5));

        assertThat(failing.client.exchangeLog().latest().orElseThrow().entries()).first()
                .isInstanceOfSatisfying(ExchangeEntry.Note.class, note -> assertThat(note.text()).contains("Network is unreachable"));
        assertThat(failing.sentTypes()).containsExactly(MessageType.DISCOVER);
    }

    @Test
    void closeStopsTheClientAndClosesItsSocket() {
        fixture.bind(3600);

        fixture.client.close();
        fixture.scheduler.runPending();

        assertThat(fixture.client.state()).isEqualTo(ClientState.IDLE);
        assertThat(fixture.transport.closed()).isTrue();
        assertThat(fixture.scheduler.waiting()).isZero();
        assertThat(fixture.notices(ClientNotice.RemoveAddress.class)).as("stopping is not releasing").isEmpty();
    }

    /** A client driven into the given state, each with an outstanding REQUEST a server could NAK. */
    private static ClientFixture fixtureIn(ClientState state) {
        return switch (state) {
            case REQUESTING -> {
                ClientFixture f = new ClientFixture();
                f.start();
                f.offer(SERVER, OFFERED, 3600);
                yield f;
            }
            case REBOOTING -> {
                ClientFixture f = new ClientFixture(ClientFixture.settings(), Optional.of(leaseOf(OFFERED, START.minusSeconds(60), 3600)));
                f.start();
                yield f;
            }
            case RENEWING, REBINDING -> {
                ClientFixture f = new ClientFixture();
                ClientLease lease = f.bind(3600);
                f.scheduler.advanceTo(state == ClientState.RENEWING ? lease.renewAt() : lease.rebindAt());
                yield f;
            }
            default -> throw new IllegalArgumentException(state.name());
        };
    }

    private static ClientLease leaseOf(Inet4Address address, Instant obtained, long seconds) {
        return new ClientLease(address, Optional.of(MASK), List.of(SERVER), List.of(), Optional.empty(), SERVER,
                Duration.ofSeconds(seconds), Duration.ofSeconds(seconds / 2), Duration.ofSeconds(seconds * 7 / 8), obtained);
    }
}
