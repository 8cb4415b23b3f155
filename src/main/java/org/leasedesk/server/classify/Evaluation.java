package org.leasedesk.server.classify;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.DhcpOption;
import org.leasedesk.protocol.WireLayout;

/**
 * The state of evaluating expressions against one packet: the packet's options as Kea holds them
 * (decoded lazily, once per packet, shared by every class tested), the value just computed, a scratch
 * area for computed values, and whether Kea would have failed.
 *
 * <p>Values are byte strings handed between nodes as a slice ({@link #bytes}, {@link #offset},
 * {@link #length}) so that option values, literals and substrings are never copied; only
 * concatenations and conversions write into the scratch area, which is reused for the next
 * expression. Not thread-safe: one per packet and thread.
 */
final class Evaluation {

    private static final byte[] ABSENT = new byte[0];
    static final byte[] EMPTY = new byte[0];
    static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    final PacketView packet;
    final DhcpMessage message;
    private final OptionCatalog catalog;
    private Predicate<String> membership;

    private byte[][] raw;
    private final byte[][] kea = new byte[256][];
    private final KeaOptions.Kind[] kinds = new KeaOptions.Kind[256];
    private final int[] subOptionStarts = new int[256];
    private int typedVendorSubOptions;
    private byte[][] texts;
    private byte[] mac;
    private byte[] iface;
    private int keaLength = -1;

    // The current value.
    byte[] bytes = EMPTY;
    int offset;
    int length;

    /** Set when Kea would have thrown while evaluating: the class then does not match. */
    boolean failed;

    private byte[] scratch = new byte[64];
    private int used;

    Evaluation(PacketView packet, OptionCatalog catalog, Predicate<String> membership) {
        this.packet = packet;
        this.message = packet.message();
        this.catalog = catalog;
        this.membership = membership;
    }

    /** Starts a new expression on the same packet: scratch space and failure are reset, option values kept. */
    void reset(Predicate<String> membership) {
        this.membership = membership;
        this.failed = false;
        this.used = 0;
        set(EMPTY);
    }

    boolean member(String name) {
        return membership.test(name);
    }

    // ---- the current value ----

    void set(byte[] value) {
        bytes = value;
        offset = 0;
        length = value.length;
    }

    void set(byte[] value, int from, int count) {
        bytes = value;
        offset = from;
        length = count;
    }

    void setBoolean(boolean value) {
        set(value ? TRUE : FALSE);
    }

    /**
     * Room for {@code count} computed bytes; returns the offset in {@link #scratchArray()} to write at.
     * Earlier values stay valid: a full area is replaced, never overwritten.
     */
    int reserve(int count) {
        if (used + count > scratch.length) {
            scratch = new byte[Math.max(scratch.length * 2, count + 64)];
            used = 0;
        }
        int at = used;
        used += count;
        return at;
    }

    byte[] scratchArray() {
        return scratch;
    }

    // ---- the packet as Kea holds it ----

    /** Option {@code code} as Kea holds it (see {@link KeaOptions#value}), or null when Kea holds none. */
    byte[] option(int code) {
        byte[] cached = kea[code];
        if (cached == null) {
            cached = hold(code);
            kea[code] = cached == null ? ABSENT : cached;
        }
        return cached == ABSENT ? null : cached;
    }

    /** How Kea renders option {@code code} in this packet (a split option is held untyped). */
    KeaOptions.Kind kind(int code) {
        option(code);
        return kinds[code];
    }

    /**
     * Decodes one option the way Kea 2.2 does: from the options field only (Kea 2.2 reads nothing from
     * file or sname under overload), pieces of a split option decoded one by one and then joined.
     */
    private byte[] hold(int code) {
        KeaOptions.Kind kind = KeaOptions.kindOf(code, catalog.customOrNull(code));
        kinds[code] = kind;
        subOptionStarts[code] = KeaOptions.subOptionsStart(kind);
        byte[] received = raw()[code];
        if (received == null) {
            return null;
        }
        WireLayout layout = message.wireLayout().orElse(null);
        if (code == 125) {
            typedVendorSubOptions = KeaOptions.typedVendorSubOptions(received);
        }
        if (layout == null || code == 52) {
            return KeaOptions.value(code, kind, received);
        }
        int[] pieces = layout.pieceLengths(code);
        int total = 0;
        for (int piece : pieces) {
            total += piece;
        }
        if (total != received.length) {
            // A layout kept from another message (a builder copy that changed this option) says nothing here.
            return KeaOptions.value(code, kind, received);
        }
        int inField = layout.piecesInOptionsField(code);
        if (inField == 0) {
            return null;
        }
        int held = 0;
        for (int i = 0; i < inField; i++) {
            held += pieces[i];
        }
        byte[] value = held == received.length ? received : java.util.Arrays.copyOf(received, held);
        if (inField == 1) {
            if (code == 125) {
                typedVendorSubOptions = KeaOptions.typedVendorSubOptions(value);
            }
            return KeaOptions.value(code, kind, value);
        }
        KeaOptions.Held joined = KeaOptions.joined(code, kind, value, java.util.Arrays.copyOf(pieces, inField));
        if (joined == null) {
            return null;
        }
        kinds[code] = joined.kind();
        subOptionStarts[code] = joined.subOptions();
        if (code == 125) {
            typedVendorSubOptions = joined.typedSubOptions();
        }
        return joined.value();
    }

