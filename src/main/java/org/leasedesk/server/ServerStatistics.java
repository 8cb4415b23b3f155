package org.leasedesk.server;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.leasedesk.protocol.MessageType;

/** Packet counters like Kea's pkt4-*-received/sent and drops by reason; safe to read from any thread. */
public final class ServerStatistics {

    private final Map<MessageType, LongAdder> received = counters(MessageType.class);
    private final Map<MessageType, LongAdder> sent = counters(MessageType.class);
    private final Map<DropReason, LongAdder> dropped = counters(DropReason.class);

    private static <K extends Enum<K>> Map<K, LongAdder> counters(Class<K> keys) {
        Map<K, LongAdder> map = new EnumMap<>(keys);
        for (K key : keys.getEnumConstants()) {
            map.put(key, new LongAdder());
        }
        return map;
    }

    void received(MessageType type) {
        received.get(type).increment();
    }

    void sent(MessageType type) {
        sent.get(type).increment();
    }

    void dropped(DropReason reason) {
        dropped.get(reason).increment();
    }

    /** A consistent-enough copy for display: each counter read once. */
    public Snapshot snapshot() {
        return new Snapshot(copy(received), copy(sent), copy(dropped));
    }

    private static <K extends Enum<K>> Map<K, Long> copy(Map<K, LongAdder> counters) {
        Map<K, Long> copy = new java.util.LinkedHashMap<>();
        counters.forEach((key, adder) -> copy.put(key, adder.sum()));
        return Map.copyOf(copy);
    }

    public record Snapshot(Map<MessageType, Long> received, Map<MessageType, Long> sent, Map<DropReason, Long> dropped) {
        public long received(MessageType type) {
            return received.getOrDefault(type, 0L);
        }

        public long sent(MessageType type) {
            return sent.getOrDefault(type, 0L);
        }

        public long dropped(DropReason reason) {
            return dropped.getOrDefault(reason, 0L);
        }

        /** Only what happened: "received DISCOVER=3 REQUEST=3, sent OFFER=3 ACK=3, dropped MALFORMED=1". */
        @Override
        public String toString() {
            return "received " + nonZero(received) + ", sent " + nonZero(sent) + ", dropped " + nonZero(dropped);
        }

        private static <K extends Enum<K>> String nonZero(Map<K, Long> counters) {
            String listed = counters.entrySet().stream().filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey().name() + "=" + e.getValue())
                    .collect(java.util.stream.Collectors.joining(" "));
            return listed.isEmpty() ? "nothing" : listed;
        }
    }
}
