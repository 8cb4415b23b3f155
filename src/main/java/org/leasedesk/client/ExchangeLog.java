package org.leasedesk.client;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.leasedesk.protocol.DhcpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every packet a client sent and received, grouped into exchanges, with timestamps from the
 * injected clock. Written on the client's thread, readable from any thread; listeners see each
 * entry live, and {@link #exchanges()} returns immutable snapshots.
 */
public final class ExchangeLog {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeLog.class);

    private final Clock clock;
    private final List<Exchange> exchanges = new ArrayList<>();
    private final List<ExchangeListener> listeners = new CopyOnWriteArrayList<>();

    public ExchangeLog(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void addListener(ExchangeListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(ExchangeListener listener) {
        listeners.remove(listener);
    }

    /** Starts a new exchange; later entries belong to it. */
    public synchronized Exchange begin(String purpose) {
        Exchange exchange = new Exchange(exchanges.size() + 1, purpose, clock.instant(), List.of());
        exchanges.add(exchange);
        return exchange;
    }

    public void sent(DhcpMessage message, InetSocketAddress to) {
        record(ExchangeEntry.Packet.of(clock.instant(), Direction.SENT, to, message));
    }

    public void received(DhcpMessage message, InetSocketAddress from) {
        record(ExchangeEntry.Packet.of(clock.instant(), Direction.RECEIVED, from, message));
    }

    public void note(String text) {
        record(new ExchangeEntry.Note(clock.instant(), text));
    }

    /** Every exchange so far, oldest first. */
    public synchronized List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    public synchronized Optional<Exchange> latest() {
        return exchanges.isEmpty() ? Optional.empty() : Optional.of(exchanges.getLast());
    }

    private void record(ExchangeEntry entry) {
        Exchange updated;
        synchronized (this) {
            if (exchanges.isEmpty()) {
                // A packet before any command (a late reply after a restart, say) still deserves a place.
                begin("unsolicited");
            }
            updated = exchanges.getLast().with(entry);
            exchanges.set(exchanges.size() - 1, updated);
        }
        for (ExchangeListener listener : listeners) {
            try {
                listener.entryRecorded(updated, entry);
            } catch (RuntimeException failure) {
                LOG.error("an exchange listener failed on exchange {} ({})", updated.number(), updated.purpose(), failure);
            }
        }
    }
}