    /** Kea's text of option {@code code}: the value itself for strings, Kea's rendering otherwise; null when absent. */
    byte[] optionText(int code) {
        byte[] value = option(code);
        if (value == null) {
            return null;
        }
        if (texts == null) {
            texts = new byte[256][];
        }
        byte[] text = texts[code];
        if (text == null) {
            text = KeaOptions.text(code, kinds[code], value, subOptionStarts[code], code == 125 ? typedVendorSubOptions : 0);
            texts[code] = text = text == null ? ABSENT : text;
        }
        if (text == ABSENT) {
            failed = true; // Kea's rendering throws on a record field it cannot read
            return EMPTY;
        }
        return text;
    }

    /** Sub-option {@code sub} of option {@code code}; only 82 and 125 have sub-options in Kea before classification. */
    byte[] subOption(int code, int sub) {
        byte[] parent = option(code);
        if (parent == null) {
            return null;
        }
        int start = subOptionStarts[code];
        return start < 0 ? null : KeaOptions.subOption(parent, start, sub);
    }

    /** Kea's text of a sub-option of 82 or 125 (see {@link #subOption}). */
    byte[] subOptionText(int code, int sub, byte[] value) {
        return KeaOptions.subOptionText(sub, value, code == 125 ? typedVendorSubOptions : 0);
    }

    /** The enterprise number of option 125 as Kea holds it, or -1 when Kea holds no such option. */
    long vendorEnterprise() {
        byte[] vendor = option(125);
        return vendor == null || kind(125) != KeaOptions.Kind.VENDOR ? -1 : KeaOptions.uint32(vendor, 0);
    }

    /** The enterprise number of option 124, or -1. */
    long vendorClassEnterprise() {
        byte[] vendorClass = option(124);
        return vendorClass == null || kind(124) != KeaOptions.Kind.VENDOR_CLASS ? -1 : KeaOptions.uint32(vendorClass, 0);
    }

    /** chaddr's first hlen bytes, Kea's hardware address. */
    byte[] mac() {
        if (mac == null) {
            mac = java.util.Arrays.copyOf(message.chaddr(), message.hlen());
        }
        return mac;
    }

    byte[] interfaceName() {
        if (iface == null) {
            iface = packet.interfaceName().getBytes(StandardCharsets.UTF_8);
        }
        return iface;
    }

    /** Kea's packet length: the 236-byte fixed header plus each option it holds, header included. */
    int keaLength() {
        if (keaLength < 0) {
            int total = 236;
            byte[][] received = raw();
            for (int code = 0; code < 256; code++) {
                if (received[code] != null) {
                    byte[] value = option(code);
                    if (value != null) {
                        total += 2 + value.length;
                    }
                }
            }
            keaLength = total;
        }
        return keaLength;
    }

    private byte[][] raw() {
        if (raw == null) {
            raw = new byte[256][];
            List<DhcpOption> options = message.options();
            for (int i = 0; i < options.size(); i++) {
                DhcpOption option = options.get(i);
                raw[option.code()] = option.value();
            }
            // The message leaves option overload (52) to the codec; Kea 2.2 keeps it as an option.
            WireLayout layout = message.wireLayout().orElse(null);
            if (layout != null && (layout.overloadsFile() || layout.overloadsSname())) {
                raw[52] = new byte[] {(byte) ((layout.overloadsFile() ? 1 : 0) | (layout.overloadsSname() ? 2 : 0))};
            }
        }
        return raw;
    }
}
