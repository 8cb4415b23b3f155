package org.leasedesk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.protocol.DhcpCodec;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.DhcpOption;
import org.leasedesk.protocol.HardwareAddress;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.server.allocation.AllocationEngine;
import org.leasedesk.server.config.ServerConfig;
import org.leasedesk.server.config.ServerConfigLoader;
import org.leasedesk.server.transport.Arrival;
import org.leasedesk.testing.MutableClock;
import org.leasedesk.testing.netns.BackgroundProcess;
import org.leasedesk.testing.netns.Namespace;
import org.leasedesk.testing.netns.NetnsTest;
import org.leasedesk.testing.netns.NetworkLab;

/**
 * Kea 2.2 itself is the oracle: one configuration, full of option-data of every kind Kea knows
 * (records, arrays, names, PSIDs, prefixes, hex, escaped commas, option-def in custom spaces, option 43
 * with sub-options, CableLabs' vendor space in option 125), is served by kea-dhcp4 in a network
 * namespace and loaded by LeaseDesk. A relayed DISCOVER asking for every option (and, in its own option
 * 125, for CableLabs' sub-options 1-10) goes to both, and each configured option must be byte for byte
 * the same in the two OFFERs.
 */
@NetnsTest(requires = "kea-dhcp4")
class KeaOptionOracleTest {

    private static final String KEA_ADDRESS = "192.0.2.1";
    private static final String RELAY_ADDRESS = "192.0.2.2";
    /** Options that servers set themselves rather than from option-data. */
    private static final List<Integer> SET_BY_SERVER = List.of(1, 51, 53, 54, 58, 59, 61, 82);

    /** The Dhcp4 body both servers read; %s is Kea's lease file. */
    private static final String OPTIONS = """
            "valid-lifetime": 3600,
            "option-def": [
              { "name": "foo", "code": 1, "space": "vendor-encapsulated-options-space", "type": "record",
                "record-types": "ipv4-address, uint16, string" },
              { "name": "subopt1", "code": 1, "space": "isc", "type": "ipv4-address" },
              { "name": "subopt2", "code": 2, "space": "isc", "type": "uint8", "encapsulate": "inner" },
              { "name": "deep", "code": 9, "space": "inner", "type": "string" },
              { "name": "container", "code": 222, "type": "uint16", "encapsulate": "isc" },
              { "name": "mixed", "code": 223, "type": "record", "array": true, "record-types": "tuple, int8, fqdn, int8" },
              { "name": "psids", "code": 224, "type": "psid", "array": true },
              { "name": "prefixes", "code": 225, "type": "ipv6-prefix", "array": true },
              { "name": "flags", "code": 226, "type": "boolean", "array": true },
              { "name": "signed", "code": 227, "type": "int16", "array": true },
              { "name": "v6", "code": 228, "type": "ipv6-address" },
              { "name": "tuples", "code": 229, "type": "tuple", "array": true },
              { "name": "nothing", "code": 240, "type": "empty" },
              { "name": "text-only", "code": 241, "type": "string", "encapsulate": "isc" }
            ],
            "option-data": [
              { "name": "domain-name-servers", "data": "192.0.2.1, 192.0.2.2" },
              { "code": 15, "data": "example.org" },
              { "name": "domain-search", "data": "mydomain.example.com, example.com" },
              { "name": "boot-file-name", "data": "EST5EDT4\\\\,M3.2.0/02:00\\\\,M11.1.0/02:00" },
              { "name": "default-ip-ttl", "data": "0xf0" },
              { "name": "interface-mtu", "data": "ff" },
              { "name": "time-offset", "data": "-3600" },
              { "name": "ip-forwarding", "data": "TRUE" },
              { "name": "time-servers", "data": "192.0.2.1,,192.0.2.2" },
              { "name": "netbios-scope", "data": "  spaced , x " },
              { "name": "merit-dump", "data": "a\\\\\\\\b\\\\c" },
              { "name": "slp-directory-agent", "data": "true, 192.0.2.59, 192.0.2.60" },
              { "name": "slp-service-scope", "data": "false, scope1\\\\, scope2" },
              { "name": "client-ndi", "data": "1, 2, 3" },
              { "name": "uuid-guid", "data": "0, 00112233445566778899aabbccddeeff" },
              { "name": "client-system", "data": "0, 7, 9" },
              { "name": "name-service-search", "data": "6, 41" },
              { "name": "vivco-suboptions", "data": "4491, 05646f637369" },
              { "name": "rdnss-selection", "data": "1, 192.0.2.1, 192.0.2.2, example.com, example.org" },
              { "name": "v4-portparams", "data": "2, 3/4" },
              { "name": "option-6rd", "data": "10, 20, 2001:db8::, 192.0.2.1, 192.0.2.2" },
              { "name": "v4-access-domain", "data": "example.com" },
              { "name": "v4-lost", "data": "lost.example.org" },
              { "name": "sip-ua-cs-domains", "data": "a.example, b.example" },
              { "name": "bcms-controller-names", "data": "c.example" },
              { "name": "v4-captive-portal", "data": "https://example.org/portal?a=1" },
              { "name": "user-class", "csv-format": false, "data": " ' some text ' " },
              { "name": "geoconf-civic", "data": "01 02 03" },
              { "name": "nwip-suboptions", "csv-format": false, "data": "a:b:c" },
              { "name": "v6-only-preferred", "data": "1800" },
              { "name": "foo", "space": "vendor-encapsulated-options-space", "data": "192.0.2.3, 123, Hello World" },
              { "code": 2, "space": "vendor-encapsulated-options-space", "csv-format": false, "data": "0a0b" },
              { "code": 43, "csv-format": false, "data": "0501cc" },
              { "name": "subopt1", "space": "isc", "data": "192.0.2.3" },
              { "name": "subopt2", "space": "isc", "data": "7" },
              { "name": "deep", "space": "inner", "data": "hi" },
              { "name": "container", "data": "513" },
              { "name": "mixed", "data": "x, 7, abc, -1, 5" },
              { "name": "psids", "data": "1/1, 0/0, 65535/16" },
              { "name": "prefixes", "data": "2001:db8:1::/48, 2001:db8::/33, ::/0" },
              { "name": "flags", "data": "true, false, 1" },
              { "name": "signed", "data": "-1, -2" },
              { "name": "v6", "data": "2001:db8::1" },
              { "name": "tuples", "data": "hello, world" },
              { "name": "nothing", "csv-format": false, "data": "0102" },
              { "name": "text-only", "csv-format": false, "data": "01020304" },
              { "name": "vivso-suboptions", "data": "4491" },
              { "name": "tftp-servers", "space": "vendor-4491", "data": "10.1.1.202, 10.1.1.203" }
            ],
            "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.100 - 192.0.2.200" } ],
                           "option-data": [ { "name": "routers", "data": "192.0.2.1" }, { "code": 230, "data": "abc" },
                                            { "name": "vivco-suboptions", "csv-format": false, "data": "0000118b02616200000009026364" } ] } ]
            """;

