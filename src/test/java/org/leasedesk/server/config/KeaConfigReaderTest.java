package org.leasedesk.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leasedesk.server.config.ConfigProblem.Severity;

class KeaConfigReaderTest {

    private final KeaConfigReader reader = new KeaConfigReader();

    private static final String MINIMAL = """
            // A small office network, as an admin writes it for Kea.
            {
              "Dhcp4": {
                "interfaces-config": { "interfaces": [ "eth0" ] },
                # Kea accepts shell-style comments too
                "valid-lifetime": 3600,
                /* and block comments */
                "subnet4": [
                  {
                    "id": 1,
                    "subnet": "192.0.2.0/24",
                    "pools": [ { "pool": "192.0.2.10 - 192.0.2.200" }, ],
                    "option-data": [ { "name": "routers", "data": "192.0.2.1" } ],
                  }
                ],
              }
            }
            """;

    private List<ConfigProblem> errorsOf(String json) {
        try {
            reader.read(json, "test.conf");
        } catch (ConfigException e) {
            return e.problems().stream().filter(p -> p.severity() == Severity.ERROR).toList();
        }
        throw new AssertionError("expected the configuration to be refused");
    }

    @Test
    void acceptsKeaStyleCommentsAndTrailingCommas() throws ConfigException {
        KeaConfigReader.Document document = reader.read(MINIMAL, "test.conf");

        assertThat(document.warnings()).isEmpty();
        assertThat(document.dhcp4().at("/subnet4/0/pools/0/pool").asText()).isEqualTo("192.0.2.10 - 192.0.2.200");
    }

    @Test
    void keysWithoutEffectLoadWithOneWarningEachNamingThePath() throws ConfigException {
        KeaConfigReader.Document document = reader.read("""
                { "Dhcp4": {
                    "loggers": [ { "name": "kea-dhcp4", "severity": "INFO" } ],
                    "control-socket": { "socket-type": "unix", "socket-name": "/run/kea/kea4-ctrl-socket" },
                    "lease-database": { "type": "memfile", "lfc-interval": 3600 },
                    "multi-threading": { "enable-multi-threading": true },
                    "interfaces-config": { "interfaces": [], "dhcp-socket-type": "raw" }
                } }
                """, "test.conf");

        assertThat(document.warnings()).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                "Dhcp4/loggers", "Dhcp4/control-socket", "Dhcp4/lease-database/lfc-interval",
                "Dhcp4/multi-threading", "Dhcp4/interfaces-config/dhcp-socket-type");
        assertThat(document.warnings()).allSatisfy(w -> assertThat(w.message()).startsWith("accepted but has no effect: "));
    }

    @Test
    void keysThatWouldChangeWhatIsHandedOutAreRefusedByPath() {
        List<ConfigProblem> errors = errorsOf("""
                { "Dhcp4": {
                    "client-classes": [ { "name": "phones", "test": "substring(option[60].hex,0,6) == 'Aastra'" } ],
                    "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "client-class": "phones" } ]
                } }
                """);

        assertThat(errors).extracting(ConfigProblem::path)
                .containsExactly("Dhcp4/client-classes", "Dhcp4/subnet4[0]/client-class");
        assertThat(errors.get(0).message()).contains("client classes are not supported yet");
    }

    @Test
    void refusedKeysWithEmptyValuesAreHarmless() throws ConfigException {
        KeaConfigReader.Document document = reader.read("""
                { "Dhcp4": { "client-classes": [], "shared-networks": [], "hooks-libraries": [],
                             "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "client-class": "" } ] } }
                """, "test.conf");

        assertThat(document.warnings()).isEmpty();
    }

    @Test
    void unknownKeyIsAnErrorNamingItsFullPath() {
        List<ConfigProblem> errors = errorsOf("""
                { "Dhcp4": { "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "poool": "x" } ] } ] } }
                """);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("Dhcp4/subnet4[0]/pools[0]/poool");
            assertThat(error.message()).contains("unknown key in a pool");
        });
    }

    @Test
    void valueOfTheWrongTypeIsAnErrorSayingWhatWasExpected() {
        List<ConfigProblem> errors = errorsOf("""
                { "Dhcp4": { "valid-lifetime": "one hour", "renew-timer": -5, "rebind-timer": 4294967296,
                             "authoritative": "yes" } }
                """);

        assertThat(errors).extracting(ConfigProblem::toString).containsExactly(
                "error at Dhcp4/valid-lifetime: expected a whole number from 0 to 4294967295, found the string \"one hour\"",
                "error at Dhcp4/renew-timer: expected a whole number from 0 to 4294967295, found -5",
                "error at Dhcp4/rebind-timer: expected a whole number from 0 to 4294967295, found 4294967296",
                "error at Dhcp4/authoritative: expected true or false, found the string \"yes\"");
    }

    @Test
    void everyErrorIsReportedInOnePassWithTheWarnings() {
        assertThatThrownBy(() -> reader.read("""
                { "Dhcp4": { "loggers": [], "hooks-libraries": [ { "library": "x.so" } ], "no-such-key": 1 } }
                """, "office.conf"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("office.conf: 2 errors, nothing applied")
                .hasMessageContaining("error at Dhcp4/hooks-libraries")
                .hasMessageContaining("error at Dhcp4/no-such-key")
                .hasMessageContaining("warning at Dhcp4/loggers");
    }

    @Test
    void duplicateKeyIsRefusedBecauseOneValueWouldBeLost() {
        List<ConfigProblem> errors = errorsOf("""
                { "Dhcp4": {
                    "valid-lifetime": 3600,
                    "valid-lifetime": 7200 } }
                """);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("line 3, column 21");
            assertThat(error.message()).contains("Duplicate field 'valid-lifetime'");
        });
    }

    @Test
    void brokenJsonIsAnErrorWithItsLineAndColumn() {
        List<ConfigProblem> errors = errorsOf("{ \"Dhcp4\": {\n  \"valid-lifetime\": 3600\n  \"renew-timer\": 900 } }");

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.path()).startsWith("line 3, column ");
            assertThat(error.message()).startsWith("not valid JSON: ");
        });
    }

    @Test
    void fileWithoutADhcp4SectionIsRefused() {
        assertThat(errorsOf("{ \"Dhcp6\": {} }")).extracting(ConfigProblem::message)
                .containsExactly("there is no \"Dhcp4\" section");
    }

    @Test
    void debiansShippedKeaConfigurationIsRefusedForTheFeaturesItUses() throws Exception {
        Path shipped = Path.of("/etc/kea/kea-dhcp4.conf");
        assumeTrue(Files.isReadable(shipped), "Debian's kea-dhcp4-server package is not installed");

        assertThatThrownBy(() -> reader.read(shipped))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).filteredOn(p -> p.severity() == Severity.ERROR)
                            .extracting(ConfigProblem::path)
                            .contains("Dhcp4/client-classes")
                            .noneSatisfy(path -> assertThat(path).endsWith("/duid"));
                    assertThat(e.problems()).filteredOn(p -> p.severity() == Severity.WARNING)
                            .extracting(ConfigProblem::path)
                            .contains("Dhcp4/loggers", "Dhcp4/control-socket", "Dhcp4/lease-database/lfc-interval");
                });
    }
}
