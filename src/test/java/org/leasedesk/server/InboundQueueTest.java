package org.leasedesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import java.util.Optional;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.server.transport.Arrival;
import org.leasedesk.protocol.DhcpCodec;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.HardwareAddress;
import org.leasedesk.protocol.MessageType;

class InboundQueueTest {

    private static final Arrival ARRIVAL = Arrival.broadcastOn(Optional.empty(), Ipv4Address.parse("192.0.2.1"));

    private static final InetSocketAddress SOURCE = new InetSocketAddress("127.0.0.1", 10068);
    private final DhcpCodec codec = new DhcpCodec();

    private byte[] discover(int xid) {
        return codec.encode(DhcpMessage.discover(HardwareAddress.parse("00:00:5e:00:53:01"), xid).build());
    }

    private byte[] request(int xid) {
        return codec.encode(DhcpMessage.requestSelecting(HardwareAddress.parse("00:00:5e:00:53:01"), xid,
                Ipv4Address.parse("192.0.2.10").toInetAddress(),
                Ipv4Address.parse("192.0.2.1").toInetAddress()).build());
    }

    private MessageType typeOf(InboundQueue.Received received) throws Exception {
        return codec.decode(received.bytes()).messageType().orElseThrow();
    }

    @Test
    void requestsAreServedBeforeDiscoversThatArrivedEarlier() throws Exception {
        InboundQueue queue = new InboundQueue(8);
        queue.offer(discover(1), SOURCE, ARRIVAL);
        queue.offer(discover(2), SOURCE, ARRIVAL);
        queue.offer(request(3), SOURCE, ARRIVAL);

        assertThat(typeOf(queue.poll(1, TimeUnit.SECONDS))).isEqualTo(MessageType.REQUEST);
        assertThat(codec.decode(queue.poll(1, TimeUnit.SECONDS).bytes()).xid()).isEqualTo(1);
        assertThat(codec.decode(queue.poll(1, TimeUnit.SECONDS).bytes()).xid()).isEqualTo(2);
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.poll(10, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void discoversAreShedFirstWhileRequestsStillFindRoom() {
        InboundQueue queue = new InboundQueue(4);
        assertThat(queue.offer(discover(1), SOURCE, ARRIVAL)).isTrue();
        assertThat(queue.offer(discover(2), SOURCE, ARRIVAL)).isTrue();
        assertThat(queue.offer(discover(3), SOURCE, ARRIVAL)).as("discovers get half the room").isFalse();
        for (int xid = 4; xid < 8; xid++) {
            assertThat(queue.offer(request(xid), SOURCE, ARRIVAL)).isTrue();
        }
        assertThat(queue.offer(request(8), SOURCE, ARRIVAL)).isFalse();
    }

    @Test
    void garbageIsNotTakenForADiscover() {
        assertThat(DhcpCodec.isDiscover(new byte[0])).isFalse();
        assertThat(DhcpCodec.isDiscover(new byte[300])).isFalse();
        assertThat(DhcpCodec.isDiscover(discover(1))).isTrue();
        assertThat(DhcpCodec.isDiscover(request(1))).isFalse();
        byte[] truncated = Arrays.copyOf(discover(1), 242);
        assertThat(DhcpCodec.isDiscover(truncated)).isFalse();
    }
}
