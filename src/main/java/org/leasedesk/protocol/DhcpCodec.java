package org.leasedesk.protocol;

import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.leasedesk.protocol.MalformedPacketException.Reason;
import org.leasedesk.protocol.WireLayout.Area;

/**
 * DHCPv4 packets to {@link DhcpMessage} and back.
 *
 * <p>Decoding validates every length before reading, consumes at least one byte per loop step and
 * allocates only in proportion to the packet, so any input is rejected or accepted in time linear in
 * its size. It throws only {@link MalformedPacketException}. Encoding an unchanged decoded message
 * gives back the received bytes (see {@link WireLayout}); other messages are laid out afresh: options
 * in order, values over 255 bytes split (RFC 3396), END, zero padding to the BOOTP minimum of 300
 * bytes, and option overload into file and sname when the options field alone cannot stay within the
 * peer's maximum message size.
 */
public final class DhcpCodec {

    public static final int MAGIC_COOKIE = 0x63825363;
    /** RFC 2131: every client accepts 576-byte IP datagrams; option 57 may raise it. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 576;
    /** Option 57 counts the IP and UDP headers; the DHCP payload is this much smaller. */
    static final int IP_UDP_HEADERS = 28;
    /**
     * Whether raw bytes say they are a DISCOVER (option 53 in the options field), without decoding
     * them: cheap enough for a receive thread sorting packets for load shedding, and never used to
     * answer anything (the full decode decides that).
     */
    public static boolean isDiscover(byte[] packet) {
        int at = COOKIE_OFFSET + 4;
        while (at + 2 < packet.length) {
            int code = packet[at] & 0xff;
            if (code == 255) {
                return false;
            }
            if (code == 0) {
                at++;
                continue;
            }
            int length = packet[at + 1] & 0xff;
            if (code == 53) {
                return length == 1 && packet[at + 2] == 1;
            }
            at += 2 + length;
        }
        return false;
    }

    /** RFC 1542: relays may drop BOOTP messages shorter than this. */
    static final int BOOTP_MINIMUM = 300;

    static final int OVERLOAD_OPTION = 52;
    static final int OVERLOAD_FILE = 1;
    static final int OVERLOAD_SNAME = 2;

    static final int SNAME_OFFSET = 44;
    static final int FILE_OFFSET = 108;
    static final int COOKIE_OFFSET = 236;
    static final int OPTIONS_OFFSET = 240;

    private static final int PAD = 0;
    private static final int END = 255;
    private static final int MAX_PIECE = 255;

    // ---- decoding ----

    public DhcpMessage decode(byte[] packet) throws MalformedPacketException {
        return decode(packet, 0, packet.length);
    }

