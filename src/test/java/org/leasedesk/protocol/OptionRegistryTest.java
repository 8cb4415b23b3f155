package org.leasedesk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.leasedesk.protocol.RawPacket.bytes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionRegistryTest {

    private final OptionRegistry registry = OptionRegistry.standard();

    private OptionDefinition named(String name) {
        return registry.byName(name).orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({
        "1, subnet-mask", "2, time-offset", "3, routers", "4, time-servers", "5, name-servers", "6, domain-name-servers",
        "7, log-servers", "12, host-name", "15, domain-name", "19, ip-forwarding", "23, default-ip-ttl", "26, interface-mtu",
        "28, broadcast-address", "33, static-routes", "42, ntp-servers", "43, vendor-encapsulated-options",
        "44, netbios-name-servers", "50, dhcp-requested-address", "51, dhcp-lease-time", "52, dhcp-option-overload",
        "53, dhcp-message-type", "54, dhcp-server-identifier", "55, dhcp-parameter-request-list", "56, dhcp-message",
        "57, dhcp-max-message-size", "58, dhcp-renewal-time", "59, dhcp-rebinding-time", "60, vendor-class-identifier",
        "61, dhcp-client-identifier", "66, tftp-server-name", "67, boot-file-name", "81, fqdn", "82, dhcp-agent-options",
        "118, subnet-selection", "119, domain-search", "121, classless-static-route"})
    void knowsKeasStandardNamesByCodeAndByName(int code, String name) {
        assertThat(registry.byCode(code)).map(OptionDefinition::name).contains(name);
        assertThat(registry.byName(name)).map(OptionDefinition::code).contains(code);
    }

    @Test
    void unknownCodesHaveGenericNamesAndNoDefinition() {
        assertThat(registry.byCode(224)).isEmpty();
        assertThat(registry.nameOf(224)).isEqualTo("option-224");
        assertThat(registry.byName("no-such-option")).isEmpty();
    }

    @Test
    void rejectsDuplicateDefinitions() {
        var one = new OptionDefinition(200, "a", OptionType.UINT8, false);
        var two = new OptionDefinition(200, "b", OptionType.UINT8, false);
        assertThatThrownBy(() -> new OptionRegistry(java.util.List.of(one, two))).hasMessageContaining("defined twice");
    }

    @Test
    void parsesAddressListsFromCommaSeparatedText() {
        assertThat(registry.parse(named("routers"), "192.0.2.1, 192.0.2.2")).containsExactly(bytes(192, 0, 2, 1, 192, 0, 2, 2));
    }

    @Test
    void namesTheBadValueInAnAddressList() {
        assertThatThrownBy(() -> registry.parse(named("routers"), "192.0.2.1, 192.0.2.300"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option 3 (routers): '192.0.2.300' is not an IPv4 address (300 is above 255)");
    }

    @Test
    void refusesHostNamesWhereAnAddressIsExpectedInsteadOfResolvingThem() {
        assertThatThrownBy(() -> registry.parse(named("subnet-mask"), "localhost"))
                .hasMessageContaining("'localhost' is not an IPv4 address");
    }

    @Test
    void singleValuedOptionsRejectSeveralValues() {
        assertThatThrownBy(() -> registry.parse(named("subnet-mask"), "255.255.255.0, 255.0.0.0"))
                .hasMessageContaining("takes exactly one value, got 2");
    }

    @Test
    void emptyListItemsAreErrorsNotSilentlyDropped() {
        assertThatThrownBy(() -> registry.parse(named("domain-name-servers"), "192.0.2.1,,192.0.2.2"))
                .hasMessageContaining("value 2 of '192.0.2.1,,192.0.2.2' is empty");
    }

    @Test
    void numbersAreRangeChecked() {
        assertThat(registry.parse(named("dhcp-lease-time"), "4294967295")).containsExactly(bytes(255, 255, 255, 255));
        assertThat(registry.parse(named("interface-mtu"), "0x5dc")).containsExactly(bytes(0x05, 0xdc));
        assertThat(registry.parse(named("time-offset"), "-3600")).containsExactly(bytes(0xff, 0xff, 0xf1, 0xf0));
        assertThatThrownBy(() -> registry.parse(named("default-ip-ttl"), "256"))
                .hasMessage("option 23 (default-ip-ttl): 256 is out of range for uint8 (0 to 255)");
        assertThatThrownBy(() -> registry.parse(named("dhcp-lease-time"), "-1")).hasMessageContaining("out of range for uint32");
        assertThatThrownBy(() -> registry.parse(named("interface-mtu"), "15OO")).hasMessageContaining("'15OO' is not a number");
    }

    @Test
    void valuesAreCheckedWithTheSameRulesAsReceivedOnes() {
        assertThatThrownBy(() -> registry.parse(named("dhcp-message-type"), "0"))
                .hasMessage("option 53 (dhcp-message-type): message type 0 is not defined");
    }

    @Test
    void booleansAcceptWordsAndDigits() {
        assertThat(registry.parse(named("ip-forwarding"), "true")).containsExactly(1);
        assertThat(registry.parse(named("ip-forwarding"), "0")).containsExactly(0);
        assertThatThrownBy(() -> registry.parse(named("ip-forwarding"), "yes")).hasMessageContaining("'yes' is not a boolean");
    }

    @Test
    void binaryAcceptsHexWithOrWithoutSeparators() {
        byte[] expected = bytes(0x01, 0x00, 0x0c, 0x29);
        assertThat(registry.parse(named("dhcp-client-identifier"), "01000c29")).containsExactly(expected);
        assertThat(registry.parse(named("dhcp-client-identifier"), "01:00:0c:29")).containsExactly(expected);
        assertThat(registry.parse(named("dhcp-client-identifier"), "01 00 0C 29")).containsExactly(expected);
        assertThat(registry.parse(named("dhcp-client-identifier"), "0x01000c29")).containsExactly(expected);
        assertThat(registry.parse(named("dhcp-client-identifier"), "1:0:c:29")).containsExactly(expected);
        assertThatThrownBy(() -> registry.parse(named("dhcp-client-identifier"), "010")).hasMessageContaining("odd number of hex digits");
        assertThatThrownBy(() -> registry.parse(named("dhcp-client-identifier"), "01:0g")).hasMessageContaining("'g' is not a hex digit");
    }

    @Test
    void stringsAreTakenWholeCommasIncluded() {
        assertThat(new String(registry.parse(named("dhcp-message"), "no, really"))).isEqualTo("no, really");
        assertThatThrownBy(() -> registry.parse(named("host-name"), "")).hasMessageContaining("needs a non-empty string");
    }

    @Test
    void domainSearchTextBecomesCompressedNames() {
        assertThat(registry.parse(named("domain-search"), "eng.apple.com, marketing.apple.com"))
                .containsExactly(DomainSearchListTest.RFC_3397_EXAMPLE);
    }

    @Test
    void classlessRoutesUseKeasNotation() {
        byte[] value = registry.parse(named("classless-static-route"), "10.229.0.128/25 - 10.229.0.1, 0.0.0.0/0 - 10.229.0.1");
        assertThat(value).containsExactly(bytes(25, 10, 229, 0, 128, 10, 229, 0, 1, 0, 10, 229, 0, 1));
        assertThat(registry.format(121, value)).isEqualTo("10.229.0.128/25 - 10.229.0.1, 0.0.0.0/0 - 10.229.0.1");
        assertThatThrownBy(() -> registry.parse(named("classless-static-route"), "10.0.0.0/33 - 10.0.0.1"))
                .hasMessageContaining("33 is out of range for prefix length");
        assertThatThrownBy(() -> registry.parse(named("classless-static-route"), "10.0.0.1/8 - 10.0.0.1"))
                .hasMessageContaining("has host bits set");
    }

    @Test
    void clientFqdnTextIsFlagsRcodesAndName() {
        byte[] value = registry.parse(named("fqdn"), "5, 0, 0, pc1.example.com.");
        assertThat(registry.format(81, value)).isEqualTo("5, 0, 0, pc1.example.com.");
    }

    @Test
    void formatShowsTypedValues() {
        assertThat(registry.format(3, bytes(192, 0, 2, 1, 192, 0, 2, 2))).isEqualTo("192.0.2.1, 192.0.2.2");
        assertThat(registry.format(51, bytes(0, 0, 0x0e, 0x10))).isEqualTo("3600");
        assertThat(registry.format(55, bytes(1, 3, 6))).isEqualTo("1, 3, 6");
        assertThat(registry.format(12, "pc1".getBytes())).isEqualTo("pc1");
        assertThat(registry.format(19, bytes(1))).isEqualTo("true");
    }

    @Test
    void formatFallsBackToHexForUnknownInvalidOrUnprintableValues() {
        assertThat(registry.format(224, bytes(1, 2))).isEqualTo("01:02");
        assertThat(registry.format(51, bytes(1, 2))).isEqualTo("01:02");
        assertThat(registry.format(12, bytes('a', 10, 'b'))).isEqualTo("61:0a:62");
    }

    @Test
    void formattedTextParsesBackToTheSameBytes() {
        byte[] routes = bytes(24, 192, 168, 1, 192, 168, 1, 254);
        assertThat(registry.parse(named("classless-static-route"), registry.format(121, routes))).containsExactly(routes);
        byte[] servers = bytes(192, 0, 2, 53, 198, 51, 100, 53);
        assertThat(registry.parse(named("domain-name-servers"), registry.format(6, servers))).containsExactly(servers);
    }

    @ParameterizedTest
    @CsvSource({
        "53, 0102, BAD_OPTION_LENGTH",
        "53, '', BAD_OPTION_LENGTH",
        "53, 00, BAD_OPTION_VALUE",
        "53, 13, BAD_OPTION_VALUE",
        "51, 000e10, BAD_OPTION_LENGTH",
        "3, '', BAD_OPTION_LENGTH",
        "3, c000020101, BAD_OPTION_LENGTH",
        "1, c0000201c0, BAD_OPTION_LENGTH",
        "19, 02, BAD_OPTION_VALUE",
        "12, '', BAD_OPTION_LENGTH",
        "121, 21c0000201c0000201, BAD_OPTION_VALUE",
        "121, 18c00002c00002, BAD_OPTION_LENGTH",
        "81, 0500, BAD_OPTION_LENGTH",
        "82, 0105aa, BAD_OPTION_LENGTH",
        "119, 03656e67c005, BAD_OPTION_VALUE"})
    void receivedValuesThatViolateTheirTypeAreRejectedWithAReason(int code, String hex, MalformedPacketException.Reason reason) {
        byte[] value = java.util.HexFormat.of().parseHex(hex);
        assertThatThrownBy(() -> registry.validate(code, value))
                .isInstanceOfSatisfying(MalformedPacketException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining("" + code);
    }

    @Test
    void unknownOptionsAreAcceptedAsOpaqueBytes() throws MalformedPacketException {
        registry.validate(224, bytes(1, 2, 3));
        registry.validate(224, new byte[0]);
    }
}
