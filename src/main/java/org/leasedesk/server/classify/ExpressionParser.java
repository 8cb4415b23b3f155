package org.leasedesk.server.classify;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.leasedesk.server.classify.Lexer.Kind;
import org.leasedesk.server.classify.Lexer.Token;
import org.leasedesk.server.classify.Nodes.Bool;
import org.leasedesk.server.classify.Nodes.Node;
import org.leasedesk.server.classify.Nodes.Repr;
import org.leasedesk.server.classify.Nodes.Str;

/**
 * Parses the DHCPv4 client classification language of Kea 2.2 (a class's {@code test}) into an
 * {@link Expression}.
 *
 * <p>The grammar, loosest binding first: {@code or}; {@code and}; {@code not}; {@code ==} (not
 * chainable); {@code +}; then values and conditions: literals ({@code 'text'}, {@code 0x0a0b},
 * {@code 192.0.2.1}, IPv6 addresses, integers as 4 bytes), {@code (…)}, {@code option[code|name].hex|text|exists},
 * {@code option[code].option[sub].hex|text|exists}, {@code relay4[sub].hex|text|exists},
 * {@code pkt.iface|src|dst|len}, {@code pkt4.mac|hlen|htype|ciaddr|giaddr|yiaddr|siaddr|msgtype|transid},
 * {@code member('class')}, {@code substring(v, start, length|all)}, {@code split(v, delimiters, field)},
 * {@code concat(a, b)}, {@code ifelse(condition, a, b)}, {@code hexstring(v, separator)},
 * {@code addrtotext(v)}, {@code int8totext(v)} … {@code uint32totext(v)}, {@code vendor[*|N].exists},
 * {@code vendor[*|N].option[sub].hex|text|exists}, {@code vendor.enterprise},
 * {@code vendor-class[*|N].exists}, {@code vendor-class[*|N].data}, {@code vendor-class[*|N].data[i]},
 * {@code vendor-class.enterprise}.
 *
 * <p>Kea 2.2's DHCPv6-only forms ({@code relay6[…]}, {@code pkt6.…}) are refused by name, as Kea
 * refuses them in a DHCPv4 configuration. Stateless and thread-safe.
 */
public final class ExpressionParser {

    private final OptionCatalog options;

    /** A parser resolving {@code option[name]} through {@link OptionCatalog#standard()}. */
    public ExpressionParser() {
        this(OptionCatalog.standard());
    }

