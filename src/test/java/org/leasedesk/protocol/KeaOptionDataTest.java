package org.leasedesk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kea 2.2's option-data text to wire bytes. Every expected value in the parameterized tables was
 * read from an OFFER that kea-dhcp4 2.2.0 sent for the same option-data (a relayed DISCOVER asking
 * for every code, captured in a network namespace; see KeaOptionOracleTest, which repeats that
 * comparison against a live Kea whenever it can run).
 */
class KeaOptionDataTest {

    private static final OptionRegistry STANDARD = OptionRegistry.standard();

    private final List<String> notes = new ArrayList<>();

    private String csv(OptionDefinition definition, String data) {
        byte[] written = KeaOptionData.fromCsv(definition, data, notes::add);
        return HexFormat.of().formatHex(KeaOptionData.instantiate(definition, written, KeaOptionData.Definitions.NONE, notes::add).value());
    }

    private String csv(String name, String data) {
        return csv(STANDARD.byName(name).orElseThrow(), data);
    }

    private String hex(String name, String data) {
        OptionDefinition definition = STANDARD.byName(name).orElseThrow();
        byte[] bytes = KeaOptionData.hexData(data);
        return HexFormat.of().formatHex(KeaOptionData.instantiate(definition, bytes, KeaOptionData.Definitions.NONE, notes::add).value());
    }

