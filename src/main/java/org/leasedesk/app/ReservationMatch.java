package org.leasedesk.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.leasedesk.lease.HostIdentifier;
import org.leasedesk.lease.Lease;

/**
 * Which identifier a reservation for a leased client should name: the server looks a client's
 * reservation up by each identifier the client presents, in {@code host-reservation-identifiers}
 * order, so the first one it presents in that order is the one a reservation surely matches by.
 * The one place that answers this for the desktop: "Make reservation" on the Leases page and
 * "Reserve for a client…" on the Pools page both ask it, and show its {@link #sentence()}.
 *
 * <p>The identifiers come from the lease as the server recorded it: its hardware address, its
 * client identifier (option 61, absent when the subnet does not match on it) and its relay's
 * circuit-id; {@link HostIdentifier#presentedBy} derives the DUID as the server does.
 */
public final class ReservationMatch {

    private final Lease lease;
    private final List<HostIdentifier.Type> order;
    /** Every identifier the client presents: those the server tries in its order, then the others. */
    private final List<HostIdentifier> presented;
    /** The identifiers the server tries for this client, in its order. */
    private final List<HostIdentifier> tried;

    private ReservationMatch(Lease lease, List<HostIdentifier.Type> order) {
        this.lease = Objects.requireNonNull(lease, "lease");
        this.order = List.copyOf(order);
        List<HostIdentifier.Type> everyType = new ArrayList<>(this.order);
        for (HostIdentifier.Type type : HostIdentifier.Type.values()) {
            if (!everyType.contains(type)) {
                everyType.add(type);
            }
        }
        this.presented = identifiersIn(everyType);
        this.tried = identifiersIn(this.order);
    }

    /** How the server will match the lease's client, trying its identifiers in {@code order}. */
    public static ReservationMatch of(Lease lease, List<HostIdentifier.Type> order) {
        return new ReservationMatch(lease, order);
    }

    private List<HostIdentifier> identifiersIn(List<HostIdentifier.Type> types) {
        return HostIdentifier.presentedBy(lease.hardwareAddress(), lease.clientId(), lease.relay().circuitId(), types);
    }

    public Lease lease() {
        return lease;
    }

    /** The server's {@code host-reservation-identifiers}. */
    public List<HostIdentifier.Type> order() {
        return order;
    }

    /** Every identifier the client presents, those the server tries first and in its order. */
    public List<HostIdentifier> presented() {
        return presented;
    }

    /** The identifier to reserve by: the first the client presents in the server's order; empty when the server tries none of them. */
    public Optional<HostIdentifier> identifier() {
        return tried.stream().findFirst();
    }

    /**
     * A reservation of the lease's address and host name by {@link #identifier()}.
     *
     * @throws IllegalArgumentException with {@link #sentence()} when no reservation can match the client
     */
    public ConfigDocument.ReservationEntry reservation() {
        HostIdentifier identifier = identifier().orElseThrow(() -> new IllegalArgumentException(sentence()));
        return new ConfigDocument.ReservationEntry(identifier.type(), identifier.value().toColonHex(), lease.address().toString(),
                lease.hostname());
    }

    /**
     * For people: "This client presents hw-address 00:00:5e:00:53:42 and client-id 01:00:00:5e:00:53:42;
     * the server tries hw-address first, so a reservation by hw-address matches it."
     */
    public String sentence() {
        String presents = presented.isEmpty() ? "This client presents no identifier a reservation can name"
                : "This client presents " + and(presented.stream().map(ReservationMatch::spoken).toList());
        Optional<HostIdentifier> chosen = identifier();
        if (chosen.isEmpty()) {
            String tries = order.isEmpty() ? "host-reservation-identifiers lists no identifier to try"
                    : "the server tries only " + and(names(order));
            return presents + "; " + tries + ", so no reservation can match it.";
        }
        String name = chosen.get().type().keaName();
        List<HostIdentifier.Type> skipped = order.subList(0, order.indexOf(chosen.get().type()));
        String tries = skipped.isEmpty() ? "the server tries " + name + " first"
                : "the server tries " + and(names(skipped)) + " first, which this client does not present, then " + name;
        return presents + "; " + tries + ", so a reservation by " + name + " matches it.";
    }

    /** An identifier as the sentence names it: "hw-address 00:00:5e:00:53:42". */
    public static String spoken(HostIdentifier identifier) {
        return identifier.type().keaName() + " " + identifier.value().toColonHex();
    }

    private static List<String> names(List<HostIdentifier.Type> types) {
        return types.stream().map(HostIdentifier.Type::keaName).toList();
    }

    /** "a", "a and b", "a, b and c". */
    private static String and(List<String> words) {
        if (words.size() <= 1) {
            return String.join("", words);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.getLast();
    }

    @Override
    public String toString() {
        return sentence();
    }
}