    public ExpressionParser(OptionCatalog options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Parses a class test; {@code member('x')} may name any class.
     *
     * @throws ExpressionException where and why the text is not a Kea 2.2 DHCPv4 condition
     */
    public Expression parse(String test) throws ExpressionException {
        return parse(test, name -> true);
    }

    /**
     * Parses a class test whose {@code member('x')} may only name classes for which {@code defined}
     * holds (Kea: built-in classes and classes defined earlier in the list).
     */
    public Expression parse(String test, Predicate<String> defined) throws ExpressionException {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(defined, "defined");
        Run run = new Run(test, Lexer.tokens(test), defined);
        Node root = run.or();
        if (run.peek().kind() != Kind.END) {
            throw run.error(run.peek(), "expected 'and', 'or' or the end of the expression, found " + run.peek().describe());
        }
        return new Expression(test, run.requireBool(root, run.tokens.get(0), "a class test must be a condition "
                + "(a comparison with ==, an .exists, member() or a combination with and, or, not), not a string value"), options);
    }

    /** One parse: the token cursor and helpers. */
    private final class Run {
        private final String text;
        private final List<Token> tokens;
        private final Predicate<String> defined;
        private int next;

        Run(String text, List<Token> tokens, Predicate<String> defined) {
            this.text = text;
            this.tokens = tokens;
            this.defined = defined;
        }

        Token peek() {
            return tokens.get(next);
        }

        Token take() {
            Token token = tokens.get(next);
            if (token.kind() != Kind.END) {
                next++;
            }
            return token;
        }

        boolean accept(Kind kind) {
            if (peek().kind() == kind) {
                next++;
                return true;
            }
            return false;
        }

        Token expect(Kind kind, String where) throws ExpressionException {
            Token token = peek();
            if (token.kind() != kind) {
                throw error(token, "expected " + kind.label + " " + where + ", found " + token.describe());
            }
            return take();
        }

        ExpressionException error(Token at, String detail) {
            return new ExpressionException(text, at.start(), detail);
        }

        // ---- precedence levels ----

        Node or() throws ExpressionException {
            Token start = peek();
            Node left = and();
            while (peek().kind() == Kind.OR) {
                Token operator = take();
                Bool l = requireBool(left, start, "the left side of 'or' must be a condition, not a string value");
                Token rightStart = peek();
                Bool r = requireBool(and(), rightStart, "the right side of 'or' (at " + column(operator) + ") must be a condition, not a string value");
                left = new Nodes.Or(l, r);
            }
            return left;
        }

        Node and() throws ExpressionException {
            Token start = peek();
            Node left = not();
            while (peek().kind() == Kind.AND) {
                Token operator = take();
                Bool l = requireBool(left, start, "the left side of 'and' must be a condition, not a string value");
                Token rightStart = peek();
                Bool r = requireBool(not(), rightStart, "the right side of 'and' (at " + column(operator) + ") must be a condition, not a string value");
                left = new Nodes.And(l, r);
            }
            return left;
        }

        Node not() throws ExpressionException {
            if (peek().kind() == Kind.NOT) {
                take();
                Token operand = peek();
                return new Nodes.Not(requireBool(not(), operand, "'not' needs a condition, not a string value"));
            }
            return equality();
        }

        Node equality() throws ExpressionException {
            Token start = peek();
            Node left = plus();
            if (peek().kind() != Kind.EQUAL) {
                return left;
            }
            Token operator = take();
            Str l = requireStr(left, start, "the left side of '==' must be a string value, not a condition");
            Token rightStart = peek();
            Str r = requireStr(plus(), rightStart, "the right side of '==' (at " + column(operator) + ") must be a string value, not a condition");
            if (peek().kind() == Kind.EQUAL) {
                throw error(peek(), "'==' cannot be chained: compare two values, then combine comparisons with 'and'");
            }
            return new Nodes.Equal(l, r);
        }

        Node plus() throws ExpressionException {
            Token start = peek();
            Node left = primary();
            while (peek().kind() == Kind.PLUS) {
                Token operator = take();
                Str l = requireStr(left, start, "the left side of '+' must be a string value, not a condition");
                Token rightStart = peek();
                Str r = requireStr(primary(), rightStart, "the right side of '+' (at " + column(operator) + ") must be a string value, not a condition");
                left = new Nodes.Concat(l, r, true);
            }
            return left;
        }

        // ---- values and conditions ----

        Node primary() throws ExpressionException {
            Token token = take();
            return switch (token.kind()) {
                case LPAREN -> {
                    Node inner = or();
                    expect(Kind.RPAREN, "to close the '(' at " + column(token));
                    yield inner;
                }
                case STRING_LITERAL, HEX_LITERAL, IP_ADDRESS -> new Nodes.Literal(token.bytes(), token.text());
                case INTEGER -> {
                    long value = uint32(token, "an integer value");
                    yield new Nodes.Literal(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value},
                            token.text());
                }
                case OPTION -> option();
                case RELAY4 -> relay4();
                case RELAY6 -> throw error(token, "relay6[...] reads DHCPv6 relay encapsulations; Kea refuses it in a DHCPv4 "
                        + "configuration (use relay4[sub-option] for option 82)");
                case PKT6 -> throw error(token, "pkt6 reads DHCPv6 packets; Kea refuses it in a DHCPv4 configuration "
                        + "(use pkt4.msgtype or pkt4.transid)");
                case PKT -> packet();
                case PKT4 -> packet4();
                case MEMBER -> member();
                case SUBSTRING -> substring();
                case SPLIT -> split();
                case CONCAT -> {
                    expect(Kind.LPAREN, "after concat");
                    Str a = stringArgument("concat's first argument");
                    expect(Kind.COMMA, "after concat's first argument");
                    Str b = stringArgument("concat's second argument");
                    expect(Kind.RPAREN, "after concat's second argument");
                    yield new Nodes.Concat(a, b, false);
                }
                case IFELSE -> {
                    expect(Kind.LPAREN, "after ifelse");
                    Token conditionStart = peek();
                    Bool condition = requireBool(or(), conditionStart, "ifelse's first argument must be a condition, not a string value");
                    expect(Kind.COMMA, "after ifelse's condition");
                    Str then = stringArgument("ifelse's second argument");
                    expect(Kind.COMMA, "after ifelse's second argument");
                    Str otherwise = stringArgument("ifelse's third argument");
                    expect(Kind.RPAREN, "after ifelse's third argument");
                    yield new Nodes.IfElse(condition, then, otherwise);
                }
                case HEXSTRING -> {
                    expect(Kind.LPAREN, "after hexstring");
                    Str value = stringArgument("hexstring's first argument");
                    expect(Kind.COMMA, "after hexstring's first argument");
                    Str separator = stringArgument("hexstring's separator");
                    expect(Kind.RPAREN, "after hexstring's separator");
                    yield new Nodes.HexString(value, separator);
                }
                case ADDRTOTEXT -> new Nodes.AddressToText(singleArgument("addrtotext"));
                case INT8TOTEXT -> new Nodes.IntegerToText(singleArgument("int8totext"), 1, true);
                case INT16TOTEXT -> new Nodes.IntegerToText(singleArgument("int16totext"), 2, true);
                case INT32TOTEXT -> new Nodes.IntegerToText(singleArgument("int32totext"), 4, true);
                case UINT8TOTEXT -> new Nodes.IntegerToText(singleArgument("uint8totext"), 1, false);
                case UINT16TOTEXT -> new Nodes.IntegerToText(singleArgument("uint16totext"), 2, false);
                case UINT32TOTEXT -> new Nodes.IntegerToText(singleArgument("uint32totext"), 4, false);
                case VENDOR -> vendor();
                case VENDOR_CLASS -> vendorClass();
                case END -> throw error(token, "the expression ends where a value or a condition is expected");
                default -> throw error(token, "expected a value or a condition, found " + token.describe());
            };
        }

        private Node option() throws ExpressionException {
            expect(Kind.LBRACKET, "after option");
            int code = optionCode();
            expect(Kind.RBRACKET, "after the option code");
            expect(Kind.DOT, "after option[" + code + "]");
            Token what = take();
            switch (what.kind()) {
                case EXISTS:
                    return new Nodes.OptionExists(code);
                case HEX:
                    return new Nodes.OptionValue(code, Repr.HEX, false);
                case TEXT:
                    return new Nodes.OptionValue(code, Repr.TEXT, KeaOptions.textMayFail(KeaOptions.kindOf(code, options.customOrNull(code))));
                case OPTION: {
                    expect(Kind.LBRACKET, "after option[" + code + "].option");
                    int sub = byteValue(expect(Kind.INTEGER, "as the sub-option code"), "a sub-option code");
                    expect(Kind.RBRACKET, "after the sub-option code");
                    expect(Kind.DOT, "after option[" + code + "].option[" + sub + "]");
                    Token form = take();
                    return switch (form.kind()) {
                        case EXISTS -> new Nodes.SubOptionExists(code, sub, false);
                        case HEX -> new Nodes.SubOptionValue(code, sub, Repr.HEX, false);
                        case TEXT -> new Nodes.SubOptionValue(code, sub, Repr.TEXT, false);
                        default -> throw error(form, "expected 'hex', 'text' or 'exists' after option[" + code + "].option[" + sub + "]., found "
                                + form.describe());
                    };
                }
                default:
                    throw error(what, "expected 'hex', 'text', 'exists' or 'option' after option[" + code + "]., found " + what.describe());
            }
        }

        private int optionCode() throws ExpressionException {
            Token token = take();
            if (token.kind() == Kind.INTEGER) {
                return byteValue(token, "an option code");
            }
            if (token.kind() == Kind.OPTION_NAME) {
                return options.codeOf(token.text()).orElseThrow(() -> error(token, "no DHCPv4 option is named '" + token.text()
                        + "' (names are Kea 2.2's standard option names and the configuration's option-def names)"));
            }
            throw error(token, "expected an option code or name after 'option[', found " + token.describe());
        }

        private Node relay4() throws ExpressionException {
            expect(Kind.LBRACKET, "after relay4");
            int sub = byteValue(expect(Kind.INTEGER, "as the relay agent sub-option code"), "a sub-option code");
            expect(Kind.RBRACKET, "after the sub-option code");
            expect(Kind.DOT, "after relay4[" + sub + "]");
            Token form = take();
            return switch (form.kind()) {
                case EXISTS -> new Nodes.SubOptionExists(82, sub, true);
                case HEX -> new Nodes.SubOptionValue(82, sub, Repr.HEX, true);
                case TEXT -> new Nodes.SubOptionValue(82, sub, Repr.TEXT, true);
                default -> throw error(form, "expected 'hex', 'text' or 'exists' after relay4[" + sub + "]., found " + form.describe());
            };
        }

        private Node packet() throws ExpressionException {
            expect(Kind.DOT, "after pkt");
            Token field = take();
            Nodes.Meta meta = switch (field.kind()) {
                case IFACE -> Nodes.Meta.IFACE;
                case SRC -> Nodes.Meta.SRC;
                case DST -> Nodes.Meta.DST;
                case LEN -> Nodes.Meta.LEN;
                default -> throw error(field, "expected 'iface', 'src', 'dst' or 'len' after pkt., found " + field.describe());
            };
            return new Nodes.PacketMeta(meta);
        }

        private Node packet4() throws ExpressionException {
            expect(Kind.DOT, "after pkt4");
            Token field = take();
            Nodes.Field4 which = switch (field.kind()) {
                case MAC -> Nodes.Field4.MAC;
                case HLEN -> Nodes.Field4.HLEN;
                case HTYPE -> Nodes.Field4.HTYPE;
                case CIADDR -> Nodes.Field4.CIADDR;
                case GIADDR -> Nodes.Field4.GIADDR;
                case YIADDR -> Nodes.Field4.YIADDR;
                case SIADDR -> Nodes.Field4.SIADDR;
                case MSGTYPE -> Nodes.Field4.MSGTYPE;
                case TRANSID -> Nodes.Field4.TRANSID;
                default -> throw error(field, "expected 'mac', 'hlen', 'htype', 'ciaddr', 'giaddr', 'yiaddr', 'siaddr', "
                        + "'msgtype' or 'transid' after pkt4., found " + field.describe());
            };
            return new Nodes.Packet4Field(which);
        }

        private Node member() throws ExpressionException {
            expect(Kind.LPAREN, "after member");
            Token name = expect(Kind.STRING_LITERAL, "as the class name (in single quotes)");
            String className = name.text().substring(1, name.text().length() - 1);
            if (!defined.test(className)) {
                throw error(name, "member('" + className + "') names a class that is neither built in nor defined before "
                        + "this one; Kea only lets a test use classes defined earlier");
            }
            expect(Kind.RPAREN, "after the class name");
            return new Nodes.Member(className);
        }

        private Node substring() throws ExpressionException {
            expect(Kind.LPAREN, "after substring");
            Str value = stringArgument("substring's first argument");
            expect(Kind.COMMA, "after substring's first argument");
            Token start = expect(Kind.INTEGER, "as substring's start (a literal integer)");
            expect(Kind.COMMA, "after substring's start");
            Token length = take();
            if (length.kind() != Kind.INTEGER && length.kind() != Kind.ALL) {
                throw error(length, "expected an integer or 'all' as substring's length, found " + length.describe());
            }
            expect(Kind.RPAREN, "after substring's length");
            boolean all = length.kind() == Kind.ALL;
            return new Nodes.Substring(value, start.integer(), all ? 0 : length.integer(), all);
        }

        private Node split() throws ExpressionException {
            expect(Kind.LPAREN, "after split");
            Str value = stringArgument("split's first argument");
            expect(Kind.COMMA, "after split's first argument");
            Str delimiters = stringArgument("split's delimiters");
            expect(Kind.COMMA, "after split's delimiters");
            Token field = expect(Kind.INTEGER, "as split's field number (a literal integer)");
            expect(Kind.RPAREN, "after split's field number");
            return new Nodes.Split(value, delimiters, field.integer());
        }

        private Node vendor() throws ExpressionException {
            if (accept(Kind.DOT)) {
                expect(Kind.ENTERPRISE, "after vendor.");
                return new Nodes.Enterprise(false);
            }
            expect(Kind.LBRACKET, "or '.' after vendor");
            long enterprise = enterprise();
            expect(Kind.RBRACKET, "after the enterprise number");
            String prefix = "vendor[" + (enterprise == 0 ? "*" : enterprise) + "]";
            expect(Kind.DOT, "after " + prefix);
            Token what = take();
            if (what.kind() == Kind.EXISTS) {
                return new Nodes.VendorExists(enterprise, prefix + ".exists");
            }
            if (what.kind() != Kind.OPTION) {
                throw error(what, "expected 'exists' or 'option' after " + prefix + "., found " + what.describe());
            }
            expect(Kind.LBRACKET, "after " + prefix + ".option");
            int sub = byteValue(expect(Kind.INTEGER, "as the vendor sub-option code"), "a sub-option code");
            expect(Kind.RBRACKET, "after the sub-option code");
            expect(Kind.DOT, "after " + prefix + ".option[" + sub + "]");
            Token form = take();
            return switch (form.kind()) {
                // Kea reads sub-option 0 as "the vendor option itself".
                case EXISTS -> sub == 0 ? new Nodes.VendorExists(enterprise, prefix + ".option[0].exists")
                        : new Nodes.VendorSubOptionExists(enterprise, sub);
                case HEX -> new Nodes.VendorSubOptionValue(enterprise, sub, Repr.HEX);
                case TEXT -> new Nodes.VendorSubOptionValue(enterprise, sub, Repr.TEXT);
                default -> throw error(form, "expected 'hex', 'text' or 'exists' after " + prefix + ".option[" + sub + "]., found "
                        + form.describe());
            };
        }

        private Node vendorClass() throws ExpressionException {
            if (accept(Kind.DOT)) {
                expect(Kind.ENTERPRISE, "after vendor-class.");
                return new Nodes.Enterprise(true);
            }
            expect(Kind.LBRACKET, "or '.' after vendor-class");
            long enterprise = enterprise();
            expect(Kind.RBRACKET, "after the enterprise number");
            String prefix = "vendor-class[" + (enterprise == 0 ? "*" : enterprise) + "]";
            expect(Kind.DOT, "after " + prefix);
            Token what = take();
            if (what.kind() == Kind.EXISTS) {
                return new Nodes.VendorClassExists(enterprise);
            }
            if (what.kind() != Kind.DATA) {
                throw error(what, "expected 'exists' or 'data' after " + prefix + "., found " + what.describe()
                        + (what.kind() == Kind.OPTION ? " (a vendor class carries data chunks, not sub-options)" : ""));
            }
            if (!accept(Kind.LBRACKET)) {
                return new Nodes.VendorClassData(enterprise, 0, false);
            }
            int index = byteValue(expect(Kind.INTEGER, "as the data chunk index"), "a data chunk index");
            expect(Kind.RBRACKET, "after the data chunk index");
            return new Nodes.VendorClassData(enterprise, index, true);
        }

        private long enterprise() throws ExpressionException {
            if (accept(Kind.ANY)) {
                return 0;
            }
            Token token = expect(Kind.INTEGER, "or '*' as the enterprise number");
            return uint32(token, "an enterprise number");
        }

        private Str stringArgument(String what) throws ExpressionException {
            Token start = peek();
            return requireStr(or(), start, what + " must be a string value, not a condition");
        }

        private Str singleArgument(String function) throws ExpressionException {
            expect(Kind.LPAREN, "after " + function);
            Str value = stringArgument(function + "'s argument");
            expect(Kind.RPAREN, "after " + function + "'s argument");
            return value;
        }

        private int byteValue(Token token, String what) throws ExpressionException {
            if (token.integer() < 0 || token.integer() > 255) {
                throw error(token, token.text() + " is out of range for " + what + " (0 to 255)");
            }
            return (int) token.integer();
        }

        private long uint32(Token token, String what) throws ExpressionException {
            if (token.integer() < 0 || token.integer() > 0xffff_ffffL) {
                throw error(token, token.text() + " is out of range for " + what + " (0 to 4294967295)");
            }
            return token.integer();
        }

        Bool requireBool(Node node, Token at, String message) throws ExpressionException {
            if (node instanceof Bool bool) {
                return bool;
            }
            throw error(at, message);
        }

        Str requireStr(Node node, Token at, String message) throws ExpressionException {
            if (node instanceof Str str) {
                return str;
            }
            throw error(at, message);
        }

        private String column(Token token) {
            return Integer.toString(token.start() + 1);
        }
    }
}
