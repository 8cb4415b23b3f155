package org.leasedesk.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.HostIdentifier;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Octets;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.server.config.ConfigProblem.Severity;
import org.leasedesk.server.config.ServerConfig.SubnetConfig;

class ServerConfigLoaderTest {

    private final ServerConfigLoader loader = new ServerConfigLoader(OptionRegistry.standard());

    private static final String OFFICE = """
            {
              "Dhcp4": {
                "interfaces-config": { "interfaces": [ "eth1" ] },
                "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
                "next-server": "192.0.2.5", "boot-file-name": "pxelinux.0",
                "lease-database": { "type": "memfile", "lfc-interval": 3600 },
                "option-data": [ { "name": "domain-name-servers", "data": "192.0.2.1, 192.0.2.2" } ],
                "subnet4": [
                  {
                    "id": 10, "subnet": "192.0.2.0/24",
                    "pools": [ { "pool": "192.0.2.10 - 192.0.2.100" }, { "pool": "192.0.2.128/26" } ],
                    "relay": { "ip-addresses": [ "198.51.100.1" ] },
                    "option-data": [ { "name": "routers", "data": "192.0.2.1", "always-send": true } ],
                    "reservations": [
                      { "hw-address": "AA-BB-CC-DD-EE-FF", "ip-address": "192.0.2.200", "hostname": "printer" },
                      { "client-id": "'camera-1'", "ip-address": "192.0.2.201" }
                    ]
                  },
                  { "id": 20, "subnet": "198.51.100.0/24", "valid-lifetime": 600, "boot-file-name": "other.efi",
                    "pools": [ { "pool": "198.51.100.10 - 198.51.100.20" } ] }
                ]
              }
            }
            """;

    private List<ConfigProblem> errorsOf(String json) {
        try {
            loader.load(json, "test.conf");
        } catch (ConfigException e) {
            return e.problems().stream().filter(p -> p.severity() == Severity.ERROR).toList();
        }
        throw new AssertionError("expected the configuration to be refused");
    }

    private static String subnets(String subnetArray) {
        return "{ \"Dhcp4\": { \"subnet4\": " + subnetArray + " } }";
    }