    private final DhcpCodec codec = new DhcpCodec();

    @Test
    void leaseDeskOffersEveryConfiguredOptionWithTheBytesKeaOffers(NetworkLab lab) throws Exception {
        DhcpMessage discover = discover();
        DhcpMessage keaOffer = keaOffer(lab, OPTIONS, discover);
        DhcpMessage ourOffer = leaseDeskOffer(discover);

        Map<Integer, String> kea = options(keaOffer);
        Map<Integer, String> ours = options(ourOffer);
        assertThat(kea).as("Kea offered the configured options").containsKeys(43, 78, 119, 124, 125, 212, 222, 230, 240, 241).hasSizeGreaterThan(40);
        SoftAssertions softly = new SoftAssertions();
        for (int code : kea.keySet()) {
            softly.assertThat(ours.get(code)).as("option %d", code).isEqualTo(kea.get(code));
        }
        softly.assertThat(ours.keySet()).as("options LeaseDesk offers that Kea does not").isSubsetOf(kea.keySet());
        softly.assertAll();
    }

    @Test
    void aClientAskingForNothingGetsWhatKeaSendsUnasked(NetworkLab lab) throws Exception {
        String unasked = """
                "valid-lifetime": 3600,
                "option-data": [ { "name": "domain-name-servers", "data": "192.0.2.53" }, { "name": "domain-name", "data": "example.org" },
                                 { "name": "ntp-servers", "data": "192.0.2.123", "always-send": true },
                                 { "name": "time-servers", "data": "192.0.2.37" },
                                 { "name": "vivso-suboptions", "data": "4491" },
                                 { "name": "tftp-servers", "space": "vendor-4491", "data": "10.1.1.202", "always-send": true } ],
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.100 - 192.0.2.200" } ],
                               "option-data": [ { "name": "routers", "data": "192.0.2.1" }, { "name": "ntp-servers", "data": "192.0.2.124" } ] } ]
                """;
        DhcpMessage discover = DhcpMessage.discover(HardwareAddress.parse("02:00:00:00:00:02"), 0x4b6542)
                .giaddr(ip(RELAY_ADDRESS)).hops(1).parameterRequestList(1).build();

        Map<Integer, String> kea = options(keaOffer(lab, unasked, discover));

        assertThat(kea).containsOnlyKeys(3, 6, 15, 42);
        assertThat(options(leaseDeskOffer("{ \"Dhcp4\": { " + unasked + " } }", discover))).isEqualTo(kea);
    }

