package org.leasedesk.server.classify;

import java.io.ByteArrayOutputStream;

/** RFC 1035 names in option values, read the way Kea's DNS name class reads and prints them. */
final class WireNames {

    private static final int MAX_NAME = 255;

    private WireNames() {
    }

    /** Index just after the terminating zero of the uncompressed name at p, or -1 if there is none. */
    static int end(byte[] v, int p) {
        int total = 0;
        while (p < v.length) {
            int length = v[p] & 0xff;
            if (length == 0) {
                return total + 1 <= MAX_NAME ? p + 1 : -1;
            }
            if (length > 63 || p + 1 + length > v.length) {
                return -1;
            }
            total += 1 + length;
            p += 1 + length;
        }
        return -1;
    }

    /** Like {@link #end} but a name may also stop at the end of the value (a partial name). */
    static int partialEnd(byte[] v, int p) {
        while (p < v.length) {
            int length = v[p] & 0xff;
            if (length == 0) {
                return p + 1;
            }
            if (length > 63 || p + 1 + length > v.length) {
                return -1;
            }
            p += 1 + length;
        }
        return p;
    }

    /**
     * The name at p as text: labels joined by dots, special characters escaped with a backslash and
     * other bytes outside printable ASCII as {@code \DDD}; the root is ".".
     */
    static String text(byte[] v, int p, boolean finalDot) {
        StringBuilder s = new StringBuilder();
        boolean any = false;
        while (p < v.length && v[p] != 0) {
            int length = v[p] & 0xff;
            if (p + 1 + length > v.length) {
                break;
            }
            if (any) {
                s.append('.');
            }
            for (int i = p + 1; i <= p + length; i++) {
                int c = v[i] & 0xff;
                if (c == '"' || c == '(' || c == ')' || c == '.' || c == ';' || c == '\\' || c == '@' || c == '$') {
                    s.append('\\').append((char) c);
                } else if (c > 0x20 && c < 0x7f) {
                    s.append((char) c);
                } else {
                    s.append('\\').append((char) ('0' + c / 100)).append((char) ('0' + c / 10 % 10)).append((char) ('0' + c % 10));
                }
            }
            any = true;
            p += 1 + length;
        }
        if (!any) {
            return ".";
        }
        return finalDot ? s.append('.').toString() : s.toString();
    }

    /**
     * A list of names that may use compression pointers to earlier names, written back as plain
     * names one after another; null when the list does not decode.
     */
    static byte[] uncompressList(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 2);
        int p = 0;
        while (p < raw.length) {
            int next = -1;
            int at = p;
            int lowest = p; // a pointer must reach before the name, and each further one before the last
            int total = 0;
            while (true) {
                if (at >= raw.length) {
                    return null;
                }
                int length = raw[at] & 0xff;
                if ((length & 0xc0) == 0xc0) {
                    if (at + 1 >= raw.length) {
                        return null;
                    }
                    int target = (length & 0x3f) << 8 | raw[at + 1] & 0xff;
                    if (next < 0) {
                        next = at + 2;
                    }
                    if (target >= lowest) {
                        return null; // pointers only reach back, so they never loop
                    }
                    lowest = target;
                    at = target;
                    continue;
                }
                if (length > 63 || at + 1 + length > raw.length) {
                    return null;
                }
                total += 1 + length;
                if (total > MAX_NAME) {
                    return null;
                }
                out.write(raw, at, 1 + length);
                at += 1 + length;
                if (length == 0) {
                    break;
                }
            }
            p = next >= 0 ? next : at;
        }
        return out.toByteArray();
    }
}
