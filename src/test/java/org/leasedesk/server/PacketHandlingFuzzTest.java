package org.leasedesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.protocol.DhcpCodec;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.MalformedPacketException;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.server.allocation.AllocationEngine;
import org.leasedesk.server.config.ServerConfig;
import org.leasedesk.server.config.ServerConfigLoader;
import org.leasedesk.server.transport.Arrival;

/**
 * Arbitrary datagrams through everything the packet thread does, without a store: decode, decide
 * with a real allocation engine and configuration, encode the reply. Whatever arrives ends as a
 * reply, a lease change or a drop with a reason; nothing is thrown (but the two failures the server
 * counts: a malformed packet and a reply too large for the client). Inputs replay in every build
 * from src/test/resources/org/leasedesk/server/PacketHandlingFuzzTestInputs/.
 */
class PacketHandlingFuzzTest {

    /** Reservations, relays, a pool with its own options, boot fields: so that most decision paths are reachable. */
    private static final String CONFIG = """
            { "Dhcp4": {
                "valid-lifetime": 600, "renew-timer": 300, "rebind-timer": 500, "min-valid-lifetime": 60,
                "max-valid-lifetime": 7200, "authoritative": true,
                "option-data": [ { "name": "domain-name-servers", "data": "192.0.2.53" },
                                 { "name": "domain-search", "data": "example.com, example.net" } ],
                "subnet4": [
                  { "id": 1, "subnet": "192.0.2.0/24", "next-server": "192.0.2.5", "boot-file-name": "pxelinux.0",
                    "pools": [ { "pool": "192.0.2.10 - 192.0.2.13",
                                 "option-data": [ { "name": "ntp-servers", "data": "192.0.2.123" } ] } ],
                    "option-data": [ { "name": "routers", "data": "192.0.2.1" },
                                     { "name": "classless-static-route", "data": "198.51.100.0/24 - 192.0.2.1" } ],
                    "reservations": [ { "hw-address": "00:00:5e:00:53:99", "ip-address": "192.0.2.99", "hostname": "printer" },
                                      { "client-id": "01:00:00:5e:00:53:98", "ip-address": "192.0.2.98" } ] },
                  { "id": 2, "subnet": "198.51.100.0/24", "relay": { "ip-addresses": [ "198.51.100.1" ] },
                    "pools": [ { "pool": "198.51.100.20 - 198.51.100.21" } ] } ] } }
            """;
    private static final ServerConfig SERVER_CONFIG = load();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ServerOptions OPTIONS = new ServerOptions(new InetSocketAddress(InetAddress.getLoopbackAddress(), 67),
            68, Ipv4Address.parse("192.0.2.1"), Optional.of("eth0"), Ipv4Address.BROADCAST.toInetAddress(), Optional.empty(),
            Duration.ofSeconds(10), 16, ServerOptions.DEFAULT_SAMPLE_INTERVAL);

    private final DhcpCodec codec = new DhcpCodec();

    private static ServerConfig load() {
        try {
            return new ServerConfigLoader(OptionRegistry.standard()).load(CONFIG, "fuzz.conf").config();
        } catch (Exception e) {
            throw new IllegalStateException("the fuzz configuration does not load", e);
        }
    }

    /** Twice: the second time meets what the first left (a held offer, a bound lease, a released one). */
    @FuzzTest(maxDuration = "5m")
    void anyDatagramIsAnsweredOrDroppedWithAReason(byte[] datagram) {
        AllocationEngine engine = new AllocationEngine(SERVER_CONFIG, List.of(), OPTIONS.offerHold(), CLOCK);
        PacketProcessor processor = new PacketProcessor(SERVER_CONFIG, engine, OPTIONS, CLOCK);
        handleLikeThePacketThread(processor, datagram);
        handleLikeThePacketThread(processor, datagram);
    }

    private void handleLikeThePacketThread(PacketProcessor processor, byte[] datagram) {
        DhcpMessage request;
        try {
            request = codec.decode(datagram);
        } catch (MalformedPacketException counted) {
            return;
        }
        switch (processor.handle(request, Arrival.broadcastOn(Optional.of("eth0"), OPTIONS.serverIdentifier()))) {
            case Decision.Reply reply -> encode(reply);
            case Decision.Commit commit -> commit.reply().ifPresent(this::encode);
            case Decision.Drop drop -> assertThat(drop.reason()).isNotNull();
        }
    }

    private void encode(Decision.Reply reply) {
        try {
            byte[] encoded = codec.encode(reply.message(), reply.maxMessageSize());
            assertThat(encoded.length).isLessThanOrEqualTo(Math.max(reply.maxMessageSize(), DhcpCodec.DEFAULT_MAX_MESSAGE_SIZE));
        } catch (IllegalArgumentException countedAsReplyTooLarge) {
            // The server counts this as REPLY_TOO_LARGE and sends nothing.
        }
    }
}
