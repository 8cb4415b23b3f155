package org.leasedesk.server.classify;

import java.nio.charset.StandardCharsets;

/**
 * IP address text as Kea reads and writes it (through the C library's inet_pton and inet_ntop):
 * strict dotted quads without leading zeros, IPv6 with one {@code ::} and an optional dotted tail,
 * and IPv6 written back in its shortest form. Never a name lookup.
 */
final class IpText {

    private IpText() {
    }

    /** Four bytes, or null when the text is not a dotted quad of 0-255 without leading zeros. */
    static byte[] parseV4(String text) {
        byte[] out = new byte[4];
        return parseV4Into(text, 0, text.length(), out, 0) ? out : null;
    }

    private static boolean parseV4Into(String text, int from, int to, byte[] out, int at) {
        int octets = 0;
        int value = -1;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (Lexer.isDigit(c)) {
                if (value == 0) {
                    return false; // a leading zero
                }
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return false;
                }
            } else if (c == '.' && value >= 0 && octets < 3) {
                out[at + octets++] = (byte) value;
                value = -1;
            } else {
                return false;
            }
        }
        if (value < 0 || octets != 3) {
            return false;
        }
        out[at + 3] = (byte) value;
        return true;
    }

    /** Sixteen bytes, or null when the text is not an IPv6 address. */
    static byte[] parseV6(String text) {
        byte[] out = new byte[16];
        int n = text.length();
        int i = 0;
        if (n >= 1 && text.charAt(0) == ':') {
            if (n < 2 || text.charAt(1) != ':') {
                return null;
            }
            i = 1;
        }
        int at = 0;
        int gap = -1;
        int groupStart = i;
        int value = 0;
        int digits = 0;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (Lexer.isHexDigit(c)) {
                if (++digits > 4) {
                    return null;
                }
                value = value << 4 | Character.digit(c, 16);
            } else if (c == ':') {
                groupStart = i + 1;
                if (digits == 0) {
                    if (gap >= 0) {
                        return null;
                    }
                    gap = at;
                    continue;
                }
                if (i + 1 == n || at + 2 > 16) {
                    return null;
                }
                out[at++] = (byte) (value >>> 8);
                out[at++] = (byte) value;
                value = 0;
                digits = 0;
            } else if (c == '.' && at + 4 <= 16) {
                if (!parseV4Into(text, groupStart, n, out, at)) {
                    return null;
                }
                at += 4;
                digits = 0;
                break;
            } else {
                return null;
            }
        }
        if (digits > 0) {
            if (at + 2 > 16) {
                return null;
            }
            out[at++] = (byte) (value >>> 8);
            out[at++] = (byte) value;
        }
        if (gap >= 0) {
            if (at == 16) {
                return null;
            }
            int tail = at - gap;
            System.arraycopy(out, gap, out, 16 - tail, tail);
            java.util.Arrays.fill(out, gap, 16 - tail, (byte) 0);
            at = 16;
        }
        return at == 16 ? out : null;
    }

    /** Dotted quad of four bytes at offset. */
    static String formatV4(byte[] b, int off) {
        return (b[off] & 0xff) + "." + (b[off + 1] & 0xff) + "." + (b[off + 2] & 0xff) + "." + (b[off + 3] & 0xff);
    }

    /** The C library's shortest IPv6 form: the longest run of two or more zero groups becomes '::'. */
    static String formatV6(byte[] b, int off) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = (b[off + 2 * i] & 0xff) << 8 | b[off + 2 * i + 1] & 0xff;
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (words[i] == 0) {
                if (curBase < 0) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase >= 0) {
                if (bestBase < 0 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase >= 0 && (bestBase < 0 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase >= 0 && bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    text.append(':');
                }
                continue;
            }
            if (i != 0) {
                text.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || bestLen == 5 && words[5] == 0xffff)) {
                text.append(formatV4(b, off + 12));
                return text.toString();
            }
            text.append(Integer.toHexString(words[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            text.append(':');
        }
        return text.toString();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
