package org.leasedesk.differential;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.OptionRegistry;

/**
 * What a server did with one step, as named fields compared between Kea and LeaseDesk: the reply
 * type (or none), yiaddr as a name or a literal, where the reply went, the header fields that
 * matter and every option but a few listed in {@link #NOT_COMPARED}.
 */
record Observation(Map<String, String> fields, String details) {

    /** Options left out of the comparison, and why. */
    static final Map<Integer, String> NOT_COMPARED = Map.of(
            53, "the message type is the 'reply' field",
            56, "free text (LeaseDesk explains its NAKs, Kea sends none)");

    static final String REPLY = "reply";
    static final String YIADDR = "yiaddr";
    static final String DESTINATION = "destination";
    static final String L2_DESTINATION = "L2 destination";

    Observation {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    static Observation none() {
        return new Observation(Map.of(REPLY, Step.Expectation.NONE), "");
    }

    static Observation notSent(String why) {
        return new Observation(Map.of(REPLY, "not sent: " + why), "");
    }

    Observation with(String field, String value) {
        Map<String, String> more = new LinkedHashMap<>(fields);
        more.put(field, value);
        return new Observation(more, details);
    }

    String reply() {
        return fields.get(REPLY);
    }

    /** Whether a decodable reply was seen (rather than none, nothing sent, or garbage). */
    boolean isMessage() {
        return fields.containsKey(YIADDR);
    }

    /**
     * Renders a captured reply. When the step expects a name in yiaddr that is not bound yet, the
     * reply binds it (shown as {@code A (new, in pool ...)}).
     */
    static Observation of(List<ReplyCapture.Reply> replies, Duration delay, boolean late, Step step, Names names,
                          ScenarioGroup.AddressPlan plan) {
        ReplyCapture.Reply reply = replies.getFirst();
        Map<String, String> fields = new LinkedHashMap<>();
        if (reply.message().isEmpty()) {
            fields.put(REPLY, "undecodable: " + reply.undecodable());
            return new Observation(fields, "");
        }
        DhcpMessage message = reply.message().get();
        fields.put(REPLY, message.messageType().map(Enum::name).orElse("no option 53"));
        fields.put(YIADDR, yiaddr(message.yiaddr(), step, names, plan));
        boolean ipBroadcast = reply.destination().equals(Addresses.BROADCAST);
        fields.put(DESTINATION, (ipBroadcast ? "255.255.255.255" : names.render(reply.destination())) + ":" + reply.destinationPort());
        // Kea's raw socket sends every reply to the MAC the request came from, an IP broadcast too;
        // a kernel broadcasts those to ff:ff:ff:ff:ff:ff. Either reaches the client.
        fields.put(L2_DESTINATION, ipBroadcast ? "(any, IP broadcast)" : macRole(reply.destinationMac(), step.client()));
        fields.put("source", names.render(reply.source()) + ":" + reply.sourcePort());
        fields.put("flags", message.broadcast() ? "broadcast" : "0");
        fields.put("ciaddr", names.render(message.ciaddr()));
        fields.put("giaddr", names.render(message.giaddr()));
        fields.put("hops", Integer.toString(message.hops()));
        fields.put("siaddr", names.render(message.siaddr()));
        fields.put("sname", quoted(message.serverName()));
        fields.put("file", quoted(message.bootFile()));
        OptionRegistry registry = OptionRegistry.standard();
        message.options().stream()
                .filter(option -> !NOT_COMPARED.containsKey(option.code()))
                .sorted((a, b) -> Integer.compare(a.code(), b.code()))
                .forEach(option -> fields.put(optionField(option.code()), registry.format(option.code(), option.value())));
        if (replies.size() > 1) {
            fields.put("replies", replies.size() + " (the same xid answered more than once)");
        }
        if (late) {
            fields.put("timing", "late: " + delay.toMillis() + " ms after the request");
        }
        StringBuilder details = new StringBuilder();
        details.append("    frame to ").append(Addresses.mac(reply.destinationMac())).append(" from ").append(Addresses.mac(reply.sourceMac()))
                .append(", ").append(reply.source().getHostAddress()).append(':').append(reply.sourcePort()).append(" > ")
                .append(reply.destination().getHostAddress()).append(':').append(reply.destinationPort()).append(" after ")
                .append(delay.toMillis()).append(" ms\n");
        message.options().stream().filter(option -> NOT_COMPARED.containsKey(option.code()) && option.code() != 53)
                .forEach(option -> details.append("    not compared: ").append(optionField(option.code())).append(" = ")
                        .append(registry.format(option.code(), option.value())).append('\n'));
        return new Observation(fields, details.toString());
    }

    static String optionField(int code) {
        return "option " + code + " " + OptionRegistry.standard().nameOf(code);
    }

    private static String yiaddr(Inet4Address yiaddr, Step step, Names names, ScenarioGroup.AddressPlan plan) {
        Optional<String> expected = step.expectation().yiaddr();
        if (expected.isPresent() && Addresses.isAddress(expected.get())) {
            return yiaddr.getHostAddress();
        }
        if (expected.isPresent() && !names.isBound(expected.get()) && !Addresses.isZero(yiaddr) && names.nameOf(yiaddr).isEmpty()) {
            names.bind(expected.get(), yiaddr);
            return expected.get() + " (new, " + plan.whereIs(yiaddr) + ")";
        }
        if (names.nameOf(yiaddr).isPresent() || Addresses.isZero(yiaddr)) {
            return names.render(yiaddr);
        }
        return yiaddr.getHostAddress() + " (" + plan.whereIs(yiaddr) + ")";
    }

    private static String macRole(byte[] mac, Client client) {
        if (Arrays.equals(mac, Frames.BROADCAST_MAC)) {
            return "ff:ff:ff:ff:ff:ff";
        }
        if (Arrays.equals(mac, client.mac().bytes())) {
            return "chaddr";
        }
        if (Arrays.equals(mac, Topology.RELAY_MAC.bytes())) {
            return "the relay's MAC";
        }
        return Addresses.mac(mac);
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    /** Field names of both observations in a stable order: the fixed ones first, then options by code. */
    static List<String> unionOfFields(Observation a, Observation b) {
        Set<String> names = new LinkedHashSet<>(a.fields.keySet());
        names.addAll(b.fields.keySet());
        return names.stream().sorted((x, y) -> Integer.compare(rank(x), rank(y))).toList();
    }

    private static int rank(String field) {
        List<String> fixed = List.of(REPLY, YIADDR, DESTINATION, L2_DESTINATION, "source", "flags", "ciaddr", "giaddr", "hops",
                "siaddr", "sname", "file");
        int index = fixed.indexOf(field);
        if (index >= 0) {
            return index;
        }
        if (field.startsWith("option ")) {
            String code = field.substring(7, field.indexOf(' ', 7));
            return 100 + Integer.parseInt(code);
        }
        return 1000;
    }
}
