package org.leasedesk.server.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.protocol.DhcpCodec;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.MalformedPacketException;

/**
 * Fuzz targets for the expression language. In a normal build they replay the inputs under
 * src/test/resources/org/leasedesk/server/classify/ExpressionFuzzTestInputs/; with JAZZER_FUZZ=1 one
 * selected method is fuzzed for up to maxDuration.
 */
class ExpressionFuzzTest {

    /** One test per construct, so every packet the fuzzer finds meets every evaluator path. */
    private static final List<String> EVERY_CONSTRUCT = List.of(
            "option[60].hex == 'x' or option[60].text == 'x' or option[60].exists",
            "option[82].hex == '' or option[82].text == '' or option[82].option[1].exists or option[82].option[2].text == 'x'",
            "relay4[1].hex == 'port-7' or relay4[2].text == 'x' or relay4[5].exists",
            "option[125].option[2].hex == '' and option[125].text == 'x'",
            "option[124].text == 'x' or option[81].text == 'x' or option[119].hex == 'x' or option[119].text == 'x'",
            "option[78].text == 'x' or option[79].text == '' or option[94].text == '' or option[97].text == ''",
            "option[146].text == 'x' or option[159].text == '' or option[212].text == '' or option[55].text == ''",
            "option[1].text == '' or option[3].text == '' or option[19].text == '' or option[2].text == ''",
            "option[12].text == '' or option[61].text == '' or option[43].text == '' or option[250].text == ''",
            "pkt.iface == 'eth0' and pkt.src == 10.0.0.1 or pkt.dst == 255.255.255.255 or pkt.len == 300",
            "pkt4.mac == 0x010203040506 or pkt4.hlen == 6 or pkt4.htype == 1 or pkt4.ciaddr == 0.0.0.0",
            "pkt4.giaddr == 192.0.2.1 or pkt4.yiaddr == 0.0.0.0 or pkt4.siaddr == 0.0.0.0",
            "pkt4.msgtype == 1 or pkt4.transid == 12345",
            "substring(option[60].hex, -3, -2) == 'x' or substring(option[61].hex, 1, all) == pkt4.mac",
            "substring(option[12].hex, 2147483647, -2147483648) == '' or substring(pkt4.mac, -2147483648, 2147483647) == ''",
            "split(option[60].text, ':', 2) == 'Arch' or split(option[12].hex, '.-', -1) == ''",
            "concat(option[60].hex, option[61].hex) == 'x' or option[60].hex + 'x' + option[12].hex == 'y'",
            "ifelse(option[60].exists, option[60].hex, option[61].hex) == 'x'",
            "hexstring(option[61].hex, ':') == 'x' or hexstring(pkt4.mac, '') == '00'",
            "addrtotext(option[54].hex) == 'x' or addrtotext(option[50].hex) == '' or addrtotext(pkt.src) == ''",
            "int8totext(option[53].hex) == '1' or int16totext(option[57].hex) == '' or int32totext(option[51].hex) == ''",
            "uint8totext(option[53].hex) == '1' or uint16totext(option[57].hex) == '' or uint32totext(pkt4.transid) == ''",
            "vendor[*].exists or vendor[4491].exists or vendor.enterprise == 4491 or vendor[4491].option[1].exists",
            "vendor[*].option[2].hex == 'x' or vendor[*].option[1].text == 'x' or vendor[0].option[0].hex == 'true'",
            "vendor-class[*].exists or vendor-class[4491].exists or vendor-class.enterprise == 4491",
            "vendor-class[*].data == 'x' or vendor-class[4491].data[1] == 'x' or vendor-class[0].data[255] == ''",
            "member('ALL') and not member('KNOWN') or member('a')");

    private static final List<Expression> PARSED = parseAll();
    private static final ClientClassifier CLASSIFIER = classifier();

    private final DhcpCodec codec = new DhcpCodec();
    private final ExpressionParser parser = new ExpressionParser();

    private static List<Expression> parseAll() {
        List<Expression> parsed = new ArrayList<>();
        for (String test : EVERY_CONSTRUCT) {
            try {
                parsed.add(new ExpressionParser().parse(test));
            } catch (ExpressionException e) {
                throw new AssertionError(e);
            }
        }
        return List.copyOf(parsed);
    }

    private static ClientClassifier classifier() {
        List<ClassDefinition> classes = new ArrayList<>();
        classes.add(ClassDefinition.untested("a"));
        for (int i = 0; i < EVERY_CONSTRUCT.size(); i++) {
            classes.add(i % 5 == 4 ? ClassDefinition.required("c" + i, EVERY_CONSTRUCT.get(i))
                    : ClassDefinition.tested("c" + i, EVERY_CONSTRUCT.get(i)));
        }
        try {
            return new ClientClassifier(classes);
        } catch (ClassDefinitionException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Whatever text an admin writes as a test, parsing either gives an expression whose canonical form
     * parses to itself, or a refusal that points inside the text.
     */
    @FuzzTest(maxDuration = "5m")
    void anyTextIsParsedOrRefusedWithAPosition(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        Expression parsed;
        try {
            parsed = parser.parse(text);
        } catch (ExpressionException refused) {
            assertThat(refused.offset()).isBetween(0, text.length());
            assertThat(refused.detail()).isNotBlank();
            assertThat(refused.expression()).isEqualTo(text);
            return;
        }
        String canonical = parsed.canonical();
        try {
            assertThat(parser.parse(canonical).canonical()).isEqualTo(canonical);
        } catch (ExpressionException e) {
            throw new AssertionError("the canonical form of " + text + " does not parse: " + canonical, e);
        }
    }

    /**
     * Input: an expression, a newline, then a datagram. Whatever packet arrives, evaluating the
     * expression (when it parses) and every construct of the language on it, and classifying it through
     * all steps, gives an answer and throws nothing.
     */
    @FuzzTest(maxDuration = "5m")
    void evaluationNeverThrowsOnAnyPacket(byte[] input) throws ExpressionException {
        int newline = indexOf(input, (byte) '\n');
        String text = new String(input, 0, Math.max(newline, 0), StandardCharsets.UTF_8);
        byte[] datagram = newline < 0 ? input : Arrays.copyOfRange(input, newline + 1, input.length);
        DhcpMessage message;
        try {
            message = codec.decode(datagram);
        } catch (MalformedPacketException rejected) {
            return;
        }
        PacketView packet = PacketView.of(message, text.length() > 8 ? text.substring(0, 8) : text,
                Ipv4Address.parse("192.0.2.1"), Ipv4Address.BROADCAST);
        try {
            Expression expression = parser.parse(text);
            assertThat(expression.evaluate(packet, name -> name.hashCode() % 2 == 0)).isNotNull();
        } catch (ExpressionException refused) {
            // Not every line is an expression; the packet is still evaluated below.
        }
        for (Expression construct : PARSED) {
            assertThat(construct.evaluate(packet, name -> true)).isNotNull();
        }
        Classification classification = CLASSIFIER.classify(packet);
        Classification known = classification.afterHostLookup(message.xid() % 2 == 0, message.xid() % 3 == 0 ? List.of("a") : List.of());
        Classification done = known.withRequired(List.of("c4", "c9", "c14", "c19", "c24", "nope", "a"));
        assertThat(done.classes()).startsWith("ALL");
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
