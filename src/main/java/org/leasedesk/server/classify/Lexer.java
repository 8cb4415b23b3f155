package org.leasedesk.server.classify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Splits an expression into tokens the way Kea 2.2's scanner does: the longest possible token wins
 * (an option name only when a {@code ]} follows it), keywords need no separation from what follows
 * ({@code notmember('a')} is {@code not member('a')}), blanks, tabs and newlines separate tokens,
 * and strings are single-quoted with no escapes and no newline inside.
 */
final class Lexer {

    /** Token kinds; the label is how error messages name them. */
    enum Kind {
        END("the end of the expression"),
        LPAREN("'('"), RPAREN("')'"), LBRACKET("'['"), RBRACKET("']'"), DOT("'.'"), COMMA("','"), PLUS("'+'"),
        ANY("'*'"), EQUAL("'=='"),
        NOT("'not'"), AND("'and'"), OR("'or'"), OPTION("'option'"), RELAY4("'relay4'"), RELAY6("'relay6'"),
        MEMBER("'member'"), PEERADDR("'peeraddr'"), LINKADDR("'linkaddr'"), TEXT("'text'"), HEX("'hex'"),
        EXISTS("'exists'"), PKT("'pkt'"), IFACE("'iface'"), SRC("'src'"), DST("'dst'"), LEN("'len'"), PKT4("'pkt4'"),
        MAC("'mac'"), HLEN("'hlen'"), HTYPE("'htype'"), CIADDR("'ciaddr'"), GIADDR("'giaddr'"), YIADDR("'yiaddr'"),
        SIADDR("'siaddr'"), SUBSTRING("'substring'"), SPLIT("'split'"), ALL("'all'"), CONCAT("'concat'"),
        IFELSE("'ifelse'"), HEXSTRING("'hexstring'"), ADDRTOTEXT("'addrtotext'"), INT8TOTEXT("'int8totext'"),
        INT16TOTEXT("'int16totext'"), INT32TOTEXT("'int32totext'"), UINT8TOTEXT("'uint8totext'"),
        UINT16TOTEXT("'uint16totext'"), UINT32TOTEXT("'uint32totext'"), PKT6("'pkt6'"), MSGTYPE("'msgtype'"),
        TRANSID("'transid'"), VENDOR_CLASS("'vendor-class'"), VENDOR("'vendor'"), DATA("'data'"),
        ENTERPRISE("'enterprise'"),
        STRING_LITERAL("a string"), INTEGER("an integer"), HEX_LITERAL("a hex string"), OPTION_NAME("an option name"),
        IP_ADDRESS("an IP address");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /**
     * One token: where it starts and ends in the text, its text, and for literals the bytes it stands
     * for (strings as UTF-8, hex strings decoded, addresses in network order) or its integer value.
     */
    record Token(Kind kind, int start, int end, String text, byte[] bytes, long integer) {

        String describe() {
            return switch (kind) {
                case END -> kind.label;
                case STRING_LITERAL, INTEGER, HEX_LITERAL, OPTION_NAME, IP_ADDRESS -> kind.label + " " + text;
                default -> kind.label;
            };
        }
    }

    private static final String[] KEYWORDS = {
        "==", "option", "relay4", "relay6", "peeraddr", "linkaddr", "text", "hex", "exists", "pkt", "iface", "src",
        "dst", "len", "pkt4", "mac", "hlen", "htype", "ciaddr", "giaddr", "yiaddr", "siaddr", "pkt6", "msgtype",
        "transid", "vendor", "vendor-class", "data", "enterprise", "substring", "split", "all", "concat", "ifelse",
        "hexstring", "addrtotext", "int8totext", "int16totext", "int32totext", "uint8totext", "uint16totext",
        "uint32totext", "not", "and", "or", "member", ".", "(", ")", "[", "]", ",", "*", "+"
    };
    private static final Kind[] KEYWORD_KINDS = {
        Kind.EQUAL, Kind.OPTION, Kind.RELAY4, Kind.RELAY6, Kind.PEERADDR, Kind.LINKADDR, Kind.TEXT, Kind.HEX,
        Kind.EXISTS, Kind.PKT, Kind.IFACE, Kind.SRC, Kind.DST, Kind.LEN, Kind.PKT4, Kind.MAC, Kind.HLEN, Kind.HTYPE,
        Kind.CIADDR, Kind.GIADDR, Kind.YIADDR, Kind.SIADDR, Kind.PKT6, Kind.MSGTYPE, Kind.TRANSID, Kind.VENDOR,
        Kind.VENDOR_CLASS, Kind.DATA, Kind.ENTERPRISE, Kind.SUBSTRING, Kind.SPLIT, Kind.ALL, Kind.CONCAT, Kind.IFELSE,
        Kind.HEXSTRING, Kind.ADDRTOTEXT, Kind.INT8TOTEXT, Kind.INT16TOTEXT, Kind.INT32TOTEXT, Kind.UINT8TOTEXT,
        Kind.UINT16TOTEXT, Kind.UINT32TOTEXT, Kind.NOT, Kind.AND, Kind.OR, Kind.MEMBER, Kind.DOT, Kind.LPAREN,
        Kind.RPAREN, Kind.LBRACKET, Kind.RBRACKET, Kind.COMMA, Kind.ANY, Kind.PLUS
    };

