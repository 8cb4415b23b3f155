package org.leasedesk.differential;

import java.net.Inet4Address;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The addresses a scenario has named in one server's run: {@code A} is whatever that server put
 * in the yiaddr of the reply first expected to carry {@code A}. Dynamic allocation may differ
 * between Kea and LeaseDesk, so names, not numbers, are compared.
 */
final class Names {

    /** A step refers to a name no reply has bound in this run (an earlier step got no address). */
    static final class Unbound extends Exception {
        Unbound(String name) {
            super(name + " is unbound (no earlier reply carried it)");
        }
    }

    private final Map<String, Inet4Address> bound = new LinkedHashMap<>();

    /** A literal address as it is, a name as bound. */
    Inet4Address resolve(String text) throws Unbound {
        if (Addresses.isAddress(text)) {
            return Addresses.parse(text);
        }
        Inet4Address address = bound.get(text);
        if (address == null) {
            throw new Unbound(text);
        }
        return address;
    }

    boolean isBound(String name) {
        return bound.containsKey(name);
    }

    void bind(String name, Inet4Address address) {
        bound.put(name, address);
    }

    Optional<String> nameOf(Inet4Address address) {
        return bound.entrySet().stream().filter(entry -> entry.getValue().equals(address)).map(Map.Entry::getKey).findFirst();
    }

    /** The name of an address if it has one, else the address. */
    String render(Inet4Address address) {
        return nameOf(address).orElse(address.getHostAddress());
    }

    @Override
    public String toString() {
        return bound.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue().getHostAddress())
                .collect(Collectors.joining(", "));
    }
}
