package org.leasedesk.report;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits a dhcpd.leases file into tokens: words, quoted strings (escapes decoded), and the
 * punctuation {@code ; { }}. Comments run from {@code #} to the end of the line. The file is read
 * as ISO-8859-1, one char per byte, so quoted strings keep their exact bytes (a uid is binary).
 */
final class DhcpdTokens {

    enum Kind { WORD, STRING, SEMICOLON, OPEN, CLOSE }

    record Token(Kind kind, String text, long line) {}

    /** Longer than any real value (a uid has at most 255 bytes, a host name 253). */
    static final int MAX_TOKEN = 4096;

    private final Reader in;
    private long line = 1;
    /** A character read ahead past the end of a word, already counted in {@link #line}; -2 for none. */
    private int pending = -2;

    DhcpdTokens(Reader in) {
        this.in = in;
    }

    /** The next token, or null at the end of the file. */
    Token next() throws IOException, MalformedTokenException {
        int c = read();
        while (true) {
            while (c != -1 && isSpace(c)) {
                c = read();
            }
            if (c != '#') {
                break;
            }
            while (c != -1 && c != '\n') {
                c = read();
            }
        }
        if (c == -1) {
            return null;
        }
        long start = line;
        return switch (c) {
            case ';' -> new Token(Kind.SEMICOLON, ";", start);
            case '{' -> new Token(Kind.OPEN, "{", start);
            case '}' -> new Token(Kind.CLOSE, "}", start);
            case '"' -> new Token(Kind.STRING, quoted(start), start);
            default -> new Token(Kind.WORD, word(c, start), start);
        };
    }

    private String word(int first, long start) throws IOException, MalformedTokenException {
        StringBuilder text = new StringBuilder().append((char) first);
        int c = read();
        while (c != -1 && !isSpace(c) && c != ';' && c != '{' && c != '}' && c != '"' && c != '#') {
            append(text, c, start);
            c = read();
        }
        pending = c;
        return text.toString();
    }

    private String quoted(long start) throws IOException, MalformedTokenException {
        StringBuilder text = new StringBuilder();
        for (int c = read(); c != '"'; c = read()) {
            if (c == -1) {
                throw new MalformedTokenException(start, "string not closed before the end of the file");
            }
            if (c == '\\') {
                c = escaped(start);
            }
            append(text, c, start);
        }
        return text.toString();
    }

    /** dhcpd writes bytes it will not print as three octal digits, and a quote or backslash with a backslash. */
    private int escaped(long start) throws IOException, MalformedTokenException {
        int c = read();
        if (c >= '0' && c <= '7') {
            int value = c - '0';
            for (int digits = 1; digits < 3; digits++) {
                int next = read();
                if (next < '0' || next > '7') {
                    throw new MalformedTokenException(start, "octal escape needs three digits");
                }
                value = value * 8 + next - '0';
            }
            if (value > 0xFF) {
                throw new MalformedTokenException(start, "octal escape above \\377");
            }
            return value;
        }
        return switch (c) {
            case -1 -> throw new MalformedTokenException(start, "backslash at the end of the file");
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            default -> c;
        };
    }

    private void append(StringBuilder text, int c, long start) throws MalformedTokenException {
        if (text.length() >= MAX_TOKEN) {
            throw new MalformedTokenException(start, "value longer than " + MAX_TOKEN + " characters");
        }
        text.append((char) c);
    }

    private int read() throws IOException {
        if (pending != -2) {
            int c = pending;
            pending = -2;
            return c;
        }
        int c = in.read();
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    /** A token that cannot be read; the parser reports it and resynchronises at the next lease. */
    static final class MalformedTokenException extends Exception {
        private final long line;

        MalformedTokenException(long line, String reason) {
            super(reason, null, false, false);
            this.line = line;
        }

        long line() {
            return line;
        }
    }
}
