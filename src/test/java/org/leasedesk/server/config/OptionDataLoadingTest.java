package org.leasedesk.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.server.config.ConfigProblem.Severity;
import org.leasedesk.server.config.ServerConfig.ConfiguredOption;

/**
 * option-def and option-data as Kea 2.2 reads them. Expected bytes were sent by kea-dhcp4 2.2.0 for the
 * same configuration (captured OFFERs), and every refusal here is one {@code kea-dhcp4 -t} also makes,
 * unless a comment says LeaseDesk is stricter.
 */
class OptionDataLoadingTest {

    private final ServerConfigLoader loader = new ServerConfigLoader(OptionRegistry.standard());

    private ServerConfigLoader.Loaded load(String dhcp4Body) throws ConfigException {
        return loader.load("{ \"Dhcp4\": { " + dhcp4Body + " } }", "test.conf");
    }

    private List<ConfigProblem> errorsOf(String dhcp4Body) {
        try {
            load(dhcp4Body);
        } catch (ConfigException e) {
            return e.problems().stream().filter(p -> p.severity() == Severity.ERROR).toList();
        }
        throw new AssertionError("expected the configuration to be refused");
    }

    private static String hexOf(List<ConfiguredOption> options, int code) {
        return options.stream().filter(o -> o.topLevel() && o.code() == code).findFirst()
                .map(o -> HexFormat.of().formatHex(o.value())).orElseThrow(() -> new AssertionError("no option " + code + " in " + options));
    }

    // ---- option-def ----

    @Test
    void customRecordOptionIsDefinedAndFilledAsKeasManualShows() throws ConfigException {
        ServerConfig config = load("""
                "option-def": [ { "name": "bar", "code": 223, "type": "record", "array": false,
                                  "record-types": "ipv4-address, uint16, boolean, string", "space": "dhcp4", "encapsulate": "" } ],
                "option-data": [ { "name": "bar", "data": "192.0.2.100, 123, true, Hello World" } ]
                """).config();

        assertThat(hexOf(config.globalOptions(), 223)).isEqualTo("c0000264007b0148656c6c6f20576f726c64");
    }

