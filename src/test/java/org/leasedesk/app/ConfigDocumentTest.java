package org.leasedesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.leasedesk.app.ConfigDocument.ReservationEntry;
import org.leasedesk.app.ConfigDocument.SubnetField;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.HostIdentifier;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.Octets;
import org.leasedesk.lease.RelayInfo;
import org.leasedesk.testing.LoopbackClients;

class ConfigDocumentTest {

    @TempDir
    Path directory;

    private Path write(String text) throws Exception {
        return Files.writeString(directory.resolve("kea-dhcp4.conf"), text);
    }

    @Test
    void readsSubnetsPoolsReservationsOptionsAndLeaseTimes() throws Exception {
        ConfigDocument document = ConfigDocument.read(write("""
                { "Dhcp4": { "option-data": [ { "name": "domain-name-servers", "data": "192.0.2.53" } ],
                  "subnet4": [ { "subnet": "192.0.2.0/24", "valid-lifetime": 900, "renew-timer": 450,
                    "pools": [ { "pool": "192.0.2.10 - 192.0.2.20" }, { "pool": "192.0.2.64/26" } ],
                    "reservations": [ { "client-id": "01:aa:bb", "ip-address": "192.0.2.5", "hostname": "nas" } ],
                    "option-data": [ { "code": 3, "data": "192.0.2.1" } ] } ] } }"""));

        ConfigDocument.SubnetEntry subnet = document.subnets().get(0);

        assertThat(subnet.id()).as("the loader's automatic id").isEqualTo(1);
        assertThat(subnet.pools()).containsExactly("192.0.2.10 - 192.0.2.20", "192.0.2.64/26");
        assertThat(subnet.validLifetime()).isEqualTo("900");
        assertThat(subnet.rebindTimer()).isEmpty();
        assertThat(subnet.reservations()).containsExactly(new ConfigDocument.ReservationEntry(HostIdentifier.Type.CLIENT_ID, "01:aa:bb", "192.0.2.5", "nas"));
        assertThat(subnet.options()).containsExactly(new ConfigDocument.OptionEntry("3", "192.0.2.1", false));
        assertThat(document.globalOptions()).extracting(ConfigDocument.OptionEntry::name).containsExactly("domain-name-servers");
    }

    /** One value of each identifier type, as an admin writes it in the file. */
    private static final Map<HostIdentifier.Type, String> VALUES = Map.of(
            HostIdentifier.Type.HW_ADDRESS, "00:00:5e:00:53:42",
            HostIdentifier.Type.CLIENT_ID, "01:00:00:5e:00:53:42",
            HostIdentifier.Type.DUID, "00:03:00:01:00:00:5e:00:53:42",
            HostIdentifier.Type.CIRCUIT_ID, "'port-7'",
            HostIdentifier.Type.FLEX_ID, "'s0'");

    private static String reservationFile(String identifierKey, String value) {
        return """
                { "Dhcp4": { "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.41" } ],
                    "reservations": [ { "%s": "%s", "ip-address": "192.0.2.5", "hostname": "nas",
                                        "boot-file-name": "pxelinux.0", "option-data": [ { "name": "routers", "data": "192.0.2.1" } ] } ]
                } ] } }""".formatted(identifierKey, value);
    }

    private static JsonNode reservationNode(ConfigDocument document) throws Exception {
        return JsonMapper.builder().build().readTree(document.toJson()).at("/Dhcp4/subnet4/0/reservations/0");
    }

