package org.leasedesk.server.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.protocol.DhcpCodec;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.OptionDefinition;
import org.leasedesk.protocol.OptionType;

/**
 * Packets kea-dhcp4 2.2.0 classified, replayed through our classifier: the same classes, the same
 * evaluation errors. How they were observed: src/test/resources/org/leasedesk/server/classify/kea-2.2.0/README.md.
 */
class KeaObservedBehaviourTest {

    private static final String DIRECTORY = "kea-2.2.0/";
    private static final OptionCatalog ROUND_2_OPTIONS = OptionCatalog.standard().withCustom(List.of(
            new OptionDefinition(222, "site-flavour", OptionType.STRING, false),
            new OptionDefinition(223, "site-level", OptionType.UINT16, false)));
    private static final Set<String> NOT_TESTED = Set.of("ALL", "KNOWN", "UNKNOWN", "resv");

    @ParameterizedTest(name = "packet {0}")
    @CsvSource(delimiter = '|', value = {
        "A | round1 | false | ",
        "B | round1 | false | ",
        "C | round1 | false | ",
        "D | round2 | false | ",
        "E | round2 | false | ",
        "F | round2 | true  | resv",
        "G | round3 | false | ",
    })
    void classifiesAsKea220Did(String packet, String round, boolean known, String reserved) throws Exception {
        ClientClassifier classifier = new ClientClassifier(classes(round), round.equals("round2") ? ROUND_2_OPTIONS : OptionCatalog.standard());
        DhcpMessage message = new DhcpCodec().decode(resource(packet + ".bin"));
        PacketView view = PacketView.of(message, "kxs0", Ipv4Address.parse("10.99.0.2"), Ipv4Address.parse("10.99.0.1"));

        Classification classification = classifier.classify(view)
                .afterHostLookup(known, reserved == null ? List.of() : List.of(reserved))
                .withRequired(round.equals("round2") ? List.of("req_modem", "req1", "req_untested") : List.of());

        Set<String> ours = new LinkedHashSet<>();
        classification.classes().stream().filter(c -> !NOT_TESTED.contains(c) && !c.startsWith("VENDOR_CLASS_"))
                .forEach(c -> ours.add("MATCH " + c));
        classification.evaluationErrors().forEach(c -> ours.add("ERROR " + c));
        assertThat(ours).containsExactlyInAnyOrderElementsOf(expected(packet));
    }

    private static List<ClassDefinition> classes(String round) throws IOException {
        List<ClassDefinition> classes = new ArrayList<>();
        for (String line : new String(resource(round + ".classes"), StandardCharsets.UTF_8).split("\n")) {
            String[] parts = line.split("\\|", 3);
            classes.add(new ClassDefinition(parts[0], parts[2].isEmpty() ? Optional.empty() : Optional.of(parts[2]),
                    parts[1].equals("required")));
        }
        return classes;
    }

    private static List<String> expected(String packet) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : new String(resource("expected.txt"), StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith(packet + " ")) {
                lines.add(line.substring(packet.length() + 1));
            }
        }
        return lines;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = KeaObservedBehaviourTest.class.getResourceAsStream(DIRECTORY + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + DIRECTORY + name);
            }
            return in.readAllBytes();
        }
    }
}
