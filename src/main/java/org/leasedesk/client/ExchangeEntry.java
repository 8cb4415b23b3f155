package org.leasedesk.client;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.MessageType;

/** One line of an exchange's timeline: a packet, or a note such as why an offer was ignored. */
public sealed interface ExchangeEntry {

    Instant at();

    /**
     * A packet sent or received, with its one-line summary and multi-line details rendered when
     * it was recorded, so the timeline can be shown without the protocol package.
     *
     * @param peer where it went to, or where it came from
     */
    record Packet(Instant at, Direction direction, InetSocketAddress peer, String summary, String details, DhcpMessage message)
            implements ExchangeEntry {
        public Packet {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(details, "details");
            Objects.requireNonNull(message, "message");
        }

        static Packet of(Instant at, Direction direction, InetSocketAddress peer, DhcpMessage message) {
            return new Packet(at, direction, peer, message.summary(), message.details(), message);
        }

        public Optional<MessageType> messageType() {
            return message.messageType();
        }
    }

    record Note(Instant at, String text) implements ExchangeEntry {
        public Note {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(text, "text");
        }
    }
}
