package org.leasedesk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.leasedesk.client.ClientFixture.MAC;
import static org.leasedesk.client.ClientFixture.OFFERED;
import static org.leasedesk.client.ClientFixture.SERVER;
import static org.leasedesk.client.ClientFixture.START;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.leasedesk.protocol.DhcpMessage;

class ClientLeaseTest {

    private final DhcpMessage request = DhcpMessage.requestSelecting(MAC, 1, OFFERED, SERVER).build();

    private ClientLease fromAck(DhcpMessage.Builder ack) {
        return ClientLease.fromAck(ack.build(), SERVER, START, ClientTimings.rfc2131());
    }

    @Test
    void t1AndT2DefaultToHalfAndSevenEighthsOfTheLease() {
        ClientLease lease = fromAck(DhcpMessage.ack(request, SERVER, OFFERED, 800));

        assertThat(lease.renewAt()).isEqualTo(START.plusSeconds(400));
        assertThat(lease.rebindAt()).isEqualTo(START.plusSeconds(700));
        assertThat(lease.expires()).isEqualTo(START.plusSeconds(800));
        assertThat(lease.prefixLength()).as("no mask: a host route").isEqualTo(32);
    }

    @Test
    void timesThatMakeNoSenseFallBackToTheDefaults() {
        ClientLease t2PastExpiry = fromAck(DhcpMessage.ack(request, SERVER, OFFERED, 800).renewalTime(100).rebindingTime(900));
        ClientLease t1AfterT2 = fromAck(DhcpMessage.ack(request, SERVER, OFFERED, 800).renewalTime(750).rebindingTime(600));

        assertThat(t2PastExpiry.renewalTime()).isEqualTo(Duration.ofSeconds(100));
        assertThat(t2PastExpiry.rebindingTime()).isEqualTo(Duration.ofSeconds(700));
        assertThat(t1AfterT2.rebindingTime()).isEqualTo(Duration.ofSeconds(600));
        assertThat(t1AfterT2.renewalTime()).isLessThan(t1AfterT2.rebindingTime());
    }

    @Test
    void anInfiniteLeaseNeverExpires() {
        ClientLease lease = fromAck(DhcpMessage.ack(request, SERVER, OFFERED, ClientLease.INFINITE_SECONDS));

        assertThat(lease.infinite()).isTrue();
        assertThat(lease.expires()).isEqualTo(Instant.MAX);
        assertThat(lease.expiredAt(START.plus(Duration.ofDays(100_000)))).isFalse();
    }

    @Test
    void anAckWithoutLeaseTimeGrantsNoLease() {
        assertThatThrownBy(() -> fromAck(DhcpMessage.ack(request, SERVER, OFFERED, 60).removeOption(51)))
                .hasMessageContaining("option 51");
    }
}
