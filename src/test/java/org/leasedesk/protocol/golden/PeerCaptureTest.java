package org.leasedesk.protocol.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.leasedesk.protocol.DhcpCodec;
import org.leasedesk.testing.netns.CapturedDatagram;
import org.leasedesk.testing.netns.NetnsPrerequisites;
import org.leasedesk.testing.netns.NetnsTest;
import org.leasedesk.testing.netns.NetworkLab;
import org.leasedesk.testing.peers.MessageTypePeek;
import org.leasedesk.testing.peers.PeerExchange;
import org.leasedesk.testing.peers.ServedSubnet;

/**
 * Real clients and servers from Debian complete an exchange that we capture, and every packet
 * captured on either side decodes and re-encodes byte for byte. CI runs it as root, so the codec
 * meets live peers in every build, not only the committed files. With
 * {@code -Dleasedesk.golden.write=true} it also rewrites the golden files and their README.
 */
@NetnsTest(requires = {"tcpdump", "dnsmasq", "kea-dhcp4", "dhclient", "udhcpc", "dhcpcd", "unshare"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeerCaptureTest {

    private final List<GoldenFiles.Recording> recordings = new ArrayList<>();
    private final DhcpCodec codec = new DhcpCodec();

    @ParameterizedTest
    @EnumSource
    void realPeersCompleteAnExchangeOurCodecReencodesByteForByte(GoldenScenario scenario, NetworkLab lab) throws Exception {
        PeerExchange exchange = PeerExchange.run(lab, scenario.client(), scenario.server(), ServedSubnet.TEST_NET_1,
                scenario.clientMac());

        Map<String, CapturedDatagram> golden = new LinkedHashMap<>();
        scenario.goldenFiles().forEach((fileName, messageType) -> golden.put(fileName, exchange.first(messageType)));
        assertThat(golden.values()).extracting(packet -> packet.destination().getPort())
                .as("client messages to port 67, server replies to port 68")
                .allMatch(port -> port == 67 || port == 68);
        assertThat(exchange.serverSide()).extracting(packet -> MessageTypePeek.messageType(packet.payload()).orElse(-1))
                .contains(MessageTypePeek.DISCOVER, MessageTypePeek.OFFER, MessageTypePeek.REQUEST, MessageTypePeek.ACK);

        for (CapturedDatagram packet : concat(exchange.clientSide(), exchange.serverSide())) {
            assertThat(codec.encode(codec.decode(packet.payload()))).as("re-encoded %s", packet).containsExactly(packet.payload());
        }

        if (GoldenFiles.writeRequested()) {
            recordings.add(record(scenario, exchange, golden, lab));
        }
    }

    @AfterAll
    void rewriteGoldenFilesWhenAsked() throws IOException {
        if (!GoldenFiles.writeRequested()) {
            return;
        }
        assertThat(recordings).as("golden files are only rewritten when every exchange was captured")
                .hasSize(GoldenScenario.values().length);
        GoldenFiles.rewrite(recordings);
    }

    /** Copies what the README and the files need out of the lab, which is deleted after the test. */
    private static GoldenFiles.Recording record(GoldenScenario scenario, PeerExchange exchange,
            Map<String, CapturedDatagram> golden, NetworkLab lab) throws IOException {
        String labDirectory = lab.directory().toString();
        Map<String, String> configFiles = new LinkedHashMap<>();
        for (Path config : exchange.serverRun().configFiles()) {
            configFiles.put(config.getFileName().toString(), Files.readString(config).replace(labDirectory, "$LAB"));
        }
        return new GoldenFiles.Recording(scenario, golden, Files.readAllBytes(exchange.clientPcap()),
                Files.readAllBytes(exchange.serverPcap()),
                installedPackage(lab, scenario.client().command()), installedPackage(lab, scenario.server().command()),
                withoutLabDirectory(exchange.clientRun().process().command(), labDirectory),
                withoutLabDirectory(exchange.serverRun().process().command(), labDirectory),
                configFiles);
    }

    private static String installedPackage(NetworkLab lab, String command) {
        String debianPackage = NetnsPrerequisites.debianPackageOf(command);
        return lab.execOnHost("dpkg-query", "-W", "-f=${Package} ${Version}", debianPackage).orThrow().stdout().strip();
    }

    private static List<CapturedDatagram> concat(List<CapturedDatagram> first, List<CapturedDatagram> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    private static List<String> withoutLabDirectory(List<String> command, String labDirectory) {
        return command.stream().map(argument -> argument.replace(labDirectory, "$LAB")).toList();
    }
}
