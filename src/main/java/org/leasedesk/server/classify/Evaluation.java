package org.leasedesk.server.classify;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
 * expression. Per-option state lives in slots parallel to the message's own option list, so a packet
 * costs a few small arrays, and an option no test reads is never copied or decoded. Not thread-safe:
 * one per packet and thread.
 */
final class Evaluation {

    static final byte[] EMPTY = new byte[0];
    static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    private static final byte UNKNOWN = 0;
    private static final byte HELD = 1;
    private static final byte NOT_HELD = 2;
    private static final byte TEXT_FAILS = 3;

    final PacketView packet;
    final DhcpMessage message;
    private final OptionCatalog catalog;
    private Predicate<String> membership;

    // One slot per option of the message, plus one for option overload (52), which the message leaves to the codec.
    private final List<DhcpOption> options;
    private final int overload;
    private final int[] codes;
    private final byte[] state;
    private final byte[][] held;
    private KeaOptions.Kind[] kinds;
    private int[] subOptionStarts;
    private byte[][] texts;
    private int typedVendorSubOptions;

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
        this.options = message.options();
        WireLayout layout = message.wireLayout().orElse(null);
        this.overload = layout == null ? 0 : (layout.overloadsFile() ? 1 : 0) | (layout.overloadsSname() ? 2 : 0);
        int slots = options.size() + (overload != 0 ? 1 : 0);
        this.codes = new int[slots];
        for (int i = 0; i < options.size(); i++) {
            codes[i] = options.get(i).code();
        }
        if (overload != 0) {
            codes[slots - 1] = 52;
        }
        this.state = new byte[slots];
        this.held = new byte[slots][];
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

    private int slot(int code) {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] == code) {
                return i;
            }
        }
        return -1;
    }

    /** Option {@code code} as Kea holds it (see {@link KeaOptions#value}), or null when Kea holds none. */
    byte[] option(int code) {
        int slot = slot(code);
        return slot < 0 ? null : option(slot, code);
    }

    private byte[] option(int slot, int code) {
        if (state[slot] == UNKNOWN) {
            byte[] value = hold(slot, code);
            held[slot] = value;
            state[slot] = value == null ? NOT_HELD : HELD;
        }
        return held[slot];
    }

    /** How Kea renders option {@code code} in this packet (a split option is held untyped). */
    KeaOptions.Kind kind(int code) {
        int slot = slot(code);
        if (slot < 0 || option(slot, code) == null) {
            return KeaOptions.kindOf(code, catalog.customOrNull(code));
        }
        return kinds[slot];
    }

    /**
     * Decodes one option the way Kea 2.2 does: from the options field only (Kea 2.2 reads nothing from
     * file or sname under overload), pieces of a split option decoded one by one and then joined.
     */
    private byte[] hold(int slot, int code) {
        if (kinds == null) {
            kinds = new KeaOptions.Kind[codes.length];
            subOptionStarts = new int[codes.length];
        }
        KeaOptions.Kind kind = KeaOptions.kindOf(code, catalog.customOrNull(code));
        kinds[slot] = kind;
        subOptionStarts[slot] = KeaOptions.subOptionsStart(kind);
        if (slot >= options.size()) {
            return KeaOptions.value(code, kind, new byte[] {(byte) overload});
        }
        byte[] received = options.get(slot).value();
        WireLayout layout = message.wireLayout().orElse(null);
        int[] pieces = layout == null ? null : layout.pieceLengths(code);
        if (pieces == null || sum(pieces) != received.length) {
            // No layout, or one kept from another message (a builder copy that changed this option).
            return single(code, kind, received);
        }
        int inField = layout.piecesInOptionsField(code);
        if (inField == 0) {
            return null;
        }
        int heldLength = sum(Arrays.copyOf(pieces, inField));
        byte[] value = heldLength == received.length ? received : Arrays.copyOf(received, heldLength);
        if (inField == 1) {
            return single(code, kind, value);
        }
        KeaOptions.Held joined = KeaOptions.joined(code, kind, value, Arrays.copyOf(pieces, inField));
        if (joined == null) {
            return null;
        }
        kinds[slot] = joined.kind();
        subOptionStarts[slot] = joined.subOptions();
        if (code == 125) {
            typedVendorSubOptions = joined.typedSubOptions();
        }
        return joined.value();
    }

    private byte[] single(int code, KeaOptions.Kind kind, byte[] value) {
        if (code == 125) {
            typedVendorSubOptions = KeaOptions.typedVendorSubOptions(value);
        }
        return KeaOptions.value(code, kind, value);
    }

    private static int sum(int[] values) {
        int total = 0;
        for (int value : values) {
            total += value;
        }
        return total;
    }

    /** Kea's text of option {@code code}: the value itself for strings, Kea's rendering otherwise; null when absent. */
    byte[] optionText(int code) {
        int slot = slot(code);
        byte[] value = slot < 0 ? null : option(slot, code);
        if (value == null) {
            return null;
        }
        if (texts == null) {
            texts = new byte[codes.length][];
        }
        if (texts[slot] == null && state[slot] != TEXT_FAILS) {
            byte[] text = KeaOptions.text(code, kinds[slot], value, subOptionStarts[slot], code == 125 ? typedVendorSubOptions : 0);
            if (text == null) {
                state[slot] = TEXT_FAILS;
            }
            texts[slot] = text;
        }
        if (state[slot] == TEXT_FAILS) {
            failed = true; // Kea's rendering throws on a record field it cannot read
            return EMPTY;
        }
        return texts[slot];
    }

    /** Sub-option {@code sub} of option {@code code}; only 82 and 125 (and joined options) have sub-options before classification. */
    byte[] subOption(int code, int sub) {
        int slot = slot(code);
        byte[] parent = slot < 0 ? null : option(slot, code);
        if (parent == null) {
            return null;
        }
        int start = subOptionStarts[slot];
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
            mac = Arrays.copyOf(message.chaddr(), message.hlen());
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
            for (int slot = 0; slot < codes.length; slot++) {
                byte[] value = option(slot, codes[slot]);
                if (value != null) {
                    total += 2 + value.length;
                }
            }
            keaLength = total;
        }
        return keaLength;
    }
}
