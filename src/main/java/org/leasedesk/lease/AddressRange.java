package org.leasedesk.lease;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The addresses from {@code first} to {@code last}, both included. Iteration walks the range
 * without building a list, so a /8 costs no memory.
 */
public record AddressRange(Ipv4Address first, Ipv4Address last) implements Iterable<Ipv4Address> {

    public AddressRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException(
                    "the range " + first + " - " + last + " runs backwards: put the lower address first");
        }
    }

    public static AddressRange single(Ipv4Address address) {
        return new AddressRange(address, address);
    }

    /** Parses "first - last" (spaces around the dash optional), as Kea writes pools. */
    public static AddressRange parse(String text) {
        int dash = text.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not an address range: expected 'first - last', like 192.0.2.10 - 192.0.2.200");
        }
        return new AddressRange(
                Ipv4Address.parse(text.substring(0, dash).strip()), Ipv4Address.parse(text.substring(dash + 1).strip()));
    }

    /** How many addresses the range holds: 1 to 2^32, hence a long. */
    public long size() {
        return last.toLong() - first.toLong() + 1;
    }

    public boolean contains(Ipv4Address address) {
        return first.compareTo(address) <= 0 && address.compareTo(last) <= 0;
    }

    public boolean contains(AddressRange other) {
        return contains(other.first) && contains(other.last);
    }

    public boolean overlaps(AddressRange other) {
        return first.compareTo(other.last) <= 0 && other.first.compareTo(last) <= 0;
    }

    @Override
    public Iterator<Ipv4Address> iterator() {
        return new Iterator<>() {
            // A long cursor so the walk can end after 255.255.255.255 without overflowing.
            private long next = first.toLong();

            @Override
            public boolean hasNext() {
                return next <= last.toLong();
            }

            @Override
            public Ipv4Address next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("past the end of " + AddressRange.this);
                }
                return Ipv4Address.ofUnsigned(next++);
            }
        };
    }

    @Override
    public String toString() {
        return first + " - " + last;
    }
}