    private static List<String> keysOf(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @ParameterizedTest
    @EnumSource(HostIdentifier.Type.class)
    void aReservationIsReadAndWrittenBackUnderItsIdentifierKeyKeepingItsOtherKeys(HostIdentifier.Type type) throws Exception {
        String value = VALUES.get(type);
        ConfigDocument document = ConfigDocument.read(write(reservationFile(type.keaName(), value)));
        assertThat(document.subnets().get(0).reservations()).containsExactly(new ReservationEntry(type, value, "192.0.2.5", "nas"));

        document.setReservation(0, 0, new ReservationEntry(type, value, "192.0.2.6", "nas"));

        JsonNode written = reservationNode(document);
        assertThat(keysOf(written)).containsExactly(type.keaName(), "ip-address", "hostname", "boot-file-name", "option-data");
        assertThat(written.get(type.keaName()).asText()).isEqualTo(value);
        assertThat(written.at("/option-data/0/data").asText()).isEqualTo("192.0.2.1");
        assertThat(ConfigDocument.read(write(document.toJson())).subnets().get(0).reservations())
                .containsExactly(new ReservationEntry(type, value, "192.0.2.6", "nas"));
        List<ConfigIssue> issues = document.check();
        assertThat(issues).noneMatch(ConfigIssue::error);
        if (type == HostIdentifier.Type.FLEX_ID) {
            assertThat(issues).anyMatch(issue -> issue.concerns(ConfigDocument.pathOfReservation(0, 0)) && issue.message().contains("flex_id hook"));
        }
    }

    @Test
    void anIdentifierOfAnotherTypeReplacesTheOldKeyAndAWrongValueIsNamedByItsPath() throws Exception {
        ConfigDocument document = ConfigDocument.read(write(reservationFile("hw-address", "00:00:5e:00:53:42")));

        document.setReservation(0, 0, new ReservationEntry(HostIdentifier.Type.DUID, "not hex", "192.0.2.5", "nas"));

        assertThat(keysOf(reservationNode(document))).containsExactly("ip-address", "hostname", "boot-file-name", "option-data", "duid");
        assertThat(document.check()).filteredOn(ConfigIssue::error).extracting(ConfigIssue::path)
                .containsExactly("Dhcp4/subnet4[0]/reservations[0]/duid");
        document.setReservation(0, 0, new ReservationEntry(HostIdentifier.Type.DUID, "00:03:00:01:00:00:5e:00:53:42", "192.0.2.5", "nas"));
        assertThat(document.check()).noneMatch(ConfigIssue::error);
    }

    private static final String CLIENT_ID = "01:00:00:5e:00:53:42";

    /** A file whose server tries identifiers in {@code order}, or in Kea's default order when none is given. */
    private ConfigDocument orderedFile(String... order) throws Exception {
        String identifiers = order.length == 0 ? ""
                : "\"host-reservation-identifiers\": [ \"" + String.join("\", \"", order) + "\" ],";
        return ConfigDocument.read(write("""
                { "Dhcp4": { %s "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24",
                                               "pools": [ { "pool": "192.0.2.10 - 192.0.2.41" } ] } ] } }""".formatted(identifiers)));
    }

    private static Lease lease(String clientId, RelayInfo relay) {
        return Lease.granted(Ipv4Address.parse("192.0.2.10"), HardwareAddress.parseMac("00:00:5e:00:53:42"),
                clientId.isEmpty() ? Octets.EMPTY : Octets.parseHex(clientId), "laptop", 1, 1, Instant.parse("2024-05-01T10:00:00Z"),
                Duration.ofMinutes(10), relay);
    }

    private static RelayInfo relayedOn(String circuitId) {
        return new RelayInfo(Ipv4Address.parse("192.0.2.1"), Octets.of(circuitId.getBytes(StandardCharsets.US_ASCII)), Octets.EMPTY);
    }

    @Test
    void aClientSendingOption61IsReservedByItsHardwareAddressInKeasDefaultOrder() throws Exception {
        ConfigDocument document = orderedFile();

        ReservationMatch match = document.reserve(lease(CLIENT_ID, RelayInfo.NONE));

        assertThat(document.subnets().get(0).reservations()).containsExactly(
                new ReservationEntry(HostIdentifier.Type.HW_ADDRESS, "00:00:5e:00:53:42", "192.0.2.10", "laptop"));
        assertThat(match.sentence()).isEqualTo("This client presents hw-address 00:00:5e:00:53:42 and client-id 01:00:00:5e:00:53:42;"
                + " the server tries hw-address first, so a reservation by hw-address matches it.");
        assertThat(document.check()).noneMatch(ConfigIssue::error);
    }

    @Test
    void aFileThatOrdersClientIdFirstReservesByClientId() throws Exception {
        ConfigDocument document = orderedFile("client-id", "hw-address");

        ReservationMatch match = document.reserve(lease(CLIENT_ID, RelayInfo.NONE));

        assertThat(document.subnets().get(0).reservations()).containsExactly(
                new ReservationEntry(HostIdentifier.Type.CLIENT_ID, CLIENT_ID, "192.0.2.10", "laptop"));
        assertThat(match.sentence()).isEqualTo("This client presents client-id 01:00:00:5e:00:53:42 and hw-address 00:00:5e:00:53:42;"
                + " the server tries client-id first, so a reservation by client-id matches it.");
        assertThat(document.check()).noneMatch(ConfigIssue::error);
    }

    @Test
    void aRelayedClientIsReservedByItsCircuitIdWhenThatComesFirst() throws Exception {
        ConfigDocument document = orderedFile("circuit-id", "hw-address", "client-id");

        ReservationMatch match = document.reserve(lease(CLIENT_ID, relayedOn("port-7")));

        assertThat(document.subnets().get(0).reservations()).containsExactly(
                new ReservationEntry(HostIdentifier.Type.CIRCUIT_ID, "70:6f:72:74:2d:37", "192.0.2.10", "laptop"));
        assertThat(match.sentence()).startsWith("This client presents circuit-id 70:6f:72:74:2d:37, hw-address 00:00:5e:00:53:42"
                + " and client-id 01:00:00:5e:00:53:42; the server tries circuit-id first");
        assertThat(document.check()).noneMatch(ConfigIssue::error);
    }

    @Test
    void aClientNotRelayedFallsThroughTheCircuitIdToItsHardwareAddress() throws Exception {
        ConfigDocument document = orderedFile("circuit-id", "hw-address");

        ReservationMatch match = document.reserve(lease("", RelayInfo.NONE));

        assertThat(match.identifier()).map(HostIdentifier::type).contains(HostIdentifier.Type.HW_ADDRESS);
        assertThat(match.sentence()).isEqualTo("This client presents hw-address 00:00:5e:00:53:42; the server tries circuit-id first,"
                + " which this client does not present, then hw-address, so a reservation by hw-address matches it.");
    }

    @Test
    void theDuidIsTakenFromAClientIdOfType255WhenDuidComesFirst() throws Exception {
        ConfigDocument document = orderedFile("duid", "hw-address");

        document.reserve(lease("ff:00:00:00:01:00:03:00:01:00:00:5e:00:53:42", RelayInfo.NONE));

        assertThat(document.subnets().get(0).reservations()).extracting(ReservationEntry::type, ReservationEntry::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(HostIdentifier.Type.DUID, "00:03:00:01:00:00:5e:00:53:42"));
        assertThat(document.check()).noneMatch(ConfigIssue::error);
    }

    @Test
    void aClientPresentingNoneOfTheOrderedIdentifiersIsNotReservedAndTheSentenceSaysWhy() throws Exception {
        ConfigDocument document = orderedFile("flex-id");

        assertThatThrownBy(() -> document.reserve(lease(CLIENT_ID, RelayInfo.NONE))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("the server tries only flex-id, so no reservation can match it.");
        assertThat(document.subnets().get(0).reservations()).isEmpty();
    }

    @Test
    void aBadEditIsNamedByItsPathAndChangesNeitherFileNorServer() throws Exception {
        Path file = write(LeaseAdministrationTest.CONFIG);
        withLabServer(file, workbench -> {
            ConfigDocument document = ConfigDocument.read(file);
            document.setPool(0, 0, "10.0.0.1 - 10.0.0.5");
            document.set(0, SubnetField.VALID_LIFETIME, "an hour");

            ConfigDocument.Applied applied = document.applyAndSave(workbench);

            assertThat(applied.saved()).isFalse();
            assertThat(applied.issues()).filteredOn(ConfigIssue::error).extracting(ConfigIssue::path)
                    .contains("Dhcp4/subnet4[0]/pools[0]/pool", "Dhcp4/subnet4[0]/valid-lifetime");
            assertThat(applied.issues()).anyMatch(issue -> issue.concerns(ConfigDocument.pathOfPool(0, 0)));
            assertThat(Files.readString(file)).isEqualTo(LeaseAdministrationTest.CONFIG);
            assertThat(workbench.server().orElseThrow().configuration().get(5, TimeUnit.SECONDS).subnets().get(0).pools().get(0)
                    .pool().toString()).contains("192.0.2.10");
        });
    }

    @Test
    void aGoodEditIsSavedKeepingUnknownKeysAndAppliedToTheRunningServer() throws Exception {
        Path file = write(LeaseAdministrationTest.CONFIG);
        withLabServer(file, workbench -> {
            ConfigDocument document = ConfigDocument.read(file);
            document.setPool(0, 0, "192.0.2.100 - 192.0.2.149");
            document.addPool(0, "192.0.2.200 - 192.0.2.209");
            document.set(0, SubnetField.VALID_LIFETIME, "1200");
            document.addOption(0, new ConfigDocument.OptionEntry("routers", "192.0.2.1", false));

            ConfigDocument.Applied applied = document.applyAndSave(workbench);

            assertThat(applied.saved()).isTrue();
            assertThat(applied.reloaded()).isTrue();
            var running = workbench.server().orElseThrow().configuration().get(5, TimeUnit.SECONDS).subnets().get(0);
            assertThat(running.pools()).extracting(pool -> pool.pool().range().toString())
                    .containsExactly("192.0.2.100 - 192.0.2.149", "192.0.2.200 - 192.0.2.209");
            assertThat(running.lifetimes().valid()).isEqualTo(1200);
            ConfigDocument reread = ConfigDocument.read(file);
            assertThat(reread.subnets().get(0).validLifetime()).isEqualTo("1200");
            assertThat(Files.readString(file)).contains("\"server-tag\" : \"kept as it was\"", "\"user-context\"");
            assertThat(Files.list(directory)).noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
        });
    }

    @Test
    void globalLeaseTimesAndOptionsAreEditedAndAppliedToEverySubnetWithoutItsOwn() throws Exception {
        Path file = write(LeaseAdministrationTest.CONFIG);
        withLabServer(file, workbench -> {
            ConfigDocument document = ConfigDocument.read(file);
            assertThat(document.globalText(SubnetField.VALID_LIFETIME)).isEqualTo("600");
            document.setGlobal(SubnetField.VALID_LIFETIME, "3600");
            document.setGlobal(SubnetField.RENEW_TIMER, "900");
            document.addGlobalOption(new ConfigDocument.OptionEntry("domain-name-servers", "192.0.2.53", false));
            document.addGlobalOption(new ConfigDocument.OptionEntry("routers", "192.0.2.1", false));
            document.setGlobalOption(1, new ConfigDocument.OptionEntry("3", "192.0.2.254", false));
            document.removeGlobalOption(0);

            ConfigDocument.Applied applied = document.applyAndSave(workbench);

            assertThat(applied.saved()).isTrue();
            assertThat(applied.reloaded()).isTrue();
            var running = workbench.server().orElseThrow().configuration().get(5, TimeUnit.SECONDS).subnets().get(0);
            assertThat(running.lifetimes().valid()).isEqualTo(3600);
            ConfigDocument reread = ConfigDocument.read(file);
            assertThat(reread.globalText(SubnetField.RENEW_TIMER)).isEqualTo("900");
            assertThat(reread.globalText(SubnetField.REBIND_TIMER)).isEmpty();
            assertThat(reread.globalOptions()).containsExactly(new ConfigDocument.OptionEntry("3", "192.0.2.254", false));
        });
    }

    @Test
    void aGlobalLeaseTimeThatIsNotANumberIsNamedByItsPath() throws Exception {
        ConfigDocument document = ConfigDocument.read(write(LeaseAdministrationTest.CONFIG));

        document.setGlobal(SubnetField.REBIND_TIMER, "soon");

        assertThat(document.check()).filteredOn(ConfigIssue::error)
                .anyMatch(issue -> issue.concerns(ConfigDocument.pathOfGlobal(SubnetField.REBIND_TIMER)));
        assertThatThrownBy(() -> document.setGlobal(SubnetField.SUBNET, "192.0.2.0/24")).hasMessageContaining("per subnet only");
    }

    @Test
    void anAddedSubnetIsServedAndARemovedOneIsNot() throws Exception {
        Path file = write(LeaseAdministrationTest.CONFIG);
        withLabServer(file, workbench -> {
            ConfigDocument document = ConfigDocument.read(file);
            assertThat(document.nextSubnetId()).isEqualTo(8);
            int added = document.addSubnet(document.nextSubnetId(), "198.51.100.0/24", "198.51.100.10 - 198.51.100.20");
            assertThat(added).as("its index").isEqualTo(1);

            assertThat(document.applyAndSave(workbench).saved()).isTrue();
            assertThat(workbench.server().orElseThrow().configuration().get(5, TimeUnit.SECONDS).subnets())
                    .extracting(subnet -> subnet.id()).containsExactly(7L, 8L);

            document.removeSubnet(0);
            assertThat(document.applyAndSave(workbench).reloaded()).isTrue();
            assertThat(workbench.server().orElseThrow().configuration().get(5, TimeUnit.SECONDS).subnets())
                    .extracting(subnet -> subnet.id()).containsExactly(8L);
        });
    }

    @Test
    void savingAFileWithCommentsKeepsTheCommentedFileBesideIt() throws Exception {
        Path file = write(LeaseAdministrationTest.CONFIG);
        withLabServer(file, workbench -> {
            ConfigDocument document = ConfigDocument.read(file);
            assertThat(document.commented()).isTrue();
            document.set(0, SubnetField.VALID_LIFETIME, "1200");

            ConfigDocument.Applied first = document.applyAndSave(workbench);

            assertThat(first.commentedOriginal()).contains(directory.resolve("kea-dhcp4.conf.orig"));
            assertThat(Files.readString(directory.resolve("kea-dhcp4.conf.orig"))).isEqualTo(LeaseAdministrationTest.CONFIG);
            assertThat(Files.readString(file)).doesNotContain("a comment");
            // The saved file has no comments left to keep: a second save copies nothing.
            assertThat(document.applyAndSave(workbench).commentedOriginal()).isEmpty();
            assertThat(ConfigDocument.read(file).commented()).isFalse();
        });
    }

    @Test
    void commentsAreFoundOutsideStringsOnly() {
        assertThat(ConfigDocument.hasComments("{ \"a\": 1 } # yaml style")).isTrue();
        assertThat(ConfigDocument.hasComments("{ /* c style */ \"a\": 1 }")).isTrue();
        assertThat(ConfigDocument.hasComments("{ \"url\": \"http://example.org/#top\", \"q\": \"say \\\"//\\\"\" }")).isFalse();
    }

    private interface WithWorkbench {
        void run(Workbench workbench) throws Exception;
    }

    /** Runs {@code test} with a lab server serving {@code file} on loopback. */
    private void withLabServer(Path file, WithWorkbench test) throws Exception {
        try (Workbench workbench = Workbench.open(directory.resolve("leases"), Clock.systemUTC());
                LoopbackClients clients = LoopbackClients.open()) {
            workbench.start(clients.labRequest(file), true).get(10, TimeUnit.SECONDS);
            test.run(workbench);
        }
    }
}
