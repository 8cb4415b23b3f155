package org.leasedesk.server.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leasedesk.protocol.OptionDefinition;
import org.leasedesk.protocol.OptionType;

class ExpressionParserTest {

    private final ExpressionParser parser = new ExpressionParser();

    private String parsed(String text) throws ExpressionException {
        return parser.parse(text).canonical();
    }

    private ExpressionException refused(String text) {
        try {
            parser.parse(text);
        } catch (ExpressionException e) {
            return e;
        }
        throw new AssertionError("Kea 2.2 refuses " + text + " but it parsed");
    }

    // ---- every construct of Kea 2.2's DHCPv4 grammar ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "option[60].hex == 'x'                         | (option[60].hex == 'x')",
        "option[60].text == 'x'                        | (option[60].text == 'x')",
        "option[60].exists                             | option[60].exists",
        "option[vendor-class-identifier].exists        | option[60].exists",
        "option[ host-name ].exists                    | option[12].exists",
        "option[vendor-encapsulated-options].exists    | option[43].exists",
        "option[0].exists                              | option[0].exists",
        "option[255].hex == ''                         | (option[255].hex == '')",
        "option[82].option[1].hex == 'p'               | (option[82].option[1].hex == 'p')",
        "option[82].option[1].text == 'p'              | (option[82].option[1].text == 'p')",
        "option[125].option[2].exists                  | option[125].option[2].exists",
        "relay4[1].hex == 'port-7'                     | (relay4[1].hex == 'port-7')",
        "relay4[2].text == 'x'                         | (relay4[2].text == 'x')",
        "relay4[5].exists                              | relay4[5].exists",
        "pkt.iface == 'eth0'                           | (pkt.iface == 'eth0')",
        "pkt.src == 10.0.0.1                           | (pkt.src == 10.0.0.1)",
        "pkt.dst == 255.255.255.255                    | (pkt.dst == 255.255.255.255)",
        "pkt.len == 300                                | (pkt.len == 300)",
        "pkt4.mac == 0x010203040506                    | (pkt4.mac == 0x010203040506)",
        "pkt4.hlen == 6                                | (pkt4.hlen == 6)",
        "pkt4.htype == 1                               | (pkt4.htype == 1)",
        "pkt4.ciaddr == 0.0.0.0                        | (pkt4.ciaddr == 0.0.0.0)",
        "pkt4.giaddr == 192.0.2.1                      | (pkt4.giaddr == 192.0.2.1)",
        "pkt4.yiaddr == 192.0.2.1                      | (pkt4.yiaddr == 192.0.2.1)",
        "pkt4.siaddr == 192.0.2.1                      | (pkt4.siaddr == 192.0.2.1)",
        "pkt4.msgtype == 1                             | (pkt4.msgtype == 1)",
        "pkt4.transid == 12345                         | (pkt4.transid == 12345)",
        "substring(option[60].hex,0,6) == 'Aastra'     | (substring(option[60].hex, 0, 6) == 'Aastra')",
        "substring('foobar', -1, -3) == 'oba'          | (substring('foobar', -1, -3) == 'oba')",
        "substring('foobar', 3, all) == 'bar'          | (substring('foobar', 3, all) == 'bar')",
        "split('a.b', '.', 2) == 'b'                   | (split('a.b', '.', 2) == 'b')",
        "concat('foo', 'bar') == 'foobar'              | (concat('foo', 'bar') == 'foobar')",
        "'abc' + 'def' + 'ghi' == 'abcdefghi'          | ((('abc' + 'def') + 'ghi') == 'abcdefghi')",
        "ifelse(option[230].exists, option[230].hex, 'none') == 'none' | (ifelse(option[230].exists, option[230].hex, 'none') == 'none')",
        "hexstring(pkt4.mac, ':') == '01:02'           | (hexstring(pkt4.mac, ':') == '01:02')",
        "addrtotext(pkt4.giaddr) == '10.0.0.1'         | (addrtotext(pkt4.giaddr) == '10.0.0.1')",
        "int8totext(0x01) == '1'                       | (int8totext(0x01) == '1')",
        "int16totext(0x0001) == '1'                    | (int16totext(0x0001) == '1')",
        "int32totext(1) == '1'                         | (int32totext(1) == '1')",
        "uint8totext(0xff) == '255'                    | (uint8totext(0xff) == '255')",
        "uint16totext(0xffff) == '65535'               | (uint16totext(0xffff) == '65535')",
        "uint32totext(4294967295) == '4294967295'      | (uint32totext(4294967295) == '4294967295')",
        "member('ALL')                                 | member('ALL')",
        "member('KNOWN') and not member('UNKNOWN')     | (member('KNOWN') and (not member('UNKNOWN')))",
        "vendor[*].exists                              | vendor[*].exists",
        "vendor[0].exists                              | vendor[*].exists",
        "vendor[4491].exists                           | vendor[4491].exists",
        "vendor[4491].option[1].exists                 | vendor[4491].option[1].exists",
        "vendor[4491].option[0].exists                 | vendor[4491].option[0].exists",
        "vendor[4491].option[1].hex == 0x01            | (vendor[4491].option[1].hex == 0x01)",
        "vendor[4491].option[1].text == 'x'            | (vendor[4491].option[1].text == 'x')",
        "vendor.enterprise == 4491                     | (vendor.enterprise == 4491)",
        "vendor-class[*].exists                        | vendor-class[*].exists",
        "vendor-class[4491].exists                     | vendor-class[4491].exists",
        "vendor-class.enterprise == 4491               | (vendor-class.enterprise == 4491)",
        "vendor-class[4491].data == 'docsis3.0'        | (vendor-class[4491].data == 'docsis3.0')",
        "vendor-class[4491].data[3] == 'docsis3.0'     | (vendor-class[4491].data[3] == 'docsis3.0')",
        "0x5a7d == 'Z}'                                | (0x5a7d == 'Z}')",
        "0XAbC == 0x0abc                               | (0XAbC == 0x0abc)",
        "fe80::1 == ::ffff:192.0.2.1                   | (fe80::1 == ::ffff:192.0.2.1)",
        "'é' == 'x'                                    | ('é' == 'x')",
    })
    void parsesEveryConstructOfTheGrammar(String text, String canonical) throws ExpressionException {
        assertThat(parsed(text)).isEqualTo(canonical);
    }

    @Test
    void orBindsLoosestThenAndThenNotThenEqualityThenPlus() throws ExpressionException {
        assertThat(parsed("member('a') and member('b') or member('c')"))
                .isEqualTo("((member('a') and member('b')) or member('c'))");
        assertThat(parsed("member('a') or member('b') and member('c')"))
                .isEqualTo("(member('a') or (member('b') and member('c')))");
        assertThat(parsed("not member('a') and member('b')")).isEqualTo("((not member('a')) and member('b'))");
        assertThat(parsed("not 'a' == 'b'")).isEqualTo("(not ('a' == 'b'))");
        assertThat(parsed("not not 'a' == 'b'")).isEqualTo("(not (not ('a' == 'b')))");
        assertThat(parsed("'c' == 'a' + 'b'")).isEqualTo("('c' == ('a' + 'b'))");
    }

    @Test
    void parenthesesHoldEitherAConditionOrAValue() throws ExpressionException {
        assertThat(parsed("('a' == 'b')")).isEqualTo("('a' == 'b')");
        assertThat(parsed("('a') == 'b'")).isEqualTo("('a' == 'b')");
        assertThat(parsed("(('a')) == ('b' + 'c')")).isEqualTo("('a' == ('b' + 'c'))");
        assertThat(parsed("member('a') and (member('b') or member('c'))"))
                .isEqualTo("(member('a') and (member('b') or member('c')))");
    }

    @Test
    void keywordsNeedNoSpaceAfterThemAndBlanksTabsAndNewlinesSeparate() throws ExpressionException {
        assertThat(parsed("notmember('a')")).isEqualTo("(not member('a'))");
        assertThat(parsed("member('a')and member('b')")).isEqualTo("(member('a') and member('b'))");
        assertThat(parsed("option [1] . exists")).isEqualTo("option[1].exists");
        assertThat(parsed("'a' == 'b'\tor\n'c'=='c'")).isEqualTo("(('a' == 'b') or ('c' == 'c'))");
    }

    @Test
    void integersAreFourBytesInNetworkOrder() throws ExpressionException {
        Expression e = parser.parse("option[1].hex == 123");
        assertThat(e.canonical()).isEqualTo("(option[1].hex == 123)");
    }

    @Test
    void memberReferencesAreCollectedInOrder() throws ExpressionException {
        assertThat(parser.parse("member('b') or ifelse(member('a'), 'x', 'y') == 'x' or member('b')").memberReferences())
                .containsExactly("b", "a");
    }

    @Test
    void optionNamesComeFromTheCatalogIncludingCustomDefinitions() throws ExpressionException {
        OptionCatalog custom = OptionCatalog.standard()
                .withCustom(List.of(new OptionDefinition(222, "site-flavour", OptionType.STRING, false)));
        assertThat(new ExpressionParser(custom).parse("option[site-flavour].text == 'mint'").canonical())
                .isEqualTo("(option[222].text == 'mint')");
        assertThat(refused("option[site-flavour].exists").detail()).contains("no DHCPv4 option is named 'site-flavour'");
    }

    // ---- refusals, with the position and what was expected ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "substring(option[60].hex, 0, 6 == 'Aastra'       | 32 | expected ')' after substring's length, found '=='",
        "substring(option[60].hex, 0) == 'x'              | 28 | expected ',' after substring's start, found ')'",
        "substring(option[60].hex 0, 1) == 'x'            | 26 | expected ',' after substring's first argument, found an integer 0",
        "substring('foobar', 0x1, 3) == 'foo'             | 21 | expected an integer as substring's start",
        "concat('a') == 'a'                               | 11 | expected ',' after concat's first argument, found ')'",
        "split('a','b') == 'x'                            | 14 | expected ',' after split's delimiters, found ')'",
        "'a' == 'b' == 'c'                                | 12 | '==' cannot be chained",
        "'a' ==                                           | 7  | the expression ends where a value or a condition is expected",
        "== 'a'                                           | 1  | expected a value or a condition, found '=='",
        "()                                               | 2  | expected a value or a condition, found ')'",
        "('a' == 'a'                                      | 12 | expected ')' to close the '(' at 1, found the end of the expression",
        "'a' == 'a')                                      | 11 | expected 'and', 'or' or the end of the expression, found ')'",
        "member('a') member('a')                          | 13 | expected 'and', 'or' or the end of the expression, found 'member'",
        "option[60].hex                                   | 1  | a class test must be a condition",
        "option[1].hex == 'x' or 'c'                      | 25 | the right side of 'or' (at 22) must be a condition",
        "not 'a'                                          | 5  | 'not' needs a condition",
        "ifelse('a', 'a', 'b') == 'a'                     | 8  | ifelse's first argument must be a condition",
        "substring('a' == 'b', 0, 1) == 'x'               | 11 | substring's first argument must be a string value",
        "option[1]                                        | 10 | expected '.' after option[1], found the end of the expression",
        "option[1].                                       | 11 | expected 'hex', 'text', 'exists' or 'option' after option[1]., found the end",
        "option[1].foo                                    | 11 | unknown word 'foo'",
        "option[256].exists                               | 8  | 256 is out of range for an option code (0 to 255)",
        "option[-1].exists                                | 8  | -1 is out of range for an option code",
        "option[foo].exists                               | 8  | no DHCPv4 option is named 'foo'",
        "option[Host-Name].exists                         | 8  | no DHCPv4 option is named 'Host-Name'",
        "option[classless-static-route].exists            | 8  | no DHCPv4 option is named 'classless-static-route'",
        "relay4[256].exists                               | 8  | 256 is out of range for a sub-option code",
        "relay4[host-name].exists                         | 8  | expected an integer as the relay agent sub-option code",
        "relay6[0].peeraddr == ::1                        | 1  | relay6[...] reads DHCPv6 relay encapsulations",
        "relay6[0].option[1].exists                       | 1  | relay6[...] reads DHCPv6 relay encapsulations",
        "pkt6.msgtype == 1                                | 1  | pkt6 reads DHCPv6 packets",
        "pkt4.foo == 'x'                                  | 6  | unknown word 'foo'",
        "pkt4.len == 'x'                                  | 6  | expected 'mac', 'hlen'",
        "pkt.mac == 'x'                                   | 5  | expected 'iface', 'src', 'dst' or 'len' after pkt.",
        "vendor[*].option[*].exists                       | 18 | expected an integer as the vendor sub-option code, found '*'",
        "vendor[1].enterprise == 1                        | 11 | expected 'exists' or 'option' after vendor[1]., found 'enterprise'",
        "vendor[4294967296].exists                        | 8  | 4294967296 is out of range for an enterprise number",
        "vendor[-1].exists                                | 8  | -1 is out of range for an enterprise number",
        "vendor-class[4491].option[1].exists              | 20 | a vendor class carries data chunks, not sub-options",
        "vendor-class[4491].data[256] == 'x'              | 25 | 256 is out of range for a data chunk index",
        "4294967296 == 'x'                                | 1  | 4294967296 is out of range for an integer value",
        "-1 == 'x'                                        | 1  | -1 is out of range for an integer value",
        "substring('x', 0, 99999999999999999999) == 'x'   | 19 | does not fit in 64 bits",
        "0x == 'x'                                        | 2  | unknown word 'x'",
        "01.2.3.4 == 'x'                                  | 1  | '01.2.3.4' is not a valid IP address",
        "256.1.1.1 == 'x'                                 | 1  | '256.1.1.1' is not a valid IP address",
        "1.2.3.4.5 == 'x'                                 | 8  | expected 'and', 'or' or the end of the expression, found '.'",
        "1:2 == 'x'                                       | 2  | unexpected character ':'",
        "1::2::3 == 'x'                                   | 1  | '1::2::3' is not a valid IP address",
        "known                                            | 1  | Kea 2.2 has no 'known' keyword; write member('KNOWN')",
        "unknown                                          | 1  | Kea 2.2 has no 'unknown' keyword; write member('UNKNOWN')",
        "OPTION[1].exists                                 | 1  | unknown word 'OPTION'",
        "member(\"a\")                                    | 8  | strings are written in single quotes",
        "option[60].hex == 'x                             | 19 | this string has no closing quote on its line",
        "'x' == 'y' # comment                             | 12 | unexpected character '#'",
        "option[60].hex = 'x'                             | 16 | '=' is not an operator; comparison is '=='",
        "member('a'                                       | 11 | expected ')' after the class name, found the end of the expression",
        "''                                               | 1  | a class test must be a condition",
    })
    void refusesWhatKeaRefusesSayingWhereAndWhatWasExpected(String text, int column, String detail) {
        ExpressionException e = refused(text);
        assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
        assertThat(e.detail()).contains(detail);
        assertThat(e.getMessage()).startsWith("at " + column + ": ");
        assertThat(e.expression()).isEqualTo(text);
    }

    @Test
    void aMultiLineExpressionIsLocatedByLineAndColumn() {
        ExpressionException e = refused("member('ALL') and\n  (option[1].exists or)");
        assertThat(e.getMessage()).startsWith("at line 2, column 23: ");
        assertThat(e.column()).isEqualTo(23);
        assertThat(e.offset()).isEqualTo(40);
    }

    @Test
    void memberMayOnlyNameClassesTheCallerCallsDefined() throws ExpressionException {
        Set<String> defined = Set.of("a");
        assertThat(parser.parse("member('a')", defined::contains).canonical()).isEqualTo("member('a')");
        ExpressionException e;
        try {
            parser.parse("member('KNOWN') and not member('foo')", n -> ClientClassifier.isBuiltIn(n) || defined.contains(n));
            throw new AssertionError("member('foo') names no defined class");
        } catch (ExpressionException refused) {
            e = refused;
        }
        assertThat(e.column()).isEqualTo(32);
        assertThat(e.detail()).contains("member('foo') names a class that is neither built in nor defined before this one");
    }

    @Test
    void refusedExpressionsAreCheckedExceptionsWithTheirText() {
        assertThatThrownBy(() -> parser.parse("pkt6.transid == 1")).isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith("at 1: pkt6 reads DHCPv6 packets");
    }
}
