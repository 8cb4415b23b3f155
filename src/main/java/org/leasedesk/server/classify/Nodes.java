package org.leasedesk.server.classify;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;

/**
 * The parsed form of an expression: a tree of conditions ({@link Bool}) and byte-string values
 * ({@link Str}) with Kea 2.2's semantics.
 *
 * <p>Kea evaluates every token of an expression, so an error anywhere (for example
 * {@code int8totext} of a two-byte value) makes the whole test fail even inside a branch that does not
 * decide the result. The tree keeps that: {@code and}, {@code or} and {@code ifelse} skip a side only
 * when that side cannot fail ({@link Node#canFail()}), which keeps the common cases fast.
 */
final class Nodes {

    private Nodes() {
    }

    sealed interface Node permits Bool, Str {

        /** Whether evaluating this node can make Kea throw, on some packet. */
        boolean canFail();

        /** The expression in Kea's syntax, fully parenthesised: shows how it was parsed. */
        String show();

        /** Adds the class names this node tests with member(). */
        void members(Set<String> into);
    }

    /** A condition: Kea's "true"/"false" strings, held as a boolean. */
    sealed interface Bool extends Node {
        boolean test(Evaluation e);
    }

    /** A byte string; evaluation leaves the result in the evaluation's current value. */
    sealed interface Str extends Node {
        void eval(Evaluation e);
    }

    /** How an option is read: its bytes, Kea's text for it, or whether it is there. */
    enum Repr {
        HEX, TEXT;

        String keyword() {
            return this == HEX ? "hex" : "text";
        }
    }

    // ---- conditions ----

    record Equal(Str left, Str right) implements Bool {
        @Override
        public boolean test(Evaluation e) {
            left.eval(e);
            byte[] a = e.bytes;
            int ao = e.offset;
            int al = e.length;
            right.eval(e);
            return java.util.Arrays.equals(a, ao, ao + al, e.bytes, e.offset, e.offset + e.length);
        }

        @Override
        public boolean canFail() {
            return left.canFail() || right.canFail();
        }

        @Override
        public String show() {
            return "(" + left.show() + " == " + right.show() + ")";
        }

        @Override
        public void members(Set<String> into) {
            left.members(into);
            right.members(into);
        }
    }

    record Not(Bool operand) implements Bool {
        @Override
        public boolean test(Evaluation e) {
            return !operand.test(e);
        }

        @Override
        public boolean canFail() {
            return operand.canFail();
        }

        @Override
        public String show() {
            return "(not " + operand.show() + ")";
        }

        @Override
        public void members(Set<String> into) {
            operand.members(into);
        }
    }

    record And(Bool left, Bool right) implements Bool {
        @Override
        public boolean test(Evaluation e) {
            boolean l = left.test(e);
            if (!l && !right.canFail()) {
                return false;
            }
            boolean r = right.test(e);
            return l && r;
        }

        @Override
        public boolean canFail() {
            return left.canFail() || right.canFail();
        }

        @Override
        public String show() {
            return "(" + left.show() + " and " + right.show() + ")";
        }

        @Override
        public void members(Set<String> into) {
            left.members(into);
            right.members(into);
        }
    }

    record Or(Bool left, Bool right) implements Bool {
        @Override
        public boolean test(Evaluation e) {
            boolean l = left.test(e);
            if (l && !right.canFail()) {
                return true;
            }
            boolean r = right.test(e);
            return l || r;
        }

        @Override
        public boolean canFail() {
            return left.canFail() || right.canFail();
        }

        @Override
        public String show() {
            return "(" + left.show() + " or " + right.show() + ")";
        }

        @Override
        public void members(Set<String> into) {
            left.members(into);
            right.members(into);
        }
    }

    /** member('name'): whether the packet is already in that class. */
    record Member(String name) implements Bool {
        @Override
        public boolean test(Evaluation e) {
            return e.member(name);
        }

        @Override
        public boolean canFail() {
            return false;
        }

        @Override
        public String show() {
            return "member('" + name + "')";
        }

        @Override
        public void members(Set<String> into) {
            into.add(name);
        }
    }

    /** option[code].exists. */
    record OptionExists(int code) implements Bool {
        @Override
        public boolean test(Evaluation e) {
            return e.option(code) != null;
        }

        @Override
        public boolean canFail() {
            return false;
        }

        @Override
        public String show() {
            return "option[" + code + "].exists";
        }

        @Override
        public void members(Set<String> into) {
        }
    }