    private static OptionDefinition custom(OptionType type, boolean array, OptionType... fields) {
        return new OptionDefinition(200, "custom", type, array, List.of(fields), OptionDefinition.DHCP4, "");
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            slp-directory-agent    | true, 192.0.2.59, 192.0.2.60                         | 01c000023bc000023c
            slp-service-scope      | false, scope1\\, scope2                               | 0073636f7065312c2073636f706532
            slp-service-scope      | "true, "                                              | 01
            client-ndi             | 1, 2, 3                                              | 010203
            uuid-guid              | 0, 00112233445566778899aabbccddeeff                  | 0000112233445566778899aabbccddeeff
            client-system          | 0, 7, 9                                              | 000000070009
            name-service-search    | 6, 41                                                | 00060029
            vivco-suboptions       | 4491, 05646f637369                                   | 0000118b05646f637369
            vivco-suboptions       | "4491, "                                              | 0000118b
            vivso-suboptions       | 4491                                                 | 0000118b00
            rdnss-selection        | 1, 192.0.2.1, 192.0.2.2, example.com, example.org    | 01c0000201c0000202076578616d706c6503636f6d00076578616d706c65036f726700
            v4-portparams          | 2, 3/4                                               | 02043000
            option-6rd             | 10, 20, 2001:db8::, 192.0.2.1, 192.0.2.2             | 0a1420010db8000000000000000000000000c0000201c0000202
            domain-search          | mydomain.example.com, example.com                    | 086d79646f6d61696e076578616d706c6503636f6d00076578616d706c6503636f6d00
            domain-search          | example.com.                                         | 076578616d706c6503636f6d00
            v4-access-domain       | example.com                                          | 076578616d706c6503636f6d00
            v4-lost                | lost.example.org                                     | 046c6f7374076578616d706c65036f726700
            sip-ua-cs-domains      | a.example, b.example                                 | 0161076578616d706c65000162076578616d706c6500
            bcms-controller-names  | c.example                                            | 0163076578616d706c6500
            v4-captive-portal      | https://example.org/portal?a=1                       | 68747470733a2f2f6578616d706c652e6f72672f706f7274616c3f613d31
            boot-file-name         | EST5EDT4\\,M3.2.0/02:00\\,M11.1.0/02:00               | 45535435454454342c4d332e322e302f30323a30302c4d31312e312e302f30323a3030
            merit-dump             | a\\\\b\\c                                              | 615c625c63
            netbios-scope          | "  spaced , x "                                       | 737061636564
            default-ip-ttl         | 0xf0                                                 | f0
            interface-mtu          | ff                                                   | 00ff
            boot-size              | 10                                                   | 000a
            time-offset            | -3600                                                | fffff1f0
            ip-forwarding          | TRUE                                                 | 01
            mask-supplier          | 1                                                    | 01
            time-servers           | "192.0.2.1,,192.0.2.2"                                | c0000201c0000202
            routers                | ""                                                    | ""
            user-class             | 0a0b                                                 | 0a0b
            geoconf-civic          | 01 02 03                                             | 010203
            v6-only-preferred      | 1800                                                 | 00000708
            client-last-transaction-time | 5                                              | 00000005
            """)
    void csvTextBecomesWhatKeaSends(String name, String data, String expected) {
        assertThat(csv(name, data)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ip-forwarding        | 02                             | 02
            default-ip-ttl       | 0102                           | 01
            interface-mtu        | 05dc0000                       | 05dc0000
            netbios-scope        | 61620000                       | 6162
            domain-search        | 076578616d706c6503636f6d00c000 | 076578616d706c6503636f6d00076578616d706c6503636f6d00
            slp-directory-agent  | 01c000023bc0                   | 01c000023b
            client-ndi           | 01020304                       | 010203
            v4-lost              | 0161000162                     | 016100
            user-class           | ""                              | ""
            subnet-selection     | c0000201aa                     | c0000201
            time-offset          | 0000000102                     | 00000001
            uuid-guid            | 00                             | 00
            user-class           | " ' some text ' "              | 736f6d652074657874
            nwip-suboptions      | a:b:c                          | 0a0b0c
            geoconf-civic        | a b c                          | 0a0b0c
            geoconf-civic        | 0x102                          | 0102
            """)
    void hexIsReadBackThroughTheDefinitionAsKeaReadsIt(String name, String data, String expected) {
        assertThat(hex(name, data)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} \"{2}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            record       | uint8 tuple         | "1, "                                  | 0100
            ipv6-prefix  | array               | 2001:db8:1::/48, 2001:db8::/33, ::/0  | 3020010db800012120010db80000
            tuple        | array               | hello, world                          | 0568656c6c6f05776f726c64
            record       | uint8 ipv6-prefix   | 7, 2001:db8::/0                       | 0700
            psid         | array               | 1/1, 0/0, 65535/16                    | 01800000000010ffff
            boolean      | array               | true, false, 1                        | 010001
            int16        | array               | -1, -2                                | fffffffe
            record       | array tuple int8 fqdn int8 | x, 7, abc, -1, 5             | 0178070361626300ff05
            ipv6-address | single              | 2001:db8::1                           | 20010db8000000000000000000000001
            ipv6-prefix  | single              | 2001:db8::ff/64                       | 4020010db800000000
            """)
    void customDefinitionsOfEveryKeaTypeEncodeAsKeaDoes(String type, String shape, String data, String expected) {
        List<String> words = List.of(shape.split(" "));
        boolean array = words.contains("array");
        OptionType[] fields = words.stream().filter(w -> !w.equals("array") && !w.equals("single"))
                .map(w -> OptionType.byKeaName(w).orElseThrow()).toArray(OptionType[]::new);
        assertThat(csv(custom(OptionType.byKeaName(type).orElseThrow(), array, fields), data)).isEqualTo(expected);
    }

    @Test
    void commasSplitValuesUnlessEscapedAndEmptyValuesAreDroppedAsKeaDropsThem() {
        assertThat(KeaOptionData.tokens("a, b\\,c,,d,").values()).containsExactly("a", " b,c", "d");
        assertThat(KeaOptionData.tokens("a, b\\,c,,d,").droppedEmpty()).isEqualTo(2);
        assertThat(KeaOptionData.tokens("").values()).isEmpty();
        assertThat(KeaOptionData.tokens("").droppedEmpty()).isZero();
        assertThat(KeaOptionData.tokens("x\\\\y\\z").values()).containsExactly("x\\y\\z");
    }

    @Test
    void whatKeaIgnoresIsReportedAsANote() {
        assertThat(csv("subnet-mask", "255.255.255.0, 255.0.0.0")).isEqualTo("ffffff00");
        assertThat(notes).singleElement().asString().contains("uses '255.255.255.0'").contains("ignores");
        notes.clear();
        assertThat(csv("boot-file-name", "foo,bar")).isEqualTo("666f6f");
        assertThat(notes).singleElement().asString().contains("\\\\,");
        notes.clear();
        assertThat(csv("client-ndi", "1, 2, 3, 4")).isEqualTo("010203");
        assertThat(notes).singleElement().asString().contains("only the first 3 values");
        notes.clear();
        csv("routers", "192.0.2.1,,192.0.2.2");
        assertThat(notes).singleElement().asString().contains("empty values");
    }

    @ParameterizedTest(name = "{0} \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            routers               | 192.0.2.01           | leading zeros
            routers               | 2001:db8::1          | IPv6 address where an IPv4
            routers               | "192.0.2.1, ,1.2.3.4" | value 2 ''
            default-ip-ttl        | 256                  | out of range for uint8 (0 to 255)
            default-ip-ttl        | 0x                   | is not a number
            dhcp-lease-time       | 4294967296           | out of range for uint32
            ip-forwarding         | yes                  | is not a boolean
            ip-forwarding         | 2                    | is not a boolean
            user-class            | 01:02:03             | colons and 0x are only for
            user-class            | abc                  | even number of hex digits
            user-class            | ""                    | needs a value
            host-name             | ""                    | needs a value
            netbios-scope         | "   "                 | at least one character
            path-mtu-plateau-table | ""                   | at least one value
            domain-search         | ""                    | at least one name
            slp-service-scope     | true                 | needs 2 values
            vivco-suboptions      | 4491                 | needs 2 values
            vivso-suboptions      | ""                    | needs a value
            v4-lost               | a..b                 | empty label
            v4-lost               | a;b.example          | misreads
            """)
    void valuesKeaRefusesAreRefusedSayingWhy(String name, String data, String reason) {
        assertThatThrownBy(() -> csv(name, data)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason);
    }