    @Test
    void optionsDefinedOnlyByCodeInACustomSpaceAreHex() throws ConfigException {
        ServerConfig config = load("""
                "option-def": [ { "name": "container", "code": 222, "type": "empty", "encapsulate": "isc" } ],
                "option-data": [ { "code": 7, "space": "isc", "csv-format": false, "data": "0a0b" },
                                 { "name": "container" } ]
                """).config();

        assertThat(hexOf(config.globalOptions(), 222)).isEqualTo("07020a0b");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            redefines routers               | { "name": "my-routers", "code": 3, "type": "ipv4-address", "array": true } | /code
            takes the name routers          | { "name": "routers", "code": 200, "type": "ipv4-address" }                | /name
            has an unknown type             | { "name": "x", "code": 200, "type": "internal" }                          | /type
            is a record of one field        | { "name": "x", "code": 200, "type": "record", "record-types": "uint8" }   | ''
            has record types but no record  | { "name": "x", "code": 200, "type": "uint8", "record-types": "uint8, uint16" } | /record-types
            has a record field of type empty | { "name": "x", "code": 200, "type": "record", "record-types": "uint8, empty" } | /record-types
            puts a string before a number   | { "name": "x", "code": 200, "type": "record", "record-types": "string, uint8" } | ''
            is an array of strings          | { "name": "x", "code": 200, "type": "string", "array": true }             | ''
            is an array that encapsulates   | { "name": "x", "code": 200, "type": "uint8", "array": true, "encapsulate": "foo" } | ''
            encapsulates its own space      | { "name": "x", "code": 200, "type": "uint8", "encapsulate": "dhcp4" }     | ''
            has a name starting with -      | { "name": "-x", "code": 200, "type": "uint8" }                            | ''
            takes PAD's code in dhcp4       | { "name": "x", "code": 0, "type": "uint8" }                               | /code
            takes END's code in dhcp4       | { "name": "x", "code": 255, "type": "uint8" }                             | /code
            has a code above 255            | { "name": "x", "code": 256, "space": "s", "type": "uint8" }               | /code
            names a bad space               | { "name": "x", "code": 200, "type": "uint8", "space": "bad space" }       | /space
            has no type                     | { "name": "x", "code": 200 }                                              | ''
            """)
    void definitionsKeaRefusesAreRefusedAtTheirPath(String why, String definition, String pathEnd) {
        assertThat(errorsOf("\"option-def\": [ " + definition + " ]")).extracting(ConfigProblem::path)
                .containsExactly("Dhcp4/option-def[0]" + pathEnd);
    }

    @Test
    void definitionsUsedTwiceInASpaceAreRefused() {
        assertThat(errorsOf("""
                "option-def": [ { "name": "x", "code": 200, "type": "uint8" }, { "name": "y", "code": 200, "type": "uint8" },
                                { "name": "x", "code": 201, "type": "uint8" }, { "name": "x", "code": 200, "type": "uint8", "space": "s" } ]
                """)).extracting(ConfigProblem::path, ConfigProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Dhcp4/option-def[1]/code", "option 200 of space dhcp4 is already defined at Dhcp4/option-def[0]"),
                org.assertj.core.groups.Tuple.tuple("Dhcp4/option-def[2]/name", "an option named x in space dhcp4 is already defined at Dhcp4/option-def[0]"));
    }

    @Test
    void definitionsKeaAllowsForCodesItDoesNotDefineLoad() throws ConfigException {
        ServerConfig config = load("""
                "option-def": [ { "name": "vendor-encapsulated-options", "code": 43, "type": "binary" },
                                { "name": "classless-static-route", "code": 121, "type": "binary" },
                                { "name": "tftp-servers", "code": 2, "space": "vendor-4491", "type": "string" },
                                { "name": "x", "code": 0, "space": "s", "type": "uint8" } ],
                "option-data": [ { "code": 43, "data": "0105aa" },
                                 { "name": "classless-static-route", "data": "18c0a801c0a80101" } ]
                """).config();

        // A binary 43 is sent as it is, not read as sub-options; 121 defined by the file is the file's.
        assertThat(hexOf(config.globalOptions(), 43)).isEqualTo("0105aa");
        assertThat(hexOf(config.globalOptions(), 121)).isEqualTo("18c0a801c0a80101");
    }

    // ---- option-data ----

    @Test
    void optionDataKeaRefusesIsRefusedAtItsPath() {
        List<ConfigProblem> errors = errorsOf("""
                "option-data": [
                    { "name": "x y", "data": "1" },
                    { "name": "routers", "space": "bad space", "data": "192.0.2.1" },
                    { "name": "routers", "space": "dhcp6", "data": "192.0.2.1" },
                    { "code": 256, "csv-format": false, "data": "01" },
                    { "code": 255, "csv-format": false, "data": "01" },
                    { "name": "domain-name-servers", "code": 3, "data": "192.0.2.1" },
                    { "code": 5, "space": "foo", "data": "01" },
                    { "name": "bar", "space": "foo", "csv-format": false, "data": "01" },
                    { "name": "tftp-servers", "space": "vendor-4491", "code": 1, "data": "192.0.2.1" },
                    { "name": "v4-dnr", "data": "00" },
                    { "name": "slp-directory-agent", "data": "true" },
                    { "name": "user-class", "csv-format": false, "data": "0x" } ]
                """);

        assertThat(errors).extracting(ConfigProblem::path).containsExactly(
                "Dhcp4/option-data[0]/name", "Dhcp4/option-data[1]/space", "Dhcp4/option-data[2]/space",
                "Dhcp4/option-data[3]/code", "Dhcp4/option-data[4]/code", "Dhcp4/option-data[5]/code",
                "Dhcp4/option-data[6]", "Dhcp4/option-data[7]/name", "Dhcp4/option-data[8]/code",
                "Dhcp4/option-data[9]/name", "Dhcp4/option-data[10]/data", "Dhcp4/option-data[11]/data");
        assertThat(errors.get(6).message()).contains("option 5 of space foo has no definition");
        assertThat(errors.get(8).message()).isEqualTo("code 1 does not match \"tftp-servers\", which is option 2");
        assertThat(errors.get(9).message()).contains("Kea 2.2 has no definition for v4-dnr (162)");
        assertThat(errors.get(10).message()).contains("slp-directory-agent").contains("needs 2 values (boolean, ipv4-address)");
    }

    @Test
    void onlyTheGlobalScopeMakesAnOptionWithoutDefinitionNeedCsvFormatFalse() throws ConfigException {
        assertThat(errorsOf("\"option-data\": [ { \"code\": 224, \"data\": \"0102\" } ]")).extracting(ConfigProblem::path)
                .containsExactly("Dhcp4/option-data[0]");

        ServerConfig config = load("""
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "option-data": [ { "code": 224, "data": "0102" }, { "code": 225, "data": "abc" } ],
                               "pools": [ { "pool": "192.0.2.10 - 192.0.2.20", "option-data": [ { "code": 226, "data": "0304" } ] } ],
                               "reservations": [ { "hw-address": "aa:bb:cc:dd:ee:ff", "option-data": [ { "code": 227, "data": "05" } ] } ] } ]
                """).config();
        assertThat(hexOf(config.subnets().getFirst().options(), 224)).isEqualTo("0102");
        assertThat(hexOf(config.subnets().getFirst().options(), 225)).isEqualTo("0abc");
        assertThat(hexOf(config.subnets().getFirst().pools().getFirst().options(), 226)).isEqualTo("0304");
        assertThat(hexOf(config.subnets().getFirst().reservations().getFirst().options(), 227)).isEqualTo("05");
    }

    @Test
    void valuesKeaIgnoresLoadWithAWarningAtTheirData() throws ConfigException {
        ServerConfigLoader.Loaded loaded = load("""
                "option-data": [ { "name": "boot-file-name", "data": "foo,bar" }, { "name": "client-ndi", "data": "1, 2, 3, 4" },
                                 { "name": "default-ip-ttl", "csv-format": false, "data": "0102" } ]
                """);

        assertThat(hexOf(loaded.config().globalOptions(), 67)).isEqualTo("666f6f");
        assertThat(hexOf(loaded.config().globalOptions(), 94)).isEqualTo("010203");
        assertThat(hexOf(loaded.config().globalOptions(), 23)).isEqualTo("01");
        assertThat(loaded.warnings()).extracting(ConfigProblem::path)
                .containsExactly("Dhcp4/option-data[0]/data", "Dhcp4/option-data[1]/data", "Dhcp4/option-data[2]/data");
    }

    @Test
    void whatKeaWouldSendButLeaseDeskCouldNotReceiveIsRefused() {
        // Kea 2.2 sends an empty routers option for "data": "", and a boolean byte of 2 from hex.
        assertThat(errorsOf("""
                "option-data": [ { "name": "routers", "data": "" }, { "name": "ip-forwarding", "csv-format": false, "data": "02" } ]
                """)).extracting(ConfigProblem::path).containsExactly("Dhcp4/option-data[0]/data", "Dhcp4/option-data[1]/data");
    }

    @Test
    void hexKeaRefusesButLeaseDeskCanReadLoadsWithAWarning() throws ConfigException {
        ServerConfigLoader.Loaded loaded = load("\"option-data\": [ { \"code\": 224, \"csv-format\": false, \"data\": \"0x0A:0b 0C\" } ]");

        assertThat(hexOf(loaded.config().globalOptions(), 224)).isEqualTo("0a0b0c");
        assertThat(loaded.warnings()).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("Dhcp4/option-data[0]/data");
            assertThat(w.message()).contains("Kea 2.2 refuses this file");
        });
    }

    @Test
    void classlessStaticRouteByNameIsLeaseDesksOwnAndSaysSo() throws ConfigException {
        ServerConfigLoader.Loaded loaded = load("\"option-data\": [ { \"name\": \"classless-static-route\", \"data\": \"10.229.0.128/25 - 10.229.0.1\" } ]");

        assertThat(hexOf(loaded.config().globalOptions(), 121)).isEqualTo("190ae500800ae50001");
        assertThat(loaded.warnings()).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("Dhcp4/option-data[0]/name");
            assertThat(w.message()).contains("Kea 2.2 has no definition");
        });
    }

    @Test
    void option121ByCodeIsWhatItIsToKea22AnOptionWithoutDefinition() throws ConfigException {
        ServerConfigLoader.Loaded loaded = load("""
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "option-data": [ { "code": 121, "data": "18c0a801c0a80101" } ] } ]
                """);

        assertThat(hexOf(loaded.config().subnets().getFirst().options(), 121)).isEqualTo("18c0a801c0a80101");
        assertThat(loaded.warnings()).noneMatch(w -> w.path().contains("option-data"));
        // What LeaseDesk's own decoder would refuse is not sent, however it is given.
        assertThat(errorsOf("\"option-data\": [ { \"code\": 121, \"csv-format\": false, \"data\": \"21c0a80101c0a80101\" } ]"))
                .extracting(ConfigProblem::path).containsExactly("Dhcp4/option-data[0]/data");
    }

    @Test
    void configuredClientFqdnAndRelayAgentInformationAreRefused() {
        // Kea 2.2 accepts them but garbles option 81 (its name goes out as text) and never configures 82.
        assertThat(errorsOf("""
                "option-data": [ { "name": "fqdn", "data": "0, 0, 0, foo.example" }, { "name": "dhcp-agent-options", "data": "" } ]
                """)).extracting(ConfigProblem::path).containsExactly("Dhcp4/option-data[0]", "Dhcp4/option-data[1]");
    }

    // ---- option 43 and encapsulation ----

    @Test
    void vendorEncapsulatedOptionsCarryTheirScopesSubOptions() throws ConfigException {
        ServerConfig config = load("""
                "option-def": [ { "name": "foo", "code": 1, "space": "vendor-encapsulated-options-space", "type": "record",
                                  "record-types": "ipv4-address, uint16, string" } ],
                "option-data": [ { "name": "foo", "space": "vendor-encapsulated-options-space", "data": "192.0.2.3, 123, Hello World" },
                                 { "name": "vendor-encapsulated-options" } ]
                """).config();

        assertThat(hexOf(config.globalOptions(), 43)).isEqualTo("0111c0000203007b48656c6c6f20576f726c64");
        assertThat(config.globalOptions()).allMatch(ConfiguredOption::topLevel).hasSize(1);
    }

    @Test
    void hexDataOfOption43KeepsItsSubOptionsAndGainsTheConfiguredOnesInCodeOrder() throws ConfigException {
        ServerConfig config = load("""
                "subnet4": [
                  { "id": 1, "subnet": "192.0.2.0/24", "option-data": [
                      { "code": 2, "space": "vendor-encapsulated-options-space", "data": "0a0b" },
                      { "code": 43, "csv-format": false, "data": "0501cc" } ] },
                  { "id": 2, "subnet": "198.51.100.0/24", "option-data": [
                      { "code": 2, "space": "vendor-encapsulated-options-space", "data": "0a0b" },
                      { "code": 43, "csv-format": false, "data": "0202aabb" } ] } ]
                """).config();

        assertThat(hexOf(config.subnets().get(0).options(), 43)).isEqualTo("02020a0b0501cc");
        assertThat(hexOf(config.subnets().get(1).options(), 43)).isEqualTo("0202aabb");
    }

    @Test
    void subOptionsAreMergedOnlyWithinTheirScopeAsKeaDoes() throws ConfigException {
        ServerConfigLoader.Loaded loaded = load("""
                "option-data": [ { "code": 2, "space": "vendor-encapsulated-options-space", "csv-format": false, "data": "0a0b" } ],
                "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "option-data": [ { "code": 43 } ] } ]
                """);

        assertThat(hexOf(loaded.config().subnets().getFirst().options(), 43)).isEmpty();
        assertThat(loaded.warnings()).singleElement().satisfies(w -> {
            assertThat(w.path()).isEqualTo("Dhcp4/option-data[0]");
            assertThat(w.message()).contains("never sent");
        });
    }

    @Test
    void option43CanBeRedefinedToEncapsulateAnotherSpace() throws ConfigException {
        ServerConfig config = load("""
                "option-def": [ { "name": "cookie", "code": 1, "type": "string", "space": "APC" },
                                { "name": "vendor-encapsulated-options", "code": 43, "type": "empty", "encapsulate": "APC" } ],
                "option-data": [ { "name": "cookie", "space": "APC", "data": "1APC" }, { "name": "vendor-encapsulated-options" } ]
                """).config();

        assertThat(hexOf(config.globalOptions(), 43)).isEqualTo("010431415043");
    }

    @Test
    void encapsulationNestsThroughCustomSpacesAfterTheOptionsOwnData() throws ConfigException {
        ServerConfig config = load("""
                "option-def": [ { "name": "subopt1", "code": 1, "space": "isc", "type": "ipv4-address" },
                                { "name": "subopt2", "code": 2, "space": "isc", "type": "uint8", "encapsulate": "inner" },
                                { "name": "deep", "code": 9, "space": "inner", "type": "string" },
                                { "name": "container", "code": 222, "type": "uint16", "encapsulate": "isc" } ],
                "option-data": [ { "name": "subopt1", "space": "isc", "data": "192.0.2.3" }, { "name": "subopt2", "space": "isc", "data": "7" },
                                 { "name": "deep", "space": "inner", "data": "hi" }, { "name": "container", "data": "513" } ]
                """).config();

        assertThat(hexOf(config.globalOptions(), 222)).isEqualTo("02010104c000020302050709026869");
    }

    @Test
    void spacesThatEncloseEachOtherAreRefused() {
        assertThat(errorsOf("""
                "option-def": [ { "name": "a", "code": 1, "space": "one", "type": "empty", "encapsulate": "two" },
                                { "name": "b", "code": 1, "space": "two", "type": "empty", "encapsulate": "one" },
                                { "name": "top", "code": 222, "type": "empty", "encapsulate": "one" } ],
                "option-data": [ { "name": "a", "space": "one" }, { "name": "b", "space": "two" }, { "name": "top" } ]
                """)).extracting(ConfigProblem::path).containsExactly("Dhcp4/option-data[2]");
    }

    // ---- vendor-4491 and option 125 ----

    @Test
    void vendorSubOptionsStayApartFromTheirOption125() throws ConfigException {
        ServerConfig config = load("""
                "option-data": [ { "name": "vivso-suboptions", "data": "4491" },
                                 { "name": "tftp-servers", "space": "vendor-4491", "data": "10.1.1.202, 10.1.1.203", "always-send": true } ]
                """).config();

        assertThat(hexOf(config.globalOptions(), 125)).isEqualTo("0000118b00");
        assertThat(config.globalOptions()).filteredOn(o -> !o.topLevel()).singleElement().satisfies(tftp -> {
            assertThat(tftp.vendorId()).hasValue(4491);
            assertThat(tftp.code()).isEqualTo(2);
            assertThat(tftp.value()).containsExactly(10, 1, 1, 202, 10, 1, 1, 203);
            assertThat(tftp.alwaysSend()).isTrue();
        });
    }

    @Test
    void debiansStockConfigurationLoadsItsOptionsWithoutErrors() throws Exception {
        Path shipped = Path.of("/etc/kea/kea-dhcp4.conf");
        assumeTrue(Files.isReadable(shipped), "Debian's kea-dhcp4-server package is not installed");
        // Client classes are not this test's business (they are refused elsewhere until they are implemented).
        KeaConfigReader.Document document = new KeaConfigReader().readAll(Files.readString(shipped, StandardCharsets.UTF_8), "stock");
        ObjectNode dhcp4 = ((ObjectNode) document.dhcp4()).deepCopy();
        dhcp4.remove("client-classes");
        ObjectMapper json = new ObjectMapper();

        ServerConfigLoader.Loaded loaded = loader.load(json.writeValueAsString(json.createObjectNode().set("Dhcp4", dhcp4)), "stock");

        assertThat(loaded.warnings()).noneMatch(w -> w.path().contains("option-data"));
        ServerConfig config = loaded.config();
        assertThat(hexOf(config.globalOptions(), 6)).isEqualTo("c0000201c0000202");
        assertThat(hexOf(config.globalOptions(), 15)).isEqualTo(HexFormat.of().formatHex("example.org".getBytes(StandardCharsets.US_ASCII)));
        assertThat(hexOf(config.globalOptions(), 119)).isEqualTo("086d79646f6d61696e076578616d706c6503636f6d00076578616d706c6503636f6d00");
        assertThat(new String(config.globalOptions().stream().filter(o -> o.code() == 67).findFirst().orElseThrow().value(), StandardCharsets.US_ASCII))
                .isEqualTo("EST5EDT4,M3.2.0/02:00,M11.1.0/02:00");
        assertThat(hexOf(config.globalOptions(), 23)).isEqualTo("f0");
        List<ConfiguredOption> cableModem = config.subnets().getFirst().reservations().stream()
                .filter(r -> r.address().map(a -> a.toString().equals("192.0.2.204")).orElse(false)).findFirst().orElseThrow().options();
        assertThat(hexOf(cableModem, 125)).isEqualTo("0000118b00");
        assertThat(cableModem).filteredOn(o -> !o.topLevel()).singleElement().satisfies(tftp -> {
            assertThat(tftp.space()).isEqualTo("vendor-4491");
            assertThat(HexFormat.of().formatHex(tftp.value())).isEqualTo("0a0101ca0a0101cb");
        });
    }
}