    /** option[code].option[sub].exists, and relay4[sub].exists (code 82). */
    record SubOptionExists(int code, int sub, boolean relay4) implements Bool {
        @Override
        public boolean test(Evaluation e) {
            return e.subOption(code, sub) != null;
        }

        @Override
        public boolean canFail() {
            return false;
        }

        @Override
        public String show() {
            return relay4 ? "relay4[" + sub + "].exists" : "option[" + code + "].option[" + sub + "].exists";
        }

        @Override
        public void members(Set<String> into) {
        }
    }

    /**
     * vendor[enterprise].exists (0 matches any enterprise); also vendor[N].option[0].exists, which Kea
     * reads as the same thing.
     */
    record VendorExists(long enterprise, String source) implements Bool {
        @Override
        public boolean test(Evaluation e) {
            long actual = e.vendorEnterprise();
            return actual >= 0 && (enterprise == 0 || enterprise == actual);
        }

        @Override
        public boolean canFail() {
            return false;
        }

        @Override
        public String show() {
            return source;
        }

        @Override
        public void members(Set<String> into) {
        }
    }

    /** vendor[enterprise].option[sub].exists. */
    record VendorSubOptionExists(long enterprise, int sub) implements Bool {
        @Override
        public boolean test(Evaluation e) {
            long actual = e.vendorEnterprise();
            return actual >= 0 && (enterprise == 0 || enterprise == actual) && e.subOption(125, sub) != null;
        }

        @Override
        public boolean canFail() {
            return false;
        }

        @Override
        public String show() {
            return "vendor[" + (enterprise == 0 ? "*" : enterprise) + "].option[" + sub + "].exists";
        }

        @Override
        public void members(Set<String> into) {
        }
    }

    /** vendor-class[enterprise].exists. */
    record VendorClassExists(long enterprise) implements Bool {
        @Override
        public boolean test(Evaluation e) {
            long actual = e.vendorClassEnterprise();
            return actual >= 0 && (enterprise == 0 || enterprise == actual);
        }

        @Override
        public boolean canFail() {
            return false;
        }

        @Override
        public String show() {
            return "vendor-class[" + (enterprise == 0 ? "*" : enterprise) + "].exists";
        }

        @Override
        public void members(Set<String> into) {
        }
    }

    // ---- values ----

    /** A string, hex string, IP address or integer literal, with the text it was written as. */
    record Literal(byte[] value, String source) implements Str {
        @Override
        public void eval(Evaluation e) {
            e.set(value);
        }

        @Override
        public boolean canFail() {
            return false;
        }

        @Override
        public String show() {
            return source;
        }

        @Override
        public void members(Set<String> into) {
        }
    }

    /** option[code].hex and option[code].text; the empty string when the option is absent. */
    record OptionValue(int code, Repr repr, boolean mayFail) implements Str {
        @Override
        public void eval(Evaluation e) {
            byte[] value = repr == Repr.HEX ? e.option(code) : e.optionText(code);
            e.set(value == null ? Evaluation.EMPTY : value);
        }

        @Override
        public boolean canFail() {
            return mayFail;
        }

        @Override
        public String show() {
            return "option[" + code + "]." + repr.keyword();
        }

        @Override
        public void members(Set<String> into) {
        }
    }

    /** option[code].option[sub].hex|text and relay4[sub].hex|text; the empty string when absent. */
    record SubOptionValue(int code, int sub, Repr repr, boolean relay4) implements Str {
        @Override
        public void eval(Evaluation e) {
            byte[] value = e.subOption(code, sub);
            if (value != null && repr == Repr.TEXT) {
                value = e.subOptionText(code, sub, value);
            }
            e.set(value == null ? Evaluation.EMPTY : value);
        }

        @Override
        public boolean canFail() {
            return false;
        }

        @Override
        public String show() {
            return (relay4 ? "relay4[" + sub + "]" : "option[" + code + "].option[" + sub + "]") + "." + repr.keyword();
        }

        @Override
        public void members(Set<String> into) {
        }
    }

    /** vendor[enterprise].option[sub].hex|text. Sub-option 0 is Kea's quirk: 'true' when the vendor option matches. */
    record VendorSubOptionValue(long enterprise, int sub, Repr repr) implements Str {
        @Override
        public void eval(Evaluation e) {
            long actual = e.vendorEnterprise();
            if (actual < 0 || enterprise != 0 && enterprise != actual) {
                e.set(Evaluation.EMPTY);
                return;
            }
            if (sub == 0) {
                e.set(Evaluation.TRUE);
                return;
            }
            byte[] value = e.subOption(125, sub);
            if (value != null && repr == Repr.TEXT) {
                value = e.subOptionText(125, sub, value);
            }
            e.set(value == null ? Evaluation.EMPTY : value);
        }

