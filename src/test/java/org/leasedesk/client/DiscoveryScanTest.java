package org.leasedesk.client;

import org.leasedesk.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.leasedesk.client.ClientFixture.MAC;
import static org.leasedesk.client.ClientFixture.OFFERED;
import static org.leasedesk.client.ClientFixture.OTHER_SERVER;
import static org.leasedesk.client.ClientFixture.SERVER;
import static org.leasedesk.client.ClientFixture.START;
import static org.leasedesk.client.ClientFixture.ip;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.MessageType;

class DiscoveryScanTest {

    private final MutableClock clock = new MutableClock(START);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FakeTransport transport = new FakeTransport(clock);
    private final DiscoveryScan scan = new DiscoveryScan(ClientSettings.forInterface("eth0", MAC), transport, scheduler,
            new SplittableRandom(1), new ExchangeLog(clock));

    @Test
    void listsEveryServerThatOffersWithinTheWindowAndRequestsNothing() throws Exception {
        CompletableFuture<DiscoveryReport> running = scan.run(Duration.ofSeconds(3));
        scheduler.runPending();
        DhcpMessage discover = transport.last().message();

        transport.deliver(DhcpMessage.offer(discover, SERVER, OFFERED, 3600).routers(List.of(SERVER)).build(), SERVER);
        transport.deliver(DhcpMessage.offer(discover, SERVER, OFFERED, 3600).build(), SERVER);
        transport.deliver(DhcpMessage.offer(discover, OTHER_SERVER, ip("192.0.2.201"), 60).build(), OTHER_SERVER);
        scheduler.advanceBy(Duration.ofSeconds(3));
        transport.deliver(DhcpMessage.offer(discover, ip("192.0.2.3"), ip("192.0.2.250"), 60).build(), ip("192.0.2.3"));
        scheduler.runPending();

        DiscoveryReport report = running.getNow(null);
        assertThat(report.servers()).extracting(DiscoveredServer::serverIdentifier).containsExactly(SERVER, OTHER_SERVER);
        assertThat(report.servers().getFirst().offeredAddress()).isEqualTo(OFFERED);
        assertThat(report.servers().getFirst().leaseTime()).contains(Duration.ofHours(1));
        assertThat(report.servers().getFirst().routers()).containsExactly(SERVER);
        assertThat(report.possibleRogueServer()).isTrue();
        assertThat(report.warning()).contains("2 DHCP servers answered on this link (192.0.2.1, 192.0.2.2): one of them may be a rogue server");
        assertThat(transport.sent()).extracting(sent -> sent.message().messageType().orElseThrow()).containsExactly(MessageType.DISCOVER);
        assertThat(transport.last().destination()).isEqualTo(Destination.BROADCAST);
    }

    @Test
    void oneServerIsNoReasonForAlarm() {
        CompletableFuture<DiscoveryReport> running = scan.run(Duration.ofSeconds(3));
        scheduler.runPending();
        transport.deliver(DhcpMessage.offer(transport.last().message(), SERVER, OFFERED, 3600).build(), SERVER);
        scheduler.advanceBy(Duration.ofSeconds(3));

        DiscoveryReport report = running.getNow(null);
        assertThat(report.servers()).hasSize(1);
        assertThat(report.possibleRogueServer()).isFalse();
        assertThat(report.warning()).isEmpty();
    }
}