    @Test
    void hexSpellingsFollowKea() {
        assertThat(KeaOptionData.hexData("0x0a0b0c")).containsExactly(10, 11, 12);
        assertThat(KeaOptionData.hexData("abc")).containsExactly(0x0a, 0xbc);
        assertThat(KeaOptionData.hexData("")).isEmpty();
        assertThatThrownBy(() -> KeaOptionData.hexData("0x")).hasMessageContaining("'0x' is not hex");
        assertThatThrownBy(() -> KeaOptionData.hexData("0X0102")).hasMessageContaining("is not hex");
        assertThatThrownBy(() -> KeaOptionData.hexData(" 0102 ")).hasMessageContaining("is not hex");
        assertThatThrownBy(() -> KeaOptionData.hexData("0x0A:0b 0C")).hasMessageContaining("more than two digits");
        assertThatThrownBy(() -> KeaOptionData.hexData("''")).hasMessageContaining("is not hex");
        assertThat(KeaOptionData.forgivingHex("0x0A:0b 0C")).hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(10, 11, 12));
    }

    @Test
    void vendorEncapsulatedOptionsHexIsReadAsSubOptionsWithPadAndEnd() {
        OptionDefinition option43 = STANDARD.byCode(43).orElseThrow();
        KeaOption read = KeaOptionData.instantiate(option43, KeaOptionData.hexData("000102aabbff"), KeaOptionData.Definitions.NONE, notes::add);
        assertThat(read.subOptions()).extracting(KeaOption::code).containsExactly(1);
        assertThat(HexFormat.of().formatHex(read.value())).isEqualTo("0102aabb");
        // A sub-option cut off at the end is dropped, as Kea drops it.
        assertThat(KeaOptionData.instantiate(option43, KeaOptionData.hexData("0105aa"), KeaOptionData.Definitions.NONE, notes::add).value())
                .isEmpty();
        assertThat(notes).last().asString().contains("cut off");
    }

    @Test
    void subOptionsAreKeptInCodeOrderAndAddedOnlyWhenMissing() {
        KeaOption option = new KeaOption(43, new byte[0], List.of(KeaOption.of(5, new byte[] {(byte) 0xcc})), false)
                .withSubOption(KeaOption.of(2, new byte[] {10, 11}))
                .withSubOption(KeaOption.of(5, new byte[] {1}));
        assertThat(HexFormat.of().formatHex(option.value())).isEqualTo("02020a0b0501cc");
    }

    @Test
    void vendorOptionCarriesItsDataLengthBeforeTheSubOptions() {
        KeaOption vivso = KeaOption.vendor(4491, List.of(KeaOption.of(2, new byte[] {10, 1, 1, (byte) 202, 10, 1, 1, (byte) 203})));
        assertThat(HexFormat.of().formatHex(vivso.value())).isEqualTo("0000118b0a02080a0101ca0a0101cb");
        assertThat(KeaOptionData.readVendorOption(vivso.value())).contains(vivso);
        assertThat(KeaOptionData.readVendorOption(HexFormat.of().parseHex("0000118b0502"))).isEmpty();
    }

    @Test
    void ipv6AddressListsAreRefusedBecauseKeaBreaksThePacketWithThem() {
        OptionDefinition list = new OptionDefinition(201, "v6-list", OptionType.IPV6_ADDRESS, true, List.of(), OptionDefinition.DHCP4, "");
        assertThatThrownBy(() -> csv(list, "2001:db8::1")).hasMessageContaining("DHCPv6 option header");
    }

    @Test
    void recordsAreShownAsKeaWritesThem() {
        assertThat(STANDARD.format(78, HexFormat.of().parseHex("01c000023bc000023c"))).isEqualTo("true, 192.0.2.59, 192.0.2.60");
        assertThat(STANDARD.format(159, HexFormat.of().parseHex("02043000"))).isEqualTo("2, 3/4");
        assertThat(STANDARD.format(125, HexFormat.of().parseHex("0000118b00"))).isEqualTo("4491 00");
    }
}