    private final String text;

    private Lexer(String text) {
        this.text = text;
    }

    /** All tokens of the text, ending with one {@link Kind#END}. */
    static List<Token> tokens(String text) throws ExpressionException {
        return new Lexer(text).run();
    }

    private List<Token> run() throws ExpressionException {
        List<Token> tokens = new ArrayList<>();
        int p = 0;
        while (true) {
            while (p < text.length() && isBlank(text.charAt(p))) {
                p++;
            }
            if (p == text.length()) {
                tokens.add(new Token(Kind.END, p, p, "", null, 0));
                return tokens;
            }
            Token token = next(p);
            tokens.add(token);
            p = token.end();
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n';
    }

    /** The longest token at p; on equal lengths the earlier rule (string, hex, integer, name, address, keyword) wins. */
    private Token next(int p) throws ExpressionException {
        int best = 0;
        int rule = -1;
        int[] lengths = {stringLength(p), hexLength(p), integerLength(p), optionNameLength(p), addressLength(p), 0};
        int keyword = keywordAt(p);
        lengths[5] = keyword < 0 ? 0 : KEYWORDS[keyword].length();
        for (int r = 0; r < lengths.length; r++) {
            if (lengths[r] > best) {
                best = lengths[r];
                rule = r;
            }
        }
        return switch (rule) {
            case 0 -> {
                String content = text.substring(p + 1, p + best - 1);
                yield new Token(Kind.STRING_LITERAL, p, p + best, text.substring(p, p + best),
                        content.getBytes(StandardCharsets.UTF_8), 0);
            }
            case 1 -> {
                String digits = text.substring(p + 2, p + best);
                byte[] bytes = HexFormat.of().parseHex(digits.length() % 2 == 0 ? digits : "0" + digits);
                yield new Token(Kind.HEX_LITERAL, p, p + best, text.substring(p, p + best), bytes, 0);
            }
            case 2 -> integer(p, p + best);
            case 3 -> {
                // The match runs up to (not including) the ']'; the name itself is the text before any blanks.
                int end = p + best - 1;
                int nameEnd = p;
                while (nameEnd < end && !isBlank(text.charAt(nameEnd))) {
                    nameEnd++;
                }
                yield new Token(Kind.OPTION_NAME, p, end, text.substring(p, nameEnd), null, 0);
            }
            case 4 -> address(p, p + best);
            case 5 -> new Token(KEYWORD_KINDS[keyword], p, p + best, KEYWORDS[keyword], null, 0);
            default -> throw unexpectedCharacter(p);
        };
    }

    private int stringLength(int p) {
        if (text.charAt(p) != '\'') {
            return 0;
        }
        for (int q = p + 1; q < text.length(); q++) {
            char c = text.charAt(q);
            if (c == '\'') {
                return q - p + 1;
            }
            if (c == '\n') {
                return 0;
            }
        }
        return 0;
    }

    private int hexLength(int p) {
        if (p + 2 >= text.length() || text.charAt(p) != '0' || (text.charAt(p + 1) != 'x' && text.charAt(p + 1) != 'X')) {
            return 0;
        }
        int q = p + 2;
        while (q < text.length() && isHexDigit(text.charAt(q))) {
            q++;
        }
        return q == p + 2 ? 0 : q - p;
    }

    private int integerLength(int p) {
        int q = p;
        if (q < text.length() && text.charAt(q) == '-') {
            q++;
        }
        int digits = q;
        while (q < text.length() && isDigit(text.charAt(q))) {
            q++;
        }
        return q == digits ? 0 : q - p;
    }

    /** A name starting with a letter, then letters, digits, '-' and '_', ending in a letter or digit, then blanks and ']'. */
    private int optionNameLength(int p) {
        if (!isLetter(text.charAt(p))) {
            return 0;
        }
        int q = p + 1;
        while (q < text.length() && (isLetter(text.charAt(q)) || isDigit(text.charAt(q)) || text.charAt(q) == '-' || text.charAt(q) == '_')) {
            q++;
        }
        char last = text.charAt(q - 1);
        if (!isLetter(last) && !isDigit(last)) {
            return 0;
        }
        while (q < text.length() && isBlank(text.charAt(q))) {
            q++;
        }
        return q < text.length() && text.charAt(q) == ']' ? q + 1 - p : 0;
    }

    /** Kea's two address shapes: four dotted decimal runs, or anything hex with at least two colons. */
    private int addressLength(int p) {
        int v4 = 0;
        int q = p;
        for (int part = 0; part < 4; part++) {
            int digits = q;
            while (q < text.length() && isDigit(text.charAt(q))) {
                q++;
            }
            if (q == digits) {
                break;
            }
            if (part == 3) {
                v4 = q - p;
            } else if (q < text.length() && text.charAt(q) == '.') {
                q++;
            } else {
                break;
            }
        }
        int v6 = 0;
        q = p;
        while (q < text.length() && isHexDigit(text.charAt(q))) {
            q++;
        }
        if (q < text.length() && text.charAt(q) == ':') {
            q++;
            while (q < text.length() && isHexDigit(text.charAt(q))) {
                q++;
            }
            if (q < text.length() && text.charAt(q) == ':') {
                q++;
                while (q < text.length() && (isHexDigit(text.charAt(q)) || text.charAt(q) == ':' || text.charAt(q) == '.')) {
                    q++;
                }
                v6 = q - p;
            }
        }
        return Math.max(v4, v6);
    }

    private int keywordAt(int p) {
        int best = -1;
        for (int k = 0; k < KEYWORDS.length; k++) {
            if (text.startsWith(KEYWORDS[k], p) && (best < 0 || KEYWORDS[k].length() > KEYWORDS[best].length())) {
                best = k;
            }
        }
        return best;
    }

    private Token integer(int start, int end) throws ExpressionException {
        String digits = text.substring(start, end);
        try {
            return new Token(Kind.INTEGER, start, end, digits, null, Long.parseLong(digits));
        } catch (NumberFormatException tooLong) {
            throw new ExpressionException(text, start, "the integer " + digits + " does not fit in 64 bits");
        }
    }

    private Token address(int start, int end) throws ExpressionException {
        String literal = text.substring(start, end);
        byte[] bytes = literal.indexOf(':') >= 0 ? IpText.parseV6(literal) : IpText.parseV4(literal);
        if (bytes == null) {
            throw new ExpressionException(text, start, "'" + literal + "' is not a valid IP address");
        }
        return new Token(Kind.IP_ADDRESS, start, end, literal, bytes, 0);
    }

    private ExpressionException unexpectedCharacter(int p) {
        char c = text.charAt(p);
        if (c == '\'') {
            return new ExpressionException(text, p, "this string has no closing quote on its line");
        }
        if (c == '"') {
            return new ExpressionException(text, p, "strings are written in single quotes, like 'abc'");
        }
        if (isLetter(c)) {
            int q = p;
            while (q < text.length() && (isLetter(text.charAt(q)) || isDigit(text.charAt(q)) || text.charAt(q) == '-' || text.charAt(q) == '_')) {
                q++;
            }
            String word = text.substring(p, q);
            if (word.equals("known") || word.equals("unknown")) {
                return new ExpressionException(text, p, "Kea 2.2 has no '" + word + "' keyword; write "
                        + (word.equals("known") ? "member('KNOWN')" : "member('UNKNOWN')"));
            }
            return new ExpressionException(text, p, "unknown word '" + word + "'");
        }
        if (c == '=') {
            return new ExpressionException(text, p, "'=' is not an operator; comparison is '=='");
        }
        return new ExpressionException(text, p, "unexpected character '" + (c < ' ' || c == 127 ? String.format("\\u%04x", (int) c) : c) + "'");
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isHexDigit(char c) {
        return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
