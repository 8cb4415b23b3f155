package org.leasedesk.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.leasedesk.protocol.MessageType;

/**
 * One transaction as it was recorded, immutable: what it was for (obtain, renew, release...),
 * when it began, and its packets and notes in order.
 *
 * @param number counts exchanges of one log from 1
 */
public record Exchange(int number, String purpose, Instant started, List<ExchangeEntry> entries) {

    public Exchange {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(started, "started");
        entries = List.copyOf(entries);
    }

    public List<ExchangeEntry.Packet> packets() {
        return entries.stream().filter(ExchangeEntry.Packet.class::isInstance).map(ExchangeEntry.Packet.class::cast).toList();
    }

    /** The message types of the packets in order; a packet without option 53 shows as empty. */
    public List<Optional<MessageType>> messageTypes() {
        return packets().stream().map(ExchangeEntry.Packet::messageType).toList();
    }

    Exchange with(ExchangeEntry entry) {
        List<ExchangeEntry> longer = new ArrayList<>(entries);
        longer.add(entry);
        return new Exchange(number, purpose, started, longer);
    }
}
