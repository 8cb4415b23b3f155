package org.leasedesk.protocol;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A DHCPv4 message (RFC 2131): every BOOTP header field and the options in order, each option whole
 * (RFC 3396 concatenation already done). Immutable; arrays are copied in and out; equality is by
 * content and ignores the {@link WireLayout}, which only remembers how a received packet was laid out.
 *
 * <p>Known options are checked against {@link OptionRegistry#standard()} on construction, so the typed
 * accessors below never meet a value of the wrong shape. Option 52 (overload) is never a message
 * option: the codec decides it.
 */
public record DhcpMessage(
        int op,
        int htype,
        int hlen,
        int hops,
        int xid,
        int secs,
        int flags,
        Inet4Address ciaddr,
        Inet4Address yiaddr,
        Inet4Address siaddr,
        Inet4Address giaddr,
        byte[] chaddr,
        byte[] sname,
        byte[] file,
        List<DhcpOption> options,
        Optional<WireLayout> wireLayout) {

    public static final int BOOTREQUEST = 1;
    public static final int BOOTREPLY = 2;
    public static final int HTYPE_ETHERNET = 1;
    public static final int FLAG_BROADCAST = 0x8000;
    public static final int CHADDR_LENGTH = 16;
    public static final int SNAME_LENGTH = 64;
    public static final int FILE_LENGTH = 128;

    public DhcpMessage {
        requireRange("op", op, 0xff);
        requireRange("htype", htype, 0xff);
        requireRange("hlen", hlen, HardwareAddress.MAX_LENGTH);
        requireRange("hops", hops, 0xff);
        requireRange("secs", secs, 0xffff);
        requireRange("flags", flags, 0xffff);
        Objects.requireNonNull(ciaddr, "ciaddr");
        Objects.requireNonNull(yiaddr, "yiaddr");
        Objects.requireNonNull(siaddr, "siaddr");
        Objects.requireNonNull(giaddr, "giaddr");
        chaddr = requireLength("chaddr", chaddr, CHADDR_LENGTH);
        sname = requireLength("sname", sname, SNAME_LENGTH);
        file = requireLength("file", file, FILE_LENGTH);
        options = List.copyOf(options);
        Objects.requireNonNull(wireLayout, "wireLayout");
        long[] seen = new long[4];
        for (DhcpOption option : options) {
            int code = option.code();
            long bit = 1L << (code & 63);
            if ((seen[code >>> 6] & bit) != 0) {
                throw new IllegalArgumentException("option " + code + " appears twice; a message holds each option once (values are concatenated)");
            }
            seen[code >>> 6] |= bit;
            try {
                OptionRegistry.standard().validate(code, option.valueUnsafe());
            } catch (MalformedPacketException invalid) {
                // The codec unwraps the cause to keep the precise reason.
                throw new IllegalArgumentException(invalid.getMessage(), invalid);
            }
        }
    }

    // ---- header views ----

    @Override
    public byte[] chaddr() {
        return chaddr.clone();
    }

    @Override
    public byte[] sname() {
        return sname.clone();
    }

    @Override
    public byte[] file() {
        return file.clone();
    }

    public boolean isRequest() {
        return op == BOOTREQUEST;
    }

    public boolean broadcast() {
        return (flags & FLAG_BROADCAST) != 0;
    }

    public HardwareAddress hardwareAddress() {
        return new HardwareAddress(Arrays.copyOf(chaddr, hlen));
    }

    /** The sname field as text up to the first NUL (empty when it carries overloaded options). */
    public String serverName() {
        return nulTerminated(sname);
    }

    /** The file field as text up to the first NUL (empty when it carries overloaded options). */
    public String bootFile() {
        return nulTerminated(file);
    }

    // ---- options ----

    public Optional<DhcpOption> option(int code) {
        for (DhcpOption option : options) {
            if (option.code() == code) {
                return Optional.of(option);
            }
        }
        return Optional.empty();
    }

    /** The raw value of any option, known or not. */
    public Optional<byte[]> raw(int code) {
        return option(code).map(DhcpOption::value);
    }

    public boolean has(int code) {
        return option(code).isPresent();
    }

    public Optional<MessageType> messageType() {
        return value(53).flatMap(v -> MessageType.fromCode(v[0] & 0xff));
    }

    public Optional<Inet4Address> subnetMask() {
        return address(1);
    }

    public List<Inet4Address> routers() {
        return addresses(3);
    }

    public List<Inet4Address> domainNameServers() {
        return addresses(6);
    }

    public Optional<String> hostName() {
        return text(12);
    }

    public Optional<String> domainName() {
        return text(15);
    }

    public Optional<Inet4Address> broadcastAddress() {
        return address(28);
    }

    public List<Inet4Address> ntpServers() {
        return addresses(42);
    }

    public Optional<byte[]> vendorEncapsulatedOptions() {
        return raw(43);
    }

    public Optional<Inet4Address> requestedAddress() {
        return address(50);
    }

    public OptionalLong leaseTime() {
        return unsigned32(51);
    }

    public Optional<Inet4Address> serverIdentifier() {
        return address(54);
    }

    /** Option 55 as a list of option codes, in the client's order of preference. */
    public List<Integer> parameterRequestList() {
        return value(55).map(v -> {
            List<Integer> codes = new ArrayList<>(v.length);
            for (byte b : v) {
                codes.add(b & 0xff);
            }
            return List.copyOf(codes);
        }).orElse(List.of());
    }

    public OptionalInt maxMessageSize() {
        Optional<byte[]> v = value(57);
        return v.isPresent() ? OptionalInt.of((v.get()[0] & 0xff) << 8 | v.get()[1] & 0xff) : OptionalInt.empty();
    }

    public OptionalLong renewalTime() {
        return unsigned32(58);
    }

    public OptionalLong rebindingTime() {
        return unsigned32(59);
    }

    public Optional<String> vendorClassIdentifier() {
        return text(60);
    }

    public Optional<byte[]> clientIdentifier() {
        return raw(61);
    }

    public Optional<String> tftpServerName() {
        return text(66);
    }

    public Optional<String> bootFileName() {
        return text(67);
    }

    public Optional<ClientFqdn> clientFqdn() {
        return structured(81, ClientFqdn::decode);
    }

    public Optional<RelayAgentInformation> relayAgentInformation() {
        return structured(82, RelayAgentInformation::decode);
    }

    public Optional<Inet4Address> subnetSelection() {
        return address(118);
    }

    public Optional<DomainSearchList> domainSearch() {
        return structured(119, DomainSearchList::decode);
    }

    public Optional<ClasslessStaticRoutes> classlessStaticRoutes() {
        return structured(121, ClasslessStaticRoutes::decode);
    }

    // ---- text ----

    /**
     * One line for logs and lists, e.g.
     * {@code DHCPREQUEST xid=0x3903f326 chaddr=00:0c:29:aa:bb:cc ciaddr=0.0.0.0 req=192.0.2.10 srv=192.0.2.1 host=pc1}.
     */
    public String summary() {
        StringBuilder line = new StringBuilder(typeName());
        line.append(" xid=0x").append(HexFormat.of().toHexDigits(xid));
        line.append(" chaddr=").append(hardwareAddress());
        line.append(" ciaddr=").append(ciaddr.getHostAddress());
        appendIfSet(line, "yiaddr", yiaddr);
        appendIfSet(line, "giaddr", giaddr);
        requestedAddress().ifPresent(a -> line.append(" req=").append(a.getHostAddress()));
        serverIdentifier().ifPresent(a -> line.append(" srv=").append(a.getHostAddress()));
        leaseTime().ifPresent(t -> line.append(" lease=").append(t));
        value(12).ifPresent(v -> line.append(" host=").append(OptionRegistry.standard().format(12, v)));
        return line.toString();
    }

    /** Every header field and every option with code, registry name and value, like a packet analyser. */
    public String details() {
        OptionRegistry registry = OptionRegistry.standard();
        StringBuilder text = new StringBuilder(typeName()).append('\n');
        field(text, "op", op + (op == BOOTREQUEST ? " (BOOTREQUEST)" : op == BOOTREPLY ? " (BOOTREPLY)" : " (unknown)"));
        field(text, "htype", htype + (htype == HTYPE_ETHERNET ? " (Ethernet)" : ""));
        field(text, "hlen", Integer.toString(hlen));
        field(text, "hops", Integer.toString(hops));
        field(text, "xid", "0x" + HexFormat.of().toHexDigits(xid));
        field(text, "secs", Integer.toString(secs));
        field(text, "flags", "0x" + HexFormat.of().toHexDigits((short) flags) + (broadcast() ? " (broadcast)" : " (unicast)"));
        field(text, "ciaddr", ciaddr.getHostAddress());
        field(text, "yiaddr", yiaddr.getHostAddress());
        field(text, "siaddr", siaddr.getHostAddress());
        field(text, "giaddr", giaddr.getHostAddress());
        field(text, "chaddr", hardwareAddress().toString());
        boolean snameOverloaded = wireLayout.map(WireLayout::overloadsSname).orElse(false);
        boolean fileOverloaded = wireLayout.map(WireLayout::overloadsFile).orElse(false);
        field(text, "sname", snameOverloaded ? "(carries options)" : quoted(serverName()));
        field(text, "file", fileOverloaded ? "(carries options)" : quoted(bootFile()));
        text.append("options:\n");
        for (DhcpOption option : options) {
            String value = registry.format(option.code(), option.valueUnsafe());
            if (option.code() == MessageType.OPTION_CODE) {
                value += " (" + typeName() + ")";
            }
            text.append(String.format("  %3d %-28s %3d  %s\n", option.code(), registry.nameOf(option.code()), option.length(), value));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return summary();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DhcpMessage that
                && op == that.op && htype == that.htype && hlen == that.hlen && hops == that.hops && xid == that.xid
                && secs == that.secs && flags == that.flags
                && ciaddr.equals(that.ciaddr) && yiaddr.equals(that.yiaddr) && siaddr.equals(that.siaddr) && giaddr.equals(that.giaddr)
                && Arrays.equals(chaddr, that.chaddr) && Arrays.equals(sname, that.sname) && Arrays.equals(file, that.file)
                && options.equals(that.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, htype, hlen, hops, xid, secs, flags, ciaddr, yiaddr, siaddr, giaddr,
                Arrays.hashCode(chaddr), Arrays.hashCode(sname), Arrays.hashCode(file), options);
    }

    // ---- building ----

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this message's fields and layout, to change a few of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A client's DISCOVER (RFC 2131 4.4.1): broadcast, no addresses. */
    public static Builder discover(HardwareAddress client, int xid) {
        return clientMessage(client, xid, MessageType.DISCOVER);
    }

    /** REQUEST in SELECTING: accepts one server's offer, naming it in option 54. */
    public static Builder requestSelecting(HardwareAddress client, int xid, Inet4Address offered, Inet4Address server) {
        return clientMessage(client, xid, MessageType.REQUEST).requestedAddress(offered).serverIdentifier(server);
    }

    /** REQUEST in INIT-REBOOT: asks to keep a remembered address; no server identifier, ciaddr zero. */
    public static Builder requestInitReboot(HardwareAddress client, int xid, Inet4Address remembered) {
        return clientMessage(client, xid, MessageType.REQUEST).requestedAddress(remembered);
    }

    /** REQUEST in RENEWING: ciaddr set, no 50 and no 54; sent unicast to the leasing server. */
    public static Builder requestRenewing(HardwareAddress client, int xid, Inet4Address leased) {
        return clientMessage(client, xid, MessageType.REQUEST).ciaddr(leased);
    }

    /** REQUEST in REBINDING: the same message as RENEWING; only the transport differs (broadcast). */
    public static Builder requestRebinding(HardwareAddress client, int xid, Inet4Address leased) {
        return requestRenewing(client, xid, leased);
    }

    /** RELEASE: ciaddr is the released address, option 54 names the server; never answered. */
    public static Builder release(HardwareAddress client, int xid, Inet4Address leased, Inet4Address server) {
        return clientMessage(client, xid, MessageType.RELEASE).ciaddr(leased).serverIdentifier(server);
    }

    /** DECLINE: the address found in use goes in option 50, ciaddr stays zero. */
    public static Builder decline(HardwareAddress client, int xid, Inet4Address declined, Inet4Address server) {
        return clientMessage(client, xid, MessageType.DECLINE).requestedAddress(declined).serverIdentifier(server);
    }

    /** INFORM: the client already has ciaddr and asks only for configuration. */
    public static Builder inform(HardwareAddress client, int xid, Inet4Address address) {
        return clientMessage(client, xid, MessageType.INFORM).ciaddr(address);
    }

    /**
     * The start of any server reply: op BOOTREPLY; xid, htype, hlen, chaddr, flags, giaddr and hops
     * copied from the request (hops as Kea does, so a relay chain sees its own count); option 53, then
     * 54; the client identifier (RFC 6842) and subnet selection (RFC 3011, as Kea does) echoed, and
     * relay agent information echoed last (RFC 3046).
     */
    public static Builder replyTo(DhcpMessage request, MessageType type, Inet4Address server) {
        Builder reply = builder().op(BOOTREPLY).htype(request.htype).hlen(request.hlen).chaddr(request.chaddr)
                .xid(request.xid).flags(request.flags).giaddr(request.giaddr).hops(request.hops)
                .messageType(type).serverIdentifier(server);
        request.option(61).ifPresent(reply::option);
        request.option(118).ifPresent(reply::option);
        request.option(82).ifPresent(reply::option);
        return reply;
    }

    /** OFFER: yiaddr is the offered address, with its lease time; ciaddr zero (RFC 2131 table 3). */
    public static Builder offer(DhcpMessage request, Inet4Address server, Inet4Address offered, long leaseSeconds) {
        return replyTo(request, MessageType.OFFER, server).yiaddr(offered).leaseTime(leaseSeconds);
    }

    /** ACK to a REQUEST: ciaddr copied from the request, yiaddr the bound address, lease time set. */
    public static Builder ack(DhcpMessage request, Inet4Address server, Inet4Address bound, long leaseSeconds) {
        return replyTo(request, MessageType.ACK, server).ciaddr(request.ciaddr).yiaddr(bound).leaseTime(leaseSeconds);
    }

    /** ACK to an INFORM: ciaddr copied, no yiaddr and no lease time (RFC 2131 4.3.5). */
    public static Builder informAck(DhcpMessage request, Inet4Address server) {
        return replyTo(request, MessageType.ACK, server).ciaddr(request.ciaddr);
    }

    /**
     * NAK with an explanation in option 56. Through a relay the broadcast bit is set so the relay
     * broadcasts it to a client that may have no usable address (RFC 2131 4.3.2).
     */
    public static Builder nak(DhcpMessage request, Inet4Address server, String reason) {
        Builder nak = replyTo(request, MessageType.NAK, server).option(56, reason.getBytes(StandardCharsets.US_ASCII));
        return request.giaddr.equals(Ipv4.ANY) ? nak : nak.flags(request.flags | FLAG_BROADCAST);
    }

    private static Builder clientMessage(HardwareAddress client, int xid, MessageType type) {
        return builder().op(BOOTREQUEST).hardwareAddress(HTYPE_ETHERNET, client).xid(xid).messageType(type);
    }

    /** Collects fields for a {@link DhcpMessage}; starts as an empty BOOTREQUEST with zero addresses. */
    public static final class Builder {
        private int op = BOOTREQUEST;
        private int htype = HTYPE_ETHERNET;
        private int hlen;
        private int hops;
        private int xid;
        private int secs;
        private int flags;
        private Inet4Address ciaddr = Ipv4.ANY;
        private Inet4Address yiaddr = Ipv4.ANY;
        private Inet4Address siaddr = Ipv4.ANY;
        private Inet4Address giaddr = Ipv4.ANY;
        private byte[] chaddr = new byte[CHADDR_LENGTH];
        private byte[] sname = new byte[SNAME_LENGTH];
        private byte[] file = new byte[FILE_LENGTH];
        private final List<DhcpOption> options = new ArrayList<>();
        private Optional<WireLayout> wireLayout = Optional.empty();

        private Builder() {
        }

        private Builder(DhcpMessage m) {
            op = m.op;
            htype = m.htype;
            hlen = m.hlen;
            hops = m.hops;
            xid = m.xid;
            secs = m.secs;
            flags = m.flags;
            ciaddr = m.ciaddr;
            yiaddr = m.yiaddr;
            siaddr = m.siaddr;
            giaddr = m.giaddr;
            chaddr = m.chaddr;
            sname = m.sname;
            file = m.file;
            options.addAll(m.options);
            wireLayout = m.wireLayout;
        }

        public Builder op(int op) {
            this.op = op;
            return this;
        }

        public Builder htype(int htype) {
            this.htype = htype;
            return this;
        }

        public Builder hlen(int hlen) {
            this.hlen = hlen;
            return this;
        }

        public Builder hops(int hops) {
            this.hops = hops;
            return this;
        }

        public Builder xid(int xid) {
            this.xid = xid;
            return this;
        }

        public Builder secs(int secs) {
            this.secs = secs;
            return this;
        }

        public Builder flags(int flags) {
            this.flags = flags;
            return this;
        }

        public Builder broadcast(boolean broadcast) {
            this.flags = broadcast ? flags | FLAG_BROADCAST : flags & ~FLAG_BROADCAST;
            return this;
        }

        public Builder ciaddr(Inet4Address ciaddr) {
            this.ciaddr = ciaddr;
            return this;
        }

        public Builder yiaddr(Inet4Address yiaddr) {
            this.yiaddr = yiaddr;
            return this;
        }

        public Builder siaddr(Inet4Address siaddr) {
            this.siaddr = siaddr;
            return this;
        }

        public Builder giaddr(Inet4Address giaddr) {
            this.giaddr = giaddr;
            return this;
        }

        /** All 16 bytes of chaddr, including any beyond hlen. */
        public Builder chaddr(byte[] chaddr) {
            this.chaddr = chaddr.clone();
            return this;
        }

        /** Sets htype, hlen and chaddr (zero-filled after the address). */
        public Builder hardwareAddress(int htype, HardwareAddress address) {
            this.htype = htype;
            this.hlen = address.length();
            this.chaddr = Arrays.copyOf(address.bytes(), CHADDR_LENGTH);
            return this;
        }

        public Builder sname(byte[] sname) {
            this.sname = sname.clone();
            return this;
        }

        public Builder file(byte[] file) {
            this.file = file.clone();
            return this;
        }

        /** sname as NUL-padded ASCII text. */
        public Builder serverName(String name) {
            return sname(padded("sname", name, SNAME_LENGTH));
        }

        /** file as NUL-padded ASCII text. */
        public Builder bootFile(String name) {
            return file(padded("file", name, FILE_LENGTH));
        }

        /**
         * Sets an option, replacing one with the same code in place. A new option goes before relay
         * agent information so that 82 stays last, where RFC 3046 puts it.
         */
        public Builder option(DhcpOption option) {
            for (int i = 0; i < options.size(); i++) {
                if (options.get(i).code() == option.code()) {
                    options.set(i, option);
                    return this;
                }
            }
            int last = options.size() - 1;
            if (last >= 0 && options.get(last).code() == 82) {
                options.add(last, option);
            } else {
                options.add(option);
            }
            return this;
        }

        public Builder option(int code, byte[] value) {
            return option(new DhcpOption(code, value));
        }

        /** Sets an option from Kea-style text by its registry name, e.g. {@code option("routers", "192.0.2.1")}. */
        public Builder option(String name, String text) {
            OptionRegistry registry = OptionRegistry.standard();
            OptionDefinition definition = registry.byName(name)
                    .orElseThrow(() -> new IllegalArgumentException("no standard option is named '" + name + "'"));
            return option(definition.code(), registry.parse(definition, text));
        }

        public Builder removeOption(int code) {
            options.removeIf(o -> o.code() == code);
            return this;
        }

        public Builder messageType(MessageType type) {
            return option(MessageType.OPTION_CODE, new byte[] {(byte) type.code()});
        }

        public Builder subnetMask(Inet4Address mask) {
            return option(1, mask.getAddress());
        }

        public Builder routers(List<Inet4Address> routers) {
            return option(3, concat(routers));
        }

        public Builder domainNameServers(List<Inet4Address> servers) {
            return option(6, concat(servers));
        }

        public Builder hostName(String name) {
            return option(12, name.getBytes(StandardCharsets.US_ASCII));
        }

        public Builder domainName(String name) {
            return option(15, name.getBytes(StandardCharsets.US_ASCII));
        }

        public Builder requestedAddress(Inet4Address address) {
            return option(50, address.getAddress());
        }

        public Builder leaseTime(long seconds) {
            return option(51, unsigned32("lease time", seconds));
        }

        public Builder serverIdentifier(Inet4Address server) {
            return option(54, server.getAddress());
        }

        public Builder parameterRequestList(int... codes) {
            byte[] value = new byte[codes.length];
            for (int i = 0; i < codes.length; i++) {
                requireRange("requested option code", codes[i], 0xff);
                value[i] = (byte) codes[i];
            }
            return option(55, value);
        }

        public Builder maxMessageSize(int size) {
            requireRange("max message size", size, 0xffff);
            return option(57, new byte[] {(byte) (size >>> 8), (byte) size});
        }

        public Builder renewalTime(long seconds) {
            return option(58, unsigned32("renewal time", seconds));
        }

        public Builder rebindingTime(long seconds) {
            return option(59, unsigned32("rebinding time", seconds));
        }

        public Builder vendorClassIdentifier(String vendorClass) {
            return option(60, vendorClass.getBytes(StandardCharsets.US_ASCII));
        }

        public Builder clientIdentifier(byte[] id) {
            return option(61, id);
        }

        public Builder clientFqdn(ClientFqdn fqdn) {
            return option(81, fqdn.encode());
        }

        public Builder relayAgentInformation(RelayAgentInformation information) {
            return option(82, information.encode());
        }

        public Builder subnetSelection(Inet4Address subnet) {
            return option(118, subnet.getAddress());
        }

        public Builder domainSearch(DomainSearchList list) {
            return option(119, list.encode());
        }

        public Builder classlessStaticRoutes(ClasslessStaticRoutes routes) {
            return option(121, routes.encode());
        }

        /** Forgets how a received packet was laid out, so the message is encoded with the codec's defaults. */
        public Builder withoutWireLayout() {
            this.wireLayout = Optional.empty();
            return this;
        }

        public DhcpMessage build() {
            return new DhcpMessage(op, htype, hlen, hops, xid, secs, flags, ciaddr, yiaddr, siaddr, giaddr,
                    chaddr, sname, file, options, wireLayout);
        }

        private static byte[] concat(List<Inet4Address> addresses) {
            byte[] value = new byte[addresses.size() * 4];
            for (int i = 0; i < addresses.size(); i++) {
                Ipv4.write(addresses.get(i), value, i * 4);
            }
            return value;
        }

        private static byte[] unsigned32(String what, long seconds) {
            if (seconds < 0 || seconds > 0xffff_ffffL) {
                throw new IllegalArgumentException(what + " must be 0 to 4294967295 seconds, got " + seconds);
            }
            return new byte[] {(byte) (seconds >>> 24), (byte) (seconds >>> 16), (byte) (seconds >>> 8), (byte) seconds};
        }

        private static byte[] padded(String field, String text, int length) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            if (bytes.length >= length) {
                throw new IllegalArgumentException(field + " text must be shorter than " + length + " bytes (NUL terminated), got " + bytes.length);
            }
            return Arrays.copyOf(bytes, length);
        }
    }

    // ---- helpers ----

    /** The value without a defensive copy: internal readers only. */
    private Optional<byte[]> value(int code) {
        for (DhcpOption option : options) {
            if (option.code() == code) {
                return Optional.of(option.valueUnsafe());
            }
        }
        return Optional.empty();
    }

    private Optional<Inet4Address> address(int code) {
        return value(code).map(v -> Ipv4.fromBytes(v, 0));
    }

    private List<Inet4Address> addresses(int code) {
        return value(code).map(v -> {
            List<Inet4Address> list = new ArrayList<>(v.length / 4);
            for (int i = 0; i < v.length; i += 4) {
                list.add(Ipv4.fromBytes(v, i));
            }
            return List.copyOf(list);
        }).orElse(List.of());
    }

    /** String options as sent, minus trailing NULs, which RFC 2132 tells receivers to drop. */
    private Optional<String> text(int code) {
        return value(code).map(v -> {
            int end = v.length;
            while (end > 0 && v[end - 1] == 0) {
                end--;
            }
            return new String(v, 0, end, StandardCharsets.ISO_8859_1);
        });
    }

    private OptionalLong unsigned32(int code) {
        Optional<byte[]> v = value(code);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        byte[] b = v.get();
        return OptionalLong.of((b[0] & 0xffL) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff);
    }

    private interface StructuredDecoder<T> {
        T decode(byte[] value) throws MalformedPacketException;
    }

    private <T> Optional<T> structured(int code, StructuredDecoder<T> decoder) {
        Optional<byte[]> v = value(code);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(decoder.decode(v.get()));
        } catch (MalformedPacketException e) {
            throw new IllegalStateException("option " + code + " passed validation at construction yet does not decode", e);
        }
    }

    private String typeName() {
        return messageType().map(MessageType::wireName).orElse(op == BOOTREPLY ? "BOOTREPLY" : "BOOTREQUEST");
    }

    private static void appendIfSet(StringBuilder line, String name, Inet4Address address) {
        if (!address.equals(Ipv4.ANY)) {
            line.append(' ').append(name).append('=').append(address.getHostAddress());
        }
    }

    private static void field(StringBuilder text, String name, String value) {
        text.append(String.format("  %-7s %s\n", name, value));
    }

    private static String quoted(String value) {
        StringBuilder text = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c >= ' ' && c <= '~' && c != '"' && c != '\\') {
                text.append(c);
            } else {
                text.append(String.format("\\x%02x", (int) c));
            }
        }
        return text.append('"').toString();
    }

    private static String nulTerminated(byte[] field) {
        int end = 0;
        while (end < field.length && field[end] != 0) {
            end++;
        }
        return new String(field, 0, end, StandardCharsets.ISO_8859_1);
    }

    private static void requireRange(String field, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " must be 0-" + max + ", got " + value);
        }
    }

    private static byte[] requireLength(String field, byte[] bytes, int length) {
        if (bytes.length != length) {
            throw new IllegalArgumentException(field + " must be " + length + " bytes, got " + bytes.length);
        }
        return bytes.clone();
    }
}