    @Test
    void loadsAnOfficeConfigurationWithInheritedValues() throws ConfigException {
        ServerConfigLoader.Loaded loaded = loader.load(OFFICE, "office.conf");
        ServerConfig config = loaded.config();

        assertThat(config.interfaces()).containsExactly("eth1");
        assertThat(config.globalOptions()).singleElement().satisfies(option -> {
            assertThat(option.option().code()).isEqualTo(6);
            assertThat(option.option().value()).containsExactly(192, 0, 2, 1, 192, 0, 2, 2);
        });
        SubnetConfig office = config.subnets().get(0);
        assertThat(office.id()).isEqualTo(10);
        assertThat(office.pools()).extracting(pool -> pool.pool().range().toString())
                .containsExactly("192.0.2.10 - 192.0.2.100", "192.0.2.128 - 192.0.2.191");
        assertThat(office.relayAddresses()).containsExactly(Ipv4Address.parse("198.51.100.1"));
        assertThat(office.options()).singleElement().satisfies(option -> assertThat(option.alwaysSend()).isTrue());
        assertThat(office.lifetimes().valid()).isEqualTo(4000);
        assertThat(office.lifetimes().renew()).isEqualTo(OptionalLong.of(1000));
        assertThat(office.boot().nextServer()).contains(Ipv4Address.parse("192.0.2.5"));
        assertThat(office.boot().bootFileName()).isEqualTo("pxelinux.0");
        assertThat(office.reservations()).extracting(ServerConfig.Reservation::identifier).containsExactly(
                new HostIdentifier(HostIdentifier.Type.HW_ADDRESS, HardwareAddress.parseMac("aa:bb:cc:dd:ee:ff").address()),
                new HostIdentifier(HostIdentifier.Type.CLIENT_ID, Octets.of("camera-1".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertThat(office.reservations().get(0).hostname()).contains("printer");

        SubnetConfig lab = config.subnets().get(1);
        assertThat(lab.lifetimes().valid()).as("the subnet's own lifetime").isEqualTo(600);
        assertThat(lab.lifetimes().max()).as("bounded by its own lifetime").isEqualTo(600);
        assertThat(lab.boot().bootFileName()).isEqualTo("other.efi");
        assertThat(lab.boot().nextServer()).as("inherited").contains(Ipv4Address.parse("192.0.2.5"));
        assertThat(lab.lifetimes().rebind()).as("the global rebind timer does not fit 600 s").isEmpty();
        assertThat(lab.lifetimes().renew()).as("the global renew timer does not fit 600 s").isEmpty();

        assertThat(config.declineProbation()).isEqualTo(Duration.ofDays(1));
        assertThat(loaded.warnings()).extracting(ConfigProblem::path)
                .containsExactlyInAnyOrder("Dhcp4/lease-database/lfc-interval", "Dhcp4/lease-database/type",
                        "Dhcp4/subnet4[1]", "Dhcp4/subnet4[1]");
    }

    @Test
    void overlappingSubnetsAreRefusedNamingBoth() {
        assertThat(errorsOf(subnets("""
                [ { "id": 1, "subnet": "192.0.2.0/24" }, { "id": 2, "subnet": "198.51.100.0/24" },
                  { "id": 3, "subnet": "192.0.2.128/25" } ]""")))
                .extracting(ConfigProblem::toString)
                .containsExactly("error at Dhcp4/subnet4[2]/subnet: subnet 192.0.2.128 - 192.0.2.255 overlaps subnet "
                        + "192.0.2.0 - 192.0.2.255 at Dhcp4/subnet4[0]/subnet");
    }

    @Test
    void duplicateSubnetIdsAreRefused() {
        assertThat(errorsOf(subnets("[ { \"id\": 7, \"subnet\": \"192.0.2.0/24\" }, { \"id\": 7, \"subnet\": \"198.51.100.0/24\" } ]")))
                .extracting(ConfigProblem::path).containsExactly("Dhcp4/subnet4[1]/id");
    }

    @Test
    void poolsOutsideTheirSubnetOrOverlappingAreRefused() {
        List<ConfigProblem> errors = errorsOf(subnets("""
                [ { "id": 1, "subnet": "192.0.2.0/24",
                    "pools": [ { "pool": "192.0.2.10 - 192.0.2.50" }, { "pool": "192.0.2.40 - 192.0.2.60" },
                               { "pool": "192.0.3.1 - 192.0.3.9" } ] } ]"""));

        assertThat(errors).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                "Dhcp4/subnet4[0]/pools[1]/pool", "Dhcp4/subnet4[0]/pools[2]/pool");
        assertThat(errors).extracting(ConfigProblem::message)
                .anySatisfy(m -> assertThat(m).isEqualTo("pool 192.0.3.1 - 192.0.3.9 is not inside subnet 192.0.2.0/24"))
                .anySatisfy(m -> assertThat(m).startsWith("pool 192.0.2.40 - 192.0.2.60 overlaps pool 192.0.2.10 - 192.0.2.50"));
    }

    @Test
    void collidingReservationsAreRefused() {
        List<ConfigProblem> errors = errorsOf(subnets("""
                [ { "id": 1, "subnet": "192.0.2.0/24", "reservations": [
                    { "hw-address": "aa:bb:cc:dd:ee:01", "ip-address": "192.0.2.20" },
                    { "hw-address": "aa:bb:cc:dd:ee:02", "ip-address": "192.0.2.20" },
                    { "hw-address": "aabb.ccdd.ee01", "ip-address": "192.0.2.21" },
                    { "hw-address": "aa:bb:cc:dd:ee:03", "ip-address": "198.51.100.7" },
                    { "ip-address": "192.0.2.22" } ] } ]"""));

        assertThat(errors).extracting(ConfigProblem::toString).containsExactly(
                "error at Dhcp4/subnet4[0]/reservations[1]/ip-address: 192.0.2.20 is already reserved at Dhcp4/subnet4[0]/reservations[0]",
                "error at Dhcp4/subnet4[0]/reservations[2]: client hw-address=aa:bb:cc:dd:ee:01 already has a reservation at Dhcp4/subnet4[0]/reservations[0]",
                "error at Dhcp4/subnet4[0]/reservations[3]/ip-address: reserved address 198.51.100.7 is outside subnet 192.0.2.0/24",
                "error at Dhcp4/subnet4[0]/reservations[4]: a reservation needs one of hw-address, client-id, duid, circuit-id or flex-id"
                        + " to know whose it is");
    }

    @Test
    void badAddressesAreRefusedSayingWhatWasExpected() {
        List<ConfigProblem> errors = errorsOf(subnets("""
                [ { "id": 1, "subnet": "192.0.2.0/33", "pools": [ { "pool": "192.0.2.10 - 192.0.2.300" } ] },
                  { "id": 2, "subnet": "198.51.100.0/24", "relay": { "ip-addresses": [ "relay-1" ] } } ]"""));

        assertThat(errors).extracting(ConfigProblem::path)
                .containsExactly("Dhcp4/subnet4[0]/subnet", "Dhcp4/subnet4[1]/relay/ip-addresses[0]");
        assertThat(errors.get(0).message()).startsWith("\"192.0.2.0/33\" is not a subnet such as 192.0.2.0/24");
    }

    @Test
    void optionDataProblemsAreRefusedByPath() {
        List<ConfigProblem> errors = errorsOf("""
                { "Dhcp4": { "option-data": [
                    { "name": "no-such-option", "data": "1" },
                    { "name": "routers", "code": 6, "data": "192.0.2.1" },
                    { "name": "routers", "data": "gateway" },
                    { "code": 224, "data": "private" },
                    { "name": "domain-name", "data": "example.org", "space": "vendor-4491" },
                    { "name": "domain-name", "data": "example.org" },
                    { "code": 15, "data": "example.net" } ] } }
                """);

        assertThat(errors).extracting(ConfigProblem::path).containsExactly(
                "Dhcp4/option-data[0]/name", "Dhcp4/option-data[1]/code", "Dhcp4/option-data[2]/data",
                "Dhcp4/option-data[3]", "Dhcp4/option-data[4]/space", "Dhcp4/option-data[6]");
        assertThat(errors.get(1).message()).isEqualTo("code 6 does not match \"routers\", which is option 3");
        assertThat(errors.get(5).message()).isEqualTo("domain-name is already set at Dhcp4/option-data[5]");
    }

    @Test
    void optionWithoutDefinitionIsAcceptedAsHex() throws ConfigException {
        ServerConfig config = loader.load("""
                { "Dhcp4": { "option-data": [ { "code": 224, "csv-format": false, "data": "0x0A:0b 0C" } ] } }
                """, "test.conf").config();

        assertThat(config.globalOptions().get(0).option().value()).containsExactly(0x0a, 0x0b, 0x0c);
    }

    @Test
    void escapedCommasInOptionTextAreLiteralCommasAsInKea() throws ConfigException {
        ServerConfig config = loader.load("""
                { "Dhcp4": { "option-data": [ { "name": "boot-file-name", "data": "EST5EDT4\\\\,M3.2.0/02:00\\\\,M11.1.0/02:00" } ] } }
                """, "test.conf").config();

        assertThat(new String(config.globalOptions().get(0).option().value(), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("EST5EDT4,M3.2.0/02:00,M11.1.0/02:00");
    }

    @Test
    void inconsistentLifetimesAreRefused() {
        assertThat(errorsOf("""
                { "Dhcp4": { "valid-lifetime": 3600, "renew-timer": 2000, "rebind-timer": 1000,
                             "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "rebind-timer": 3600 } ] } }
                """)).extracting(ConfigProblem::path)
                .containsExactly("Dhcp4/renew-timer", "Dhcp4/subnet4[0]/rebind-timer");
    }

    @Test
    void subnetsWithoutIdGetFreeIdsAndAWarning() throws ConfigException {
        ServerConfigLoader.Loaded loaded = loader.load(subnets(
                "[ { \"subnet\": \"192.0.2.0/24\" }, { \"id\": 1, \"subnet\": \"198.51.100.0/24\" } ]"), "test.conf");

        assertThat(loaded.config().subnets()).extracting(SubnetConfig::id).containsExactly(2L, 1L);
        assertThat(loaded.warnings()).singleElement().satisfies(w -> assertThat(w.path()).isEqualTo("Dhcp4/subnet4[0]"));
    }

    @Test
    void unsupportedLeaseDatabaseIsRefused() {
        assertThat(errorsOf("{ \"Dhcp4\": { \"lease-database\": { \"type\": \"postgresql\", \"name\": \"kea\" } } }"))
                .extracting(ConfigProblem::path).containsExactly("Dhcp4/lease-database/type");
    }

    @Test
    void nothingButTheNameOfAnH2DatabaseIsTaken() throws ConfigException {
        ServerConfig config = loader.load(
                "{ \"Dhcp4\": { \"lease-database\": { \"type\": \"h2\", \"name\": \"/var/lib/leasedesk/leases\" } } }", "test.conf").config();

        assertThat(config.leaseDatabase().name()).isEqualTo(Optional.of("/var/lib/leasedesk/leases"));
    }

    @Test
    void reservationsNameTheirClientByAnyOfKeasIdentifiers() throws ConfigException {
        ServerConfigLoader.Loaded loaded = loader.load(subnets("""
                [ { "id": 1, "subnet": "192.0.2.0/24", "reservations": [
                    { "hw-address": "aa:bb:cc:dd:ee:01", "ip-address": "192.0.2.21" },
                    { "client-id": "01:aa:bb:cc:dd:ee:02", "ip-address": "192.0.2.22" },
                    { "duid": "00:03:00:01:aa:bb:cc:dd:ee:03", "ip-address": "192.0.2.23" },
                    { "circuit-id": "'gi0/1'", "ip-address": "192.0.2.24" },
                    { "flex-id": "'s0-p1'", "ip-address": "192.0.2.25" } ] } ]"""), "test.conf");

        assertThat(loaded.config().subnets().getFirst().reservations()).extracting(r -> r.identifier().toString()).containsExactly(
                "hw-address=aa:bb:cc:dd:ee:01", "client-id=01:aa:bb:cc:dd:ee:02", "duid=00:03:00:01:aa:bb:cc:dd:ee:03",
                "circuit-id=67:69:30:2f:31", "flex-id=73:30:2d:70:31");
        assertThat(loaded.warnings()).extracting(ConfigProblem::path).containsExactly("Dhcp4/subnet4[0]/reservations[4]/flex-id");
        assertThat(loaded.config().hostReservationIdentifiers()).as("Kea 2.2's default order").containsExactly(
                HostIdentifier.Type.HW_ADDRESS, HostIdentifier.Type.DUID, HostIdentifier.Type.CIRCUIT_ID, HostIdentifier.Type.CLIENT_ID);
    }

    @Test
    void hostReservationIdentifiersSetTheOrderAndRefuseWhatKeaDoesNotKnow() throws ConfigException {
        assertThat(loader.load("{ \"Dhcp4\": { \"host-reservation-identifiers\": [ \"client-id\", \"hw-address\" ] } }", "test.conf")
                .config().hostReservationIdentifiers()).containsExactly(HostIdentifier.Type.CLIENT_ID, HostIdentifier.Type.HW_ADDRESS);
        assertThat(errorsOf("{ \"Dhcp4\": { \"host-reservation-identifiers\": [ \"mac\", \"duid\", \"duid\" ] } }"))
                .extracting(ConfigProblem::path)
                .containsExactly("Dhcp4/host-reservation-identifiers[0]", "Dhcp4/host-reservation-identifiers[2]");
    }

    @Test
    void keysLeaseDeskCannotHonourAreRefusedOrSayTheyChangeNothing() throws ConfigException {
        assertThat(errorsOf("{ \"Dhcp4\": { \"lease-database\": { \"type\": \"memfile\", \"persist\": false } } }"))
                .extracting(ConfigProblem::path).containsExactly("Dhcp4/lease-database/persist");
        ServerConfigLoader.Loaded extendedInfo = loader.load("{ \"Dhcp4\": { \"store-extended-info\": true,"
                + " \"lease-database\": { \"type\": \"h2\", \"persist\": true } } }", "test.conf");
        assertThat(extendedInfo.warnings()).extracting(ConfigProblem::path).containsExactly("Dhcp4/store-extended-info");
    }

    @Test
    void sharedNetworksPassTheirSettingsToTheirSubnetsWhichKeepTheirOwn() throws ConfigException {
        ServerConfig config = loader.load("""
                { "Dhcp4": { "valid-lifetime": 4000,
                  "subnet4": [ { "id": 9, "subnet": "198.51.100.0/24" } ],
                  "shared-networks": [ { "name": "floor1", "valid-lifetime": 900, "interface": "eth1", "authoritative": true,
                      "relay": { "ip-addresses": [ "192.0.2.1" ] },
                      "option-data": [ { "name": "domain-name", "data": "floor1.example" }, { "name": "routers", "data": "192.0.2.1" } ],
                      "subnet4": [ { "id": 1, "subnet": "192.0.2.0/26" },
                                   { "id": 2, "subnet": "192.0.2.64/26", "valid-lifetime": 600,
                                     "relay": { "ip-addresses": [ "192.0.2.65" ] },
                                     "option-data": [ { "name": "routers", "data": "192.0.2.65" } ] } ] } ] } }
                """, "test.conf").config();

        SubnetConfig first = config.subnets().stream().filter(s -> s.id() == 1).findFirst().orElseThrow();
        SubnetConfig second = config.subnets().stream().filter(s -> s.id() == 2).findFirst().orElseThrow();
        SubnetConfig alone = config.subnets().stream().filter(s -> s.id() == 9).findFirst().orElseThrow();
        assertThat(first.sharedNetwork()).contains("floor1");
        assertThat(alone.sharedNetwork()).isEmpty();
        assertThat(first.lifetimes().valid()).isEqualTo(900);
        assertThat(second.lifetimes().valid()).isEqualTo(600);
        assertThat(first.interfaceName()).contains("eth1");
        assertThat(first.authoritative()).isTrue();
        assertThat(alone.authoritative()).isFalse();
        assertThat(first.relayAddresses()).containsExactly(Ipv4Address.parse("192.0.2.1"));
        assertThat(second.relayAddresses()).as("its own list replaces the network's").containsExactly(Ipv4Address.parse("192.0.2.65"));
        assertThat(second.options()).extracting(option -> option.option().code()).containsExactly(3, 15);
        assertThat(config.sharedWith(second)).containsExactly(second, first);
        assertThat(config.sharedWith(alone)).containsExactly(alone);
    }

    @Test
    void sharedNetworksNeedUniqueNamesAndTheirSubnetsObeyTheSameRules() {
        List<ConfigProblem> errors = errorsOf("""
                { "Dhcp4": {
                  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24" } ],
                  "shared-networks": [
                    { "name": "a", "subnet4": [ { "id": 1, "subnet": "198.51.100.0/24" } ] },
                    { "name": "a", "subnet4": [ { "id": 3, "subnet": "192.0.2.128/25" } ] },
                    { "subnet4": [] } ] } }
                """);

        assertThat(errors).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                "Dhcp4/shared-networks[1]/name", "Dhcp4/shared-networks[2]", "Dhcp4/shared-networks[0]/subnet4[0]/id",
                "Dhcp4/shared-networks[1]/subnet4[0]/subnet");
    }
}