        @Override
        public boolean canFail() {
            return false;
        }

        @Override
        public String show() {
            return "vendor[" + (enterprise == 0 ? "*" : enterprise) + "].option[" + sub + "]." + repr.keyword();
        }

        @Override
        public void members(Set<String> into) {
        }
    }

    /** vendor.enterprise and vendor-class.enterprise: 4 bytes, or empty when the option is absent. */
    record Enterprise(boolean vendorClass) implements Str {
        @Override
        public void eval(Evaluation e) {
            long enterprise = vendorClass ? e.vendorClassEnterprise() : e.vendorEnterprise();
            if (enterprise < 0) {
                e.set(Evaluation.EMPTY);
            } else {
                writeUint32(e, enterprise);
            }
        }

        @Override
        public boolean canFail() {
            return false;
        }

        @Override
        public String show() {
            return vendorClass ? "vendor-class.enterprise" : "vendor.enterprise";
        }

        @Override
        public void members(Set<String> into) {
        }
    }

    /** vendor-class[enterprise].data[index]: that data chunk, or empty. */
    record VendorClassData(long enterprise, int index, boolean indexWritten) implements Str {
        @Override
        public void eval(Evaluation e) {
            long actual = e.vendorClassEnterprise();
            byte[] chunk = actual < 0 || enterprise != 0 && enterprise != actual ? null
                    : KeaOptions.vendorClassData(e.option(124), index);
            e.set(chunk == null ? Evaluation.EMPTY : chunk);
        }

        @Override
        public boolean canFail() {
            return false;
        }

        @Override
        public String show() {
            return "vendor-class[" + (enterprise == 0 ? "*" : enterprise) + "].data" + (indexWritten ? "[" + index + "]" : "");
        }

        @Override
        public void members(Set<String> into) {
        }
    }

    enum Meta {
        IFACE, SRC, DST, LEN
    }

    /** pkt.iface, pkt.src, pkt.dst (4 bytes), pkt.len (4 bytes). */
    record PacketMeta(Meta field) implements Str {
        @Override
        public void eval(Evaluation e) {
            switch (field) {
                case IFACE -> e.set(e.interfaceName());
                case SRC -> writeUint32(e, e.packet.source().toLong());
                case DST -> writeUint32(e, e.packet.destination().toLong());
                case LEN -> writeUint32(e, e.keaLength());
            }
        }

        @Override
        public boolean canFail() {
            return false;
        }

        @Override
        public String show() {
            return "pkt." + field.name().toLowerCase();
        }

        @Override
        public void members(Set<String> into) {
        }
    }

    enum Field4 {
        MAC, HLEN, HTYPE, CIADDR, GIADDR, YIADDR, SIADDR, MSGTYPE, TRANSID
    }

    /** pkt4.*: mac is hlen bytes of chaddr; addresses 4 bytes; hlen, htype, msgtype and transid 4 bytes. */
    record Packet4Field(Field4 field) implements Str {
        @Override
        public void eval(Evaluation e) {
            switch (field) {
                case MAC -> e.set(e.mac());
                case HLEN -> writeUint32(e, e.message.hlen());
                case HTYPE -> writeUint32(e, e.message.htype());
                case CIADDR -> writeAddress(e, e.message.ciaddr());
                case GIADDR -> writeAddress(e, e.message.giaddr());
                case YIADDR -> writeAddress(e, e.message.yiaddr());
                case SIADDR -> writeAddress(e, e.message.siaddr());
                case MSGTYPE -> {
                    byte[] type = e.option(53);
                    writeUint32(e, type == null ? 0 : type[0] & 0xff);
                }
                case TRANSID -> writeUint32(e, e.message.xid() & 0xffff_ffffL);
            }
        }

        @Override
        public boolean canFail() {
            return false;
        }

        @Override
        public String show() {
            return "pkt4." + field.name().toLowerCase();
        }

        @Override
        public void members(Set<String> into) {
        }
    }