    /** Starts Kea with this Dhcp4 body on the lab's link and returns its answer to the DISCOVER, relayed. */
    private DhcpMessage keaOffer(NetworkLab lab, String dhcp4Body, DhcpMessage discover) throws Exception {
        Namespace keaSide = lab.namespace("kea");
        Namespace relaySide = lab.namespace("relay");
        lab.link(keaSide.iface("kea0").withAddress(KEA_ADDRESS + "/24"), relaySide.iface("rel0").withAddress(RELAY_ADDRESS + "/24"));
        String keaConfig = """
                { "Dhcp4": {
                    "interfaces-config": { "interfaces": [ "kea0" ], "dhcp-socket-type": "udp" },
                    "lease-database": { "type": "memfile", "name": "%s" },
                    "loggers": [ { "name": "kea-dhcp4", "severity": "INFO", "output_options": [ { "output": "stdout" } ] } ],
                """.formatted(lab.file("kea-leases4.csv")) + dhcp4Body + "} }";
        String labDirectory = lab.directory().toString();
        BackgroundProcess keaServer = keaSide.start("env", "KEA_PIDFILE_DIR=" + labDirectory, "KEA_LOCKFILE_DIR=" + labDirectory,
                "kea-dhcp4", "-c", lab.writeFile("kea-dhcp4.json", keaConfig).toString());
        keaServer.awaitOutput("DHCP4_STARTED", Duration.ofSeconds(15));
        return relaySide.callInside(() -> exchange(discover));
    }

    /**
     * Debian's stock /etc/kea/kea-dhcp4.conf, served by Kea as it ships (but on the lab's link, with its
     * leases and logs in the lab) and loaded by LeaseDesk without its client classes (not this test's
     * business): the cable modem reserved by client-id 01:12:23:34:45:56:67 gets the same options.
     */
    @Test
    void debiansStockConfigurationOffersTheCableModemWhatKeaOffers(NetworkLab lab) throws Exception {
        Path shipped = Path.of("/etc/kea/kea-dhcp4.conf");
        assumeTrue(Files.isReadable(shipped), "Debian's kea-dhcp4-server is not installed");
        ObjectMapper json = new ObjectMapper();
        // The shipped file has comments and a trailing comma, which Kea reads and so does this.
        ObjectMapper lenient = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_YAML_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA).build();
        ObjectNode stock = (ObjectNode) lenient.readTree(Files.readString(shipped)).get("Dhcp4");
        Namespace keaSide = lab.namespace("kea");
        Namespace relaySide = lab.namespace("relay");
        lab.link(keaSide.iface("kea0").withAddress(KEA_ADDRESS + "/24"), relaySide.iface("rel0").withAddress(RELAY_ADDRESS + "/24"));

        ObjectNode forKea = stock.deepCopy();
        forKea.set("interfaces-config", json.readTree("{ \"interfaces\": [ \"kea0\" ], \"dhcp-socket-type\": \"udp\" }"));
        forKea.remove("control-socket");
        forKea.set("lease-database", json.createObjectNode().put("type", "memfile").put("name", lab.file("kea-leases4.csv").toString()));
        forKea.set("loggers", json.readTree("[ { \"name\": \"kea-dhcp4\", \"severity\": \"INFO\", \"output_options\": [ { \"output\": \"stdout\" } ] } ]"));
        String labDirectory = lab.directory().toString();
        BackgroundProcess keaServer = keaSide.start("env", "KEA_PIDFILE_DIR=" + labDirectory, "KEA_LOCKFILE_DIR=" + labDirectory, "kea-dhcp4", "-c",
                lab.writeFile("kea-dhcp4.json", json.writeValueAsString(json.createObjectNode().set("Dhcp4", forKea))).toString());
        keaServer.awaitOutput("DHCP4_STARTED", Duration.ofSeconds(15));
        ObjectNode forUs = stock.deepCopy();
        forUs.remove("client-classes");