    /** Decodes the buffer's remaining bytes without moving its position. */
    public DhcpMessage decode(ByteBuffer buffer) throws MalformedPacketException {
        if (buffer.hasArray()) {
            return decode(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.get(buffer.position(), copy);
        return decode(copy);
    }

    public DhcpMessage decode(byte[] packet, int offset, int length) throws MalformedPacketException {
        Objects.checkFromIndexSize(offset, length, packet.length);
        if (length < OPTIONS_OFFSET) {
            throw new MalformedPacketException(Reason.TRUNCATED,
                    "packet has " + length + " bytes; the BOOTP header and magic cookie need " + OPTIONS_OFFSET);
        }
        int hlen = packet[offset + 2] & 0xff;
        if (hlen > HardwareAddress.MAX_LENGTH) {
            throw new MalformedPacketException(Reason.BAD_HEADER, "hlen is " + hlen + "; chaddr holds at most 16 bytes");
        }
        int cookie = readInt(packet, offset + COOKIE_OFFSET);
        if (cookie != MAGIC_COOKIE) {
            throw new MalformedPacketException(Reason.BAD_COOKIE, String.format("magic cookie is 0x%08x, not 0x63825363", cookie));
        }
        Scanner scanner = new Scanner(packet);
        Area optionsArea = scanner.area(offset + OPTIONS_OFFSET, offset + length, true);
        int overload = scanner.overload;
        // RFC 2131 4.1 order: the options field, then file, then sname.
        Area fileArea = (overload & OVERLOAD_FILE) != 0 ? scanner.area(offset + FILE_OFFSET, offset + COOKIE_OFFSET, false) : null;
        Area snameArea = (overload & OVERLOAD_SNAME) != 0 ? scanner.area(offset + SNAME_OFFSET, offset + FILE_OFFSET, false) : null;
        List<DhcpOption> options = scanner.options(offset, optionsArea, fileArea, snameArea);
        byte[] sname = snameArea != null ? new byte[DhcpMessage.SNAME_LENGTH]
                : Arrays.copyOfRange(packet, offset + SNAME_OFFSET, offset + FILE_OFFSET);
        byte[] file = fileArea != null ? new byte[DhcpMessage.FILE_LENGTH]
                : Arrays.copyOfRange(packet, offset + FILE_OFFSET, offset + COOKIE_OFFSET);
        try {
            return new DhcpMessage(
                    packet[offset] & 0xff, packet[offset + 1] & 0xff, hlen, packet[offset + 3] & 0xff,
                    readInt(packet, offset + 4), readShort(packet, offset + 8), readShort(packet, offset + 10),
                    Ipv4.fromBytes(packet, offset + 12), Ipv4.fromBytes(packet, offset + 16),
                    Ipv4.fromBytes(packet, offset + 20), Ipv4.fromBytes(packet, offset + 24),
                    Arrays.copyOfRange(packet, offset + 28, offset + SNAME_OFFSET), sname, file, options,
                    Optional.of(new WireLayout(overload, optionsArea, fileArea, snameArea)));
        } catch (IllegalArgumentException invalidOption) {
            // The header was checked above; what the message constructor rejects is an option value.
            if (invalidOption.getCause() instanceof MalformedPacketException precise) {
                throw precise;
            }
            throw invalidOption;
        }
    }

    /** Walks option areas, remembering each piece; option values are cut out afterwards. */
    private static final class Scanner {
        private final byte[] packet;
        private int overload;
        private final long[] seen = new long[4];
        private boolean duplicates;

        Scanner(byte[] packet) {
            this.packet = packet;
        }

        Area area(int start, int end, boolean optionsField) throws MalformedPacketException {
            int[] pieces = new int[16];
            int count = 0;
            int p = start;
            boolean sawEnd = false;
            while (p < end) {
                int code = packet[p] & 0xff;
                if (code == END) {
                    sawEnd = true;
                    p++;
                    break;
                }
                int piece;
                if (code == PAD) {
                    int run = 1;
                    while (p + run < end && run < MAX_PIECE && packet[p + run] == PAD) {
                        run++;
                    }
                    piece = run;
                    p += run;
                } else {
                    if (p + 1 >= end) {
                        throw new MalformedPacketException(Reason.OPTION_OVERRUN,
                                "option " + code + " at offset " + p + " has no length byte");
                    }
                    int length = packet[p + 1] & 0xff;
                    if (p + 2 + length > end) {
                        throw new MalformedPacketException(Reason.OPTION_OVERRUN, "option " + code + " at offset " + p + " claims "
                                + length + " bytes, only " + (end - p - 2) + " left in its area");
                    }
                    if (code == OVERLOAD_OPTION) {
                        checkOverload(optionsField, length, p);
                    } else {
                        long bit = 1L << (code & 63);
                        duplicates |= (seen[code >>> 6] & bit) != 0;
                        seen[code >>> 6] |= bit;
                    }
                    piece = code << 8 | length;
                    p += 2 + length;
                }
                if (count == pieces.length) {
                    pieces = Arrays.copyOf(pieces, count * 2);
                }
                pieces[count++] = piece;
            }
            return new Area(Arrays.copyOf(pieces, count), sawEnd, Arrays.copyOfRange(packet, p, end));
        }

        private void checkOverload(boolean optionsField, int length, int p) throws MalformedPacketException {
            if (!optionsField) {
                throw new MalformedPacketException(Reason.OVERLOAD_LOOP, "option overload (52) inside file or sname at offset " + p);
            }
            if (overload != 0) {
                throw new MalformedPacketException(Reason.OVERLOAD_LOOP, "option overload (52) appears twice");
            }
            if (length != 1) {
                throw new MalformedPacketException(Reason.BAD_OPTION_LENGTH, "option overload (52) has " + length + " bytes, not 1");
            }
            int value = packet[p + 2] & 0xff;
            if (value < 1 || value > 3) {
                throw new MalformedPacketException(Reason.OVERLOAD_LOOP, "option overload (52) has value " + value + ", not 1, 2 or 3");
            }
            overload = value;
        }

        /** Option values in first-appearance order, instances of one code concatenated (RFC 3396). */
        List<DhcpOption> options(int offset, Area optionsArea, Area fileArea, Area snameArea) {
            List<DhcpOption> options = new ArrayList<>();
            if (!duplicates) {
                forEachInstance(offset, optionsArea, fileArea, snameArea,
                        (code, from, length) -> options.add(new DhcpOption(code, Arrays.copyOfRange(packet, from, from + length))));
                return options;
            }
            int[] totals = new int[256];
            boolean[] present = new boolean[256];
            List<Integer> order = new ArrayList<>();
            forEachInstance(offset, optionsArea, fileArea, snameArea, (code, from, length) -> {
                if (!present[code]) {
                    present[code] = true;
                    order.add(code);
                }
                totals[code] += length;
            });
            byte[][] values = new byte[256][];
            for (int code : order) {
                values[code] = new byte[totals[code]];
            }
            int[] filled = new int[256];
            forEachInstance(offset, optionsArea, fileArea, snameArea, (code, from, length) -> {
                System.arraycopy(packet, from, values[code], filled[code], length);
                filled[code] += length;
            });
            for (int code : order) {
                options.add(new DhcpOption(code, values[code]));
            }
            return options;
        }

        private interface InstanceVisitor {
            void visit(int code, int valueOffset, int length);
        }

        private void forEachInstance(int offset, Area optionsArea, Area fileArea, Area snameArea, InstanceVisitor visitor) {
            visitArea(offset + OPTIONS_OFFSET, optionsArea, visitor);
            if (fileArea != null) {
                visitArea(offset + FILE_OFFSET, fileArea, visitor);
            }
            if (snameArea != null) {
                visitArea(offset + SNAME_OFFSET, snameArea, visitor);
            }
        }

        private void visitArea(int start, Area area, InstanceVisitor visitor) {
            int p = start;
            for (int piece : area.pieces()) {
                int code = piece >>> 8;
                int length = piece & 0xff;
                if (code == PAD) {
                    p += length;
                    continue;
                }
                if (code != OVERLOAD_OPTION) {
                    visitor.visit(code, p + 2, length);
                }
                p += 2 + length;
            }
        }
    }

    // ---- encoding ----

    /** Encodes within the message's own option 57 if it has one (a client's), else 576 bytes. */
    public byte[] encode(DhcpMessage message) {
        return encode(message, message.maxMessageSize().orElse(DEFAULT_MAX_MESSAGE_SIZE));
    }

    /**
     * Encodes within {@code maxMessageSize} (as in option 57: the IP datagram, headers included; values
     * below 576 are raised to 576, which every client must accept). A decoded message whose layout
     * still fits is written exactly as received.
     *
     * @throws IllegalArgumentException if the options cannot fit even with overload into file and sname
     */
    public byte[] encode(DhcpMessage message, int maxMessageSize) {
        WireLayout layout = message.wireLayout()
                .filter(received -> fits(message, received))
                .orElseGet(() -> plan(message, Math.max(maxMessageSize, DEFAULT_MAX_MESSAGE_SIZE) - IP_UDP_HEADERS));
        return write(message, layout);
    }

    /** A fresh layout: options field first, then file, then sname if overload is needed and allowed. */
    private static WireLayout plan(DhcpMessage message, int payloadLimit) {
        List<DhcpOption> options = message.options();
        int needed = 0;
        for (DhcpOption option : options) {
            needed += wireSize(option.length());
        }
        int optionsRoom = payloadLimit - OPTIONS_OFFSET - 1;
        if (needed <= optionsRoom) {
            Placement main = new Placement(optionsRoom);
            options.forEach(o -> main.placeWhole(o.code(), o.length()));
            return new WireLayout(0, main.toArea(paddingTo(BOOTP_MINIMUM - OPTIONS_OFFSET, needed + 1)), null, null);
        }
        boolean fileFree = allZero(message.file());
        boolean snameFree = allZero(message.sname());
        List<Placement> areas = new ArrayList<>();
        Placement main = new Placement(optionsRoom - 3);
        main.pieces.add(OVERLOAD_OPTION << 8 | 1);
        areas.add(main);
        Placement file = fileFree ? new Placement(DhcpMessage.FILE_LENGTH - 1) : null;
        Placement sname = snameFree ? new Placement(DhcpMessage.SNAME_LENGTH - 1) : null;
        if (file != null) {
            areas.add(file);
        }
        if (sname != null) {
            areas.add(sname);
        }
        int current = 0;
        for (DhcpOption option : options) {
            current = place(option, areas, current, needed, payloadLimit, fileFree, snameFree);
        }
        int overload = (file != null && !file.pieces.isEmpty() ? OVERLOAD_FILE : 0)
                | (sname != null && !sname.pieces.isEmpty() ? OVERLOAD_SNAME : 0);
        // The room given to main already left out the overload option's 3 bytes; END adds one.
        int mainUsed = optionsRoom - main.room + 1;
        return new WireLayout(overload,
                main.toArea(paddingTo(BOOTP_MINIMUM - OPTIONS_OFFSET, mainUsed)),
                (overload & OVERLOAD_FILE) != 0 ? file.toArea(file.room) : null,
                (overload & OVERLOAD_SNAME) != 0 ? sname.toArea(sname.room) : null);
    }

    /**
     * Places one option from area {@code current} on, splitting it (RFC 3396) only where a piece would
     * not fit whole in the next area either; returns the area the next option starts in.
     */
    private static int place(DhcpOption option, List<Placement> areas, int current, int needed, int payloadLimit,
                             boolean fileFree, boolean snameFree) {
        int remaining = option.length();
        boolean placed = false;
        int area = current;
        while (!placed || remaining > 0) {
            if (area == areas.size()) {
                throw new IllegalArgumentException("options need " + needed + " bytes; a message limited to " + (payloadLimit + IP_UDP_HEADERS)
                        + " bytes (IP and UDP headers included) has room for " + (payloadLimit - OPTIONS_OFFSET - 1) + " in the options field"
                        + (fileFree ? " plus 127 in file" : ", file is in use") + (snameFree ? " plus 63 in sname" : ", sname is in use"));
            }
            Placement here = areas.get(area);
            int piece = Math.min(remaining, MAX_PIECE);
            boolean fitsNext = area + 1 < areas.size() && 2 + piece <= areas.get(area + 1).room;
            if (2 + piece <= here.room) {
                here.add(option.code(), piece);
                remaining -= piece;
                placed = true;
            } else if (here.room >= 3 && !fitsNext) {
                int part = here.room - 2;
                here.add(option.code(), part);
                remaining -= part;
                placed = true;
                area++;
            } else {
                area++;
            }
        }
        return area;
    }

    /** Pieces planned for one area with the room (bytes before END) still free. */
    private static final class Placement {
        private final List<Integer> pieces = new ArrayList<>();
        private int room;

        Placement(int room) {
            this.room = room;
        }

        void add(int code, int length) {
            pieces.add(code << 8 | length);
            room -= 2 + length;
        }

        void placeWhole(int code, int length) {
            int remaining = length;
            do {
                int piece = Math.min(remaining, MAX_PIECE);
                add(code, piece);
                remaining -= piece;
            } while (remaining > 0);
        }

        Area toArea(int zeroPadding) {
            return new Area(pieces.stream().mapToInt(Integer::intValue).toArray(), true, new byte[Math.max(zeroPadding, 0)]);
        }
    }

    /**
     * Whether a received layout still describes the message exactly: the same codes in the same
     * first-appearance order with the same total lengths, and overloaded fields still empty.
     */
    private static boolean fits(DhcpMessage message, WireLayout layout) {
        if (layout.overloadsFile() && !allZero(message.file()) || layout.overloadsSname() && !allZero(message.sname())) {
            return false;
        }
        List<DhcpOption> options = message.options();
        int[] consumed = new int[options.size()];
        int[] firstSeen = {0};
        Area[] areas = {layout.options(), layout.file(), layout.sname()};
        for (Area area : areas) {
            if (area != null && !consume(area, options, consumed, firstSeen)) {
                return false;
            }
        }
        if (firstSeen[0] != options.size()) {
            return false;
        }
        for (int i = 0; i < consumed.length; i++) {
            if (consumed[i] != options.get(i).length()) {
                return false;
            }
        }
        return true;
    }

    private static byte[] write(DhcpMessage message, WireLayout layout) {
        List<DhcpOption> options = message.options();
        int[] written = new int[options.size()];
        byte[] out = new byte[layout.packetLength()];
        writeHeader(message, out);
        writeArea(layout.options(), out, OPTIONS_OFFSET, options, written, layout.overload());
        if (layout.file() != null) {
            writeArea(layout.file(), out, FILE_OFFSET, options, written, layout.overload());
        }
        if (layout.sname() != null) {
            writeArea(layout.sname(), out, SNAME_OFFSET, options, written, layout.overload());
        }
        return out;
    }

    /** Dry run of one area: counts bytes per option and checks that new codes come in message order. */
    private static boolean consume(Area area, List<DhcpOption> options, int[] consumed, int[] firstSeen) {
        for (int piece : area.pieces()) {
            int code = piece >>> 8;
            if (code == PAD || code == OVERLOAD_OPTION) {
                continue;
            }
            int index = indexOf(options, code, firstSeen[0]);
            if (index < 0) {
                return false;
            }
            if (index == firstSeen[0]) {
                firstSeen[0]++;
            }
            consumed[index] += piece & 0xff;
            if (consumed[index] > options.get(index).length()) {
                return false;
            }
        }
        return true;
    }

    /** Index among options already seen, or the next unseen one if it has this code; -1 otherwise. */
    private static int indexOf(List<DhcpOption> options, int code, int seen) {
        for (int i = 0; i < seen; i++) {
            if (options.get(i).code() == code) {
                return i;
            }
        }
        return seen < options.size() && options.get(seen).code() == code ? seen : -1;
    }

    private static void writeArea(Area area, byte[] out, int start, List<DhcpOption> options, int[] written, int overload) {
        int p = start;
        for (int piece : area.pieces()) {
            int code = piece >>> 8;
            int length = piece & 0xff;
            if (code == PAD) {
                p += length;
                continue;
            }
            out[p] = (byte) code;
            out[p + 1] = (byte) length;
            if (code == OVERLOAD_OPTION) {
                out[p + 2] = (byte) overload;
            } else {
                int index = indexOf(options, code, options.size());
                System.arraycopy(options.get(index).valueUnsafe(), written[index], out, p + 2, length);
                written[index] += length;
            }
            p += 2 + length;
        }
        if (area.end()) {
            out[p++] = (byte) END;
        }
        System.arraycopy(area.trailer(), 0, out, p, area.trailer().length);
    }

    /** The fixed header; sname and file are written too and overwritten by their areas when overloaded. */
    private static void writeHeader(DhcpMessage m, byte[] out) {
        out[0] = (byte) m.op();
        out[1] = (byte) m.htype();
        out[2] = (byte) m.hlen();
        out[3] = (byte) m.hops();
        writeInt(out, 4, m.xid());
        out[8] = (byte) (m.secs() >>> 8);
        out[9] = (byte) m.secs();
        out[10] = (byte) (m.flags() >>> 8);
        out[11] = (byte) m.flags();
        writeAddress(out, 12, m.ciaddr());
        writeAddress(out, 16, m.yiaddr());
        writeAddress(out, 20, m.siaddr());
        writeAddress(out, 24, m.giaddr());
        System.arraycopy(m.chaddr(), 0, out, 28, DhcpMessage.CHADDR_LENGTH);
        System.arraycopy(m.sname(), 0, out, SNAME_OFFSET, DhcpMessage.SNAME_LENGTH);
        System.arraycopy(m.file(), 0, out, FILE_OFFSET, DhcpMessage.FILE_LENGTH);
        writeInt(out, COOKIE_OFFSET, MAGIC_COOKIE);
    }

    private static int wireSize(int valueLength) {
        return valueLength == 0 ? 2 : valueLength + 2 * ((valueLength + MAX_PIECE - 1) / MAX_PIECE);
    }

    private static int paddingTo(int target, int used) {
        return Math.max(0, target - used);
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void writeAddress(byte[] out, int offset, Inet4Address address) {
        Ipv4.write(address, out, offset);
    }

    private static void writeInt(byte[] out, int offset, int value) {
        out[offset] = (byte) (value >>> 24);
        out[offset + 1] = (byte) (value >>> 16);
        out[offset + 2] = (byte) (value >>> 8);
        out[offset + 3] = (byte) value;
    }

    private static int readInt(byte[] b, int offset) {
        return (b[offset] & 0xff) << 24 | (b[offset + 1] & 0xff) << 16 | (b[offset + 2] & 0xff) << 8 | b[offset + 3] & 0xff;
    }

    private static int readShort(byte[] b, int offset) {
        return (b[offset] & 0xff) << 8 | b[offset + 1] & 0xff;
    }
}
