package org.leasedesk.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.leasedesk.differential.Scenario.scenario;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leasedesk.protocol.HardwareAddress;

/** The differential runner's parts that need no namespace: frames, names, address plans, the scenario language. */
class RunnerPartsTest {

    @Test
    void aUdpFrameParsesBackWithValidChecksums() {
        byte[] payload = {1, 2, 3, 4, 5};
        Frames.UdpFrame sent = new Frames.UdpFrame(Frames.BROADCAST_MAC, HardwareAddress.parse("02:00:00:00:10:01").bytes(),
                Addresses.ANY, 68, Addresses.BROADCAST, 67, payload);
        byte[] frame = Frames.udp(sent);

        Frames.UdpFrame parsed = Frames.parseUdp(frame).orElseThrow();

        assertThat(parsed.source()).isEqualTo(Addresses.ANY);
        assertThat(parsed.destination()).isEqualTo(Addresses.BROADCAST);
        assertThat(parsed.sourcePort()).isEqualTo(68);
        assertThat(parsed.destinationPort()).isEqualTo(67);
        assertThat(parsed.payload()).containsExactly(payload);
        assertThat(onesComplementSum(frame, 14, 20)).as("IP header checksum").isEqualTo(0xffff);
        byte[] pseudo = new byte[12 + 8 + payload.length];
        System.arraycopy(frame, 26, pseudo, 0, 8);
        pseudo[9] = 17;
        pseudo[11] = (byte) (8 + payload.length);
        System.arraycopy(frame, 34, pseudo, 12, 8 + payload.length);
        assertThat(onesComplementSum(pseudo, 0, pseudo.length)).as("UDP checksum").isEqualTo(0xffff);
    }

    @Test
    void anArpReplyAnswersTheRequestWithTheClientsMac() {
        byte[] request = new byte[42];
        System.arraycopy(Frames.BROADCAST_MAC, 0, request, 0, 6);
        byte[] asker = HardwareAddress.parse("02:00:00:00:00:01").bytes();
        System.arraycopy(asker, 0, request, 6, 6);
        request[12] = 0x08;
        request[13] = 0x06;
        byte[] arp = {0, 1, 8, 0, 6, 4, 0, 1};
        System.arraycopy(arp, 0, request, 14, 8);
        System.arraycopy(asker, 0, request, 22, 6);
        System.arraycopy(Addresses.parse("192.0.2.1").getAddress(), 0, request, 28, 4);
        System.arraycopy(Addresses.parse("192.0.2.150").getAddress(), 0, request, 38, 4);

        Frames.ArpRequest parsed = Frames.parseArpRequest(request).orElseThrow();
        byte[] reply = Frames.arpReply(parsed, HardwareAddress.parse("02:00:00:00:10:01"));

        assertThat(parsed.targetIp()).isEqualTo(Addresses.parse("192.0.2.150"));
        assertThat(Addresses.mac(Arrays.copyOfRange(reply, 0, 6))).isEqualTo("02:00:00:00:00:01");
        assertThat(Addresses.mac(Arrays.copyOfRange(reply, 22, 28))).isEqualTo("02:00:00:00:10:01");
        assertThat(reply[21]).as("ARP reply").isEqualTo((byte) 2);
    }

    @Test
    void namesRenderBoundAddressesAndLeaveOthersLiteral() throws Exception {
        Names names = new Names();
        names.bind("A", Addresses.parse("192.0.2.100"));

        assertThat(names.render(Addresses.parse("192.0.2.100"))).isEqualTo("A");
        assertThat(names.render(Addresses.parse("192.0.2.101"))).isEqualTo("192.0.2.101");
        assertThat(names.resolve("192.0.2.7")).isEqualTo(Addresses.parse("192.0.2.7"));
        assertThatThrownBy(() -> names.resolve("B")).isInstanceOf(Names.Unbound.class);
    }

    @Test
    void theAddressPlanSaysWhichPoolOrSubnetAnAddressIsIn() {
        ScenarioGroup.AddressPlan plan = new ScenarioGroup.AddressPlan(
                List.of(ScenarioGroup.AddressPlan.Range.parse("192.0.2.0/24")),
                List.of(ScenarioGroup.AddressPlan.Range.parse("192.0.2.100 - 192.0.2.199")));

        assertThat(plan.whereIs(Addresses.parse("192.0.2.150"))).isEqualTo("in pool 192.0.2.100 - 192.0.2.199");
        assertThat(plan.whereIs(Addresses.parse("192.0.2.20"))).isEqualTo("in subnet 192.0.2.0/24 outside its pools");
        assertThat(plan.whereIs(Addresses.parse("203.0.113.5"))).isEqualTo("outside every subnet");
    }

    @Test
    void theLabsPartsAreAddedToTheGroupsConfiguration() {
        ScenarioGroup group = ScenarioGroup.group("g", DirectLinkScenarios.ONE_SUBNET,
                scenario("s").as(Client.direct("02:00:00:00:99:01")).discover().expectOffer("A"));

        String config = group.configForRun(Path.of("/tmp/leases.csv"), false);

        assertThat(config).contains("\"interfaces\" : [ \"br0\" ]", "\"service-sockets-require-all\" : true",
                "\"name\" : \"/tmp/leases.csv\"", "\"output\" : \"stdout\"");
    }

    @Test
    void twoScenariosOfOneGroupCannotShareAClient() {
        assertThatThrownBy(() -> ScenarioGroup.group("g", DirectLinkScenarios.ONE_SUBNET,
                scenario("first").as(Client.direct("02:00:00:00:99:02")).discover().expectOffer("A"),
                scenario("second").as(Client.direct("02:00:00:00:99:02")).discover().expectOffer("A")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("02:00:00:00:99:02");
    }

    @Test
    void aScenarioReadsAsItsSteps() {
        Scenario renewal = scenario("relayed renewal")
                .as(Client.relayed("02:00:00:00:99:03", "203.0.113.1"))
                .dora("A")
                .renew("A").expectAck("A").expect("destination", "A:68")
                .build();

        assertThat(renewal.steps()).extracting(Step::kind)
                .containsExactly(Step.Kind.DISCOVER, Step.Kind.SELECTING, Step.Kind.RENEWING);
        assertThat(renewal.steps().getLast().effectiveRoute()).isEqualTo(Step.Route.ROUTED_UNICAST);
        assertThat(renewal.steps().getLast().expectedFields()).containsEntry("destination", "A:68");
        assertThat(renewal.steps().getFirst().effectiveRoute()).isEqualTo(Step.Route.VIA_RELAY);
    }

    @Test
    void differsOnPurposeTakesFieldValuePairs() {
        Scenario.Builder builder = scenario("nak").as(Client.direct("02:00:00:00:99:04")).initReboot("203.0.113.9").expectNak();

        assertThatThrownBy(() -> builder.differsOnPurpose("why", "destination", "x", "odd")).isInstanceOf(IllegalArgumentException.class);
        Scenario scenario = builder.differsOnPurpose("why", "destination", "x", "flags", "broadcast").build();
        assertThat(scenario.steps().getFirst().onPurpose().orElseThrow().leaseDeskValues())
                .containsEntry("destination", "x").containsEntry("flags", "broadcast");
    }

    private static int onesComplementSum(byte[] bytes, int offset, int length) {
        long sum = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += (bytes[offset + i] & 0xff) << 8 | (bytes[offset + i + 1] & 0xff);
        }
        if (length % 2 == 1) {
            sum += (bytes[offset + length - 1] & 0xff) << 8;
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) sum;
    }
}