    /**
     * substring(value, start, length|all) with Kea's rules: negative start counts from the end, negative
     * length takes bytes before start, out of range gives the empty string. Start and length are read as
     * C ints when evaluated: a literal beyond that range fails unless the value is empty.
     */
    record Substring(Str value, long start, long length, boolean all) implements Str {
        @Override
        public void eval(Evaluation e) {
            value.eval(e);
            int size = e.length;
            if (size == 0) {
                return;
            }
            if (!fitsInt(start) || !all && !fitsInt(length)) {
                e.failed = true;
                return;
            }
            int from = (int) start;
            int count = all ? size : (int) length;
            if (from < -size || from >= size) {
                e.set(e.bytes, e.offset, 0);
                return;
            }
            if (from < 0) {
                from += size;
            }
            if (count < 0) {
                count = -count; // stays negative for the smallest int, as in C
                if (count <= from) {
                    from -= count;
                } else {
                    count = from;
                    from = 0;
                }
            }
            if (from < 0 || from > size || count < 0) {
                e.failed = true; // the C++ substr would throw
                return;
            }
            e.set(e.bytes, e.offset + from, Math.min(count, size - from));
        }

        @Override
        public boolean canFail() {
            return value.canFail() || !fitsInt(start) || !all && (!fitsInt(length) || length == Integer.MIN_VALUE);
        }

        @Override
        public String show() {
            return "substring(" + value.show() + ", " + start + ", " + (all ? "all" : Long.toString(length)) + ")";
        }

        @Override
        public void members(Set<String> into) {
            value.members(into);
        }
    }

    /** split(value, delimiters, field): field numbers start at 1; each delimiter byte separates fields. */
    record Split(Str value, Str delimiters, long field) implements Str {
        @Override
        public void eval(Evaluation e) {
            value.eval(e);
            byte[] v = e.bytes;
            int vo = e.offset;
            int vl = e.length;
            delimiters.eval(e);
            if (vl == 0) {
                e.set(v, vo, 0);
                return;
            }
            if (!fitsInt(field)) {
                e.failed = true;
                return;
            }
            byte[] d = e.bytes;
            int dOff = e.offset;
            int dLen = e.length;
            if (dLen == 0) {
                e.set(v, vo, vl);
                return;
            }
            int wanted = (int) field;
            int current = 1;
            int fieldStart = vo;
            for (int i = vo; i <= vo + vl; i++) {
                boolean boundary = i == vo + vl || isDelimiter(v[i], d, dOff, dLen);
                if (boundary) {
                    if (current == wanted) {
                        e.set(v, fieldStart, i - fieldStart);
                        return;
                    }
                    current++;
                    fieldStart = i + 1;
                }
            }
            e.set(v, vo, 0);
        }

