package org.leasedesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.DhcpOption;
import org.leasedesk.protocol.HardwareAddress;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.server.allocation.AllocationEngine;
import org.leasedesk.server.config.ServerConfig;
import org.leasedesk.server.config.ServerConfigLoader;
import org.leasedesk.server.transport.Arrival;
import org.leasedesk.testing.MutableClock;

/**
 * Which configured options an OFFER carries, as Kea 2.2 chooses them: what the client asks for, what
 * any level marks always-send, routers, DNS servers and domain name unasked, and option 125 assembled
 * per reply. Each expected value is what kea-dhcp4 2.2.0 sent for the same configuration and the same
 * DISCOVER (captured in a network namespace), including that a cable modem only gets its TFTP servers
 * when its own option 125 asks for sub-option 2.
 */
class OptionsInOffersTest {

    private static final Ipv4Address SERVER_ID = Ipv4Address.parse("192.0.2.1");
    private static final String ASKED_WHEN_REQUESTED = """
            { "Dhcp4": { "valid-lifetime": 600,
                "option-data": [ { "name": "vivso-suboptions", "data": "4491" },
                                 { "name": "tftp-servers", "space": "vendor-4491", "data": "10.1.1.202, 10.1.1.203" } ],
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.100 - 192.0.2.199" } ] } ] } }
            """;
    private static final String ALWAYS_SENT = """
            { "Dhcp4": { "valid-lifetime": 600,
                "option-data": [ { "name": "vivso-suboptions", "data": "4491" },
                                 { "name": "tftp-servers", "space": "vendor-4491", "data": "10.1.1.202", "always-send": true } ],
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.100 - 192.0.2.199" } ] } ] } }
            """;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));

    private Optional<String> vivsoOffered(String config, DhcpMessage.Builder discover) throws Exception {
        return offered(config, discover, 125);
    }

    private Optional<String> offered(String config, DhcpMessage.Builder discover, int code) throws Exception {
        ServerConfig loaded = new ServerConfigLoader(OptionRegistry.standard()).load(config, "test.conf").config();
        ServerOptions options = new ServerOptions(new InetSocketAddress(67), 68, SERVER_ID, Optional.of("eth0"),
                Ipv4Address.BROADCAST.toInetAddress(), Optional.empty(), Duration.ofSeconds(10), 64, ServerOptions.DEFAULT_SAMPLE_INTERVAL);
        PacketProcessor processor = new PacketProcessor(loaded, new AllocationEngine(loaded, List.of(), options.offerHold(), clock), options, clock);
        Decision decision = processor.handle(discover.build(), Arrival.broadcastOn(Optional.of("eth0"), SERVER_ID));
        DhcpMessage offer = ((Decision.Reply) decision).message();
        return offer.option(code).map(o -> HexFormat.of().formatHex(o.value()));
    }

    private static DhcpMessage.Builder discover(int... requested) {
        return DhcpMessage.discover(HardwareAddress.parse("00:00:5e:00:53:42"), 7).parameterRequestList(requested);
    }

    /** A cable modem's own option 125: CableLabs, and sub-option 1 (its ORO) listing the codes it wants. */
    private static DhcpOption cableModemAsking(int... codes) {
        byte[] value = new byte[4 + 1 + 2 + codes.length];
        value[2] = 0x11;
        value[3] = (byte) 0x8b;
        value[4] = (byte) (2 + codes.length);
        value[5] = 1;
        value[6] = (byte) codes.length;
        for (int i = 0; i < codes.length; i++) {
            value[7 + i] = (byte) codes[i];
        }
        return new DhcpOption(125, value);
    }

    @Test
    void routersDnsServersAndDomainNameGoOutUnaskedAndAlwaysSendIsStickyAcrossLevels() throws Exception {
        String config = """
                { "Dhcp4": { "valid-lifetime": 600,
                    "option-data": [ { "name": "domain-name-servers", "data": "192.0.2.53" }, { "name": "domain-name", "data": "example.org" },
                                     { "name": "ntp-servers", "data": "192.0.2.123", "always-send": true } ],
                    "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.100 - 192.0.2.199" } ],
                                   "option-data": [ { "name": "routers", "data": "192.0.2.1" }, { "name": "ntp-servers", "data": "192.0.2.124" } ] } ] } }
                """;

        assertThat(offered(config, discover(1), 3)).contains("c0000201");
        assertThat(offered(config, discover(1), 6)).contains("c0000235");
        assertThat(offered(config, discover(1), 15)).contains("6578616d706c652e6f7267");
        assertThat(offered(config, discover(1), 42)).as("the subnet's value, sent because the global one is always-send").contains("c000027c");
    }

    @Test
    void aCableModemAskingForTftpServersGetsThemInOption125() throws Exception {
        assertThat(vivsoOffered(ASKED_WHEN_REQUESTED, discover(3, 125).option(cableModemAsking(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))))
                .contains("0000118b0a02080a0101ca0a0101cb");
    }

    @Test
    void aClientAskingForOption125WithoutSayingWhichSubOptionsGetsTheBareEnterprise() throws Exception {
        assertThat(vivsoOffered(ASKED_WHEN_REQUESTED, discover(3, 125))).contains("0000118b00");
        assertThat(vivsoOffered(ASKED_WHEN_REQUESTED, discover(3, 125).option(cableModemAsking(1)))).contains("0000118b00");
    }

    @Test
    void aCableModemThatDoesNotListOption125StillGetsTheSubOptionsItAsksForInItsOwn() throws Exception {
        assertThat(vivsoOffered(ASKED_WHEN_REQUESTED, discover(3, 6).option(cableModemAsking(2)))).contains("0000118b0a02080a0101ca0a0101cb");
    }

    @Test
    void alwaysSentVendorSubOptionsGoIntoTheOption125TheReplyCarries() throws Exception {
        assertThat(vivsoOffered(ALWAYS_SENT, discover(3, 125))).contains("0000118b0602040a0101ca");
    }

    @Test
    void withoutAnOption125OnEitherSideThereIsNoVendorToSendFor() throws Exception {
        assertThat(vivsoOffered(ALWAYS_SENT, discover(3, 6))).isEmpty();
    }

    @Test
    void vendorSubOptionsOfAnotherEnterpriseStayOut() throws Exception {
        String otherVendor = ALWAYS_SENT.replace("\"vendor-4491\"", "\"vendor-25167\"")
                .replace("\"name\": \"tftp-servers\", ", "\"code\": 2, ").replace("\"data\": \"10.1.1.202\"", "\"csv-format\": false, \"data\": \"0a0101ca\"");
        assertThat(vivsoOffered(otherVendor, discover(3, 125))).contains("0000118b00");
    }
}