        DhcpMessage discover = discover().toBuilder().clientIdentifier(HexFormat.of().parseHex("01122334455667")).build();
        DhcpMessage keaOffer = relaySide.callInside(() -> exchange(discover));
        DhcpMessage ourOffer = leaseDeskOffer(json.writeValueAsString(json.createObjectNode().set("Dhcp4", forUs)), discover);

        assertThat(keaOffer.yiaddr()).isEqualTo(ip("192.0.2.204"));
        assertThat(ourOffer.yiaddr()).isEqualTo(ip("192.0.2.204"));
        Map<Integer, String> kea = options(keaOffer);
        assertThat(kea).containsEntry(125, "0000118b0a02080a0101ca0a0101cb").containsKeys(3, 6, 15, 23, 67, 119);
        assertThat(options(ourOffer)).isEqualTo(kea);
    }

    /** A relayed DISCOVER asking for every option, and (as a cable modem does) for CableLabs' sub-options 1-10. */
    private static DhcpMessage discover() {
        int[] everything = IntStream.rangeClosed(1, 254).filter(code -> code != 52 && code != 53 && code != 55).toArray();
        byte[] vivso = {0, 0, 0x11, (byte) 0x8b, 12, 1, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        return DhcpMessage.discover(HardwareAddress.parse("02:00:00:00:00:01"), 0x4b6541)
                .giaddr(ip(RELAY_ADDRESS)).hops(1)
                .parameterRequestList(everything)
                .maxMessageSize(1500)
                .option(new DhcpOption(125, vivso))
                .build();
    }

    /** Sends the DISCOVER to Kea as a relay would and returns Kea's OFFER, which comes back to the relay's port 67. */
    private DhcpMessage exchange(DhcpMessage discover) throws Exception {
        try (DatagramSocket relay = new DatagramSocket(new InetSocketAddress(ip(RELAY_ADDRESS), 67))) {
            relay.setSoTimeout(3000);
            byte[] bytes = codec.encode(discover);
            for (int attempt = 0; ; attempt++) {
                relay.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(ip(KEA_ADDRESS), 67)));
                byte[] buffer = new byte[4096];
                DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
                try {
                    relay.receive(reply);
                    return codec.decode(buffer, 0, reply.getLength());
                } catch (java.net.SocketTimeoutException noReplyYet) {
                    if (attempt == 3) {
                        throw noReplyYet;
                    }
                }
            }
        }
    }

    private DhcpMessage leaseDeskOffer(DhcpMessage discover) throws Exception {
        return leaseDeskOffer("{ \"Dhcp4\": { " + OPTIONS + " } }", discover);
    }

    private DhcpMessage leaseDeskOffer(String configuration, DhcpMessage discover) throws Exception {
        ServerConfig config = new ServerConfigLoader(OptionRegistry.standard()).load(configuration, "oracle.conf").config();
        MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
        ServerOptions options = new ServerOptions(new InetSocketAddress(67), 68, Ipv4Address.parse(KEA_ADDRESS), Optional.of("eth0"),
                Ipv4Address.BROADCAST.toInetAddress(), Optional.empty(), Duration.ofSeconds(10), 64, ServerOptions.DEFAULT_SAMPLE_INTERVAL);
        PacketProcessor processor = new PacketProcessor(config, new AllocationEngine(config, List.of(), options.offerHold(), clock), options, clock);
        Decision decision = processor.handle(discover, new Arrival(Ipv4Address.parse(KEA_ADDRESS), Ipv4Address.parse(RELAY_ADDRESS),
                Optional.of("eth0"), 0, Ipv4Address.parse(KEA_ADDRESS)));
        return ((Decision.Reply) decision).message();
    }

    private static Map<Integer, String> options(DhcpMessage message) {
        Map<Integer, String> options = new TreeMap<>();
        for (DhcpOption option : message.options()) {
            if (!SET_BY_SERVER.contains(option.code())) {
                options.put(option.code(), HexFormat.of().formatHex(option.value()));
            }
        }
        return options;
    }

    private static Inet4Address ip(String text) {
        return Ipv4Address.parse(text).toInetAddress();
    }
}