        private static boolean isDelimiter(byte b, byte[] d, int from, int count) {
            for (int i = from; i < from + count; i++) {
                if (d[i] == b) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean canFail() {
            return value.canFail() || delimiters.canFail() || !fitsInt(field);
        }

        @Override
        public String show() {
            return "split(" + value.show() + ", " + delimiters.show() + ", " + field + ")";
        }

        @Override
        public void members(Set<String> into) {
            value.members(into);
            delimiters.members(into);
        }
    }

    /** concat(a, b) and a + b. */
    record Concat(Str left, Str right, boolean plus) implements Str {
        @Override
        public void eval(Evaluation e) {
            left.eval(e);
            byte[] a = e.bytes;
            int ao = e.offset;
            int al = e.length;
            right.eval(e);
            if (al == 0) {
                return;
            }
            if (e.length == 0) {
                e.set(a, ao, al);
                return;
            }
            int at = e.reserve(al + e.length);
            byte[] out = e.scratchArray();
            System.arraycopy(a, ao, out, at, al);
            System.arraycopy(e.bytes, e.offset, out, at + al, e.length);
            e.set(out, at, al + e.length);
        }

        @Override
        public boolean canFail() {
            return left.canFail() || right.canFail();
        }

        @Override
        public String show() {
            return plus ? "(" + left.show() + " + " + right.show() + ")" : "concat(" + left.show() + ", " + right.show() + ")";
        }

        @Override
        public void members(Set<String> into) {
            left.members(into);
            right.members(into);
        }
    }

    /** ifelse(condition, then, else). */
    record IfElse(Bool condition, Str then, Str otherwise) implements Str {
        @Override
        public void eval(Evaluation e) {
            boolean c = condition.test(e);
            if (c) {
                then.eval(e);
                if (otherwise.canFail()) {
                    byte[] b = e.bytes;
                    int o = e.offset;
                    int l = e.length;
                    otherwise.eval(e);
                    e.set(b, o, l);
                }
            } else {
                if (then.canFail()) {
                    then.eval(e);
                }
                otherwise.eval(e);
            }
        }

        @Override
        public boolean canFail() {
            return condition.canFail() || then.canFail() || otherwise.canFail();
        }

        @Override
        public String show() {
            return "ifelse(" + condition.show() + ", " + then.show() + ", " + otherwise.show() + ")";
        }

        @Override
        public void members(Set<String> into) {
            condition.members(into);
            then.members(into);
            otherwise.members(into);
        }
    }

    /** hexstring(value, separator): two lower-case hex digits per byte, separated. */
    record HexString(Str value, Str separator) implements Str {
        @Override
        public void eval(Evaluation e) {
            value.eval(e);
            byte[] v = e.bytes;
            int vo = e.offset;
            int vl = e.length;
            separator.eval(e);
            if (vl == 0) {
                e.set(v, vo, 0);
                return;
            }
            byte[] s = e.bytes;
            int so = e.offset;
            int sl = e.length;
            int size = vl * 2 + (vl - 1) * sl;
            int at = e.reserve(size);
            byte[] out = e.scratchArray();
            int p = at;
            for (int i = 0; i < vl; i++) {
                if (i > 0) {
                    System.arraycopy(s, so, out, p, sl);
                    p += sl;
                }
                out[p++] = (byte) Character.forDigit((v[vo + i] >> 4) & 0xf, 16);
                out[p++] = (byte) Character.forDigit(v[vo + i] & 0xf, 16);
            }
            e.set(out, at, size);
        }

        @Override
        public boolean canFail() {
            return value.canFail() || separator.canFail();
        }

        @Override
        public String show() {
            return "hexstring(" + value.show() + ", " + separator.show() + ")";
        }

        @Override
        public void members(Set<String> into) {
            value.members(into);
            separator.members(into);
        }
    }

    /** addrtotext(value): 4 or 16 bytes as address text; empty stays empty; any other size fails. */
    record AddressToText(Str value) implements Str {
        @Override
        public void eval(Evaluation e) {
            value.eval(e);
            if (e.length == 0) {
                return;
            }
            String text;
            if (e.length == 4) {
                text = IpText.formatV4(e.bytes, e.offset);
            } else if (e.length == 16) {
                text = IpText.formatV6(e.bytes, e.offset);
            } else {
                e.failed = true;
                return;
            }
            writeAscii(e, text);
        }

        @Override
        public boolean canFail() {
            return true;
        }

        @Override
        public String show() {
            return "addrtotext(" + value.show() + ")";
        }

        @Override
        public void members(Set<String> into) {
            value.members(into);
        }
    }

    /** int8totext ... uint32totext: a value of exactly 1, 2 or 4 bytes as decimal; empty stays empty. */
    record IntegerToText(Str value, int size, boolean signed) implements Str {
        @Override
        public void eval(Evaluation e) {
            value.eval(e);
            if (e.length == 0) {
                return;
            }
            if (e.length != size) {
                e.failed = true;
                return;
            }
            long n = 0;
            for (int i = 0; i < size; i++) {
                n = n << 8 | e.bytes[e.offset + i] & 0xff;
            }
            if (signed) {
                n = n << (64 - size * 8) >> (64 - size * 8);
            }
            writeAscii(e, Long.toString(n));
        }

        @Override
        public boolean canFail() {
            return true;
        }

        @Override
        public String show() {
            return (signed ? "int" : "uint") + size * 8 + "totext(" + value.show() + ")";
        }

        @Override
        public void members(Set<String> into) {
            value.members(into);
        }
    }

    // ---- helpers ----

    static boolean fitsInt(long n) {
        return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE;
    }

    static void writeUint32(Evaluation e, long value) {
        int at = e.reserve(4);
        byte[] out = e.scratchArray();
        out[at] = (byte) (value >>> 24);
        out[at + 1] = (byte) (value >>> 16);
        out[at + 2] = (byte) (value >>> 8);
        out[at + 3] = (byte) value;
        e.set(out, at, 4);
    }

    private static void writeAddress(Evaluation e, java.net.Inet4Address address) {
        byte[] bytes = address.getAddress();
        e.set(bytes);
    }

    private static void writeAscii(Evaluation e, String text) {
        int at = e.reserve(text.length());
        byte[] out = e.scratchArray();
        for (int i = 0; i < text.length(); i++) {
            out[at + i] = (byte) text.charAt(i);
        }
        e.set(out, at, text.length());
    }

    static String quote(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        return text.indexOf('\'') < 0 ? "'" + text + "'" : "0x" + HexFormat.of().formatHex(value);
    }
}
