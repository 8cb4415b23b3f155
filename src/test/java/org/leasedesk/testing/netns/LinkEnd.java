package org.leasedesk.testing.netns;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One end of a veth link: the namespace it lives in, the interface name there, and optionally an
 * address with prefix ({@code 192.0.2.1/24}) and a MAC. Build it from {@link Namespace#iface}:
 * {@code server.iface("srv0").withAddress("192.0.2.1/24")}.
 */
public record LinkEnd(Namespace namespace, String name, Optional<String> address, Optional<String> mac) {

    /** IFNAMSIZ is 16 including the terminating NUL; ip refuses longer names with a vague error. */
    public static final int MAX_INTERFACE_NAME = 15;

    private static final Pattern INTERFACE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_INTERFACE_NAME + "}");
    private static final Pattern ADDRESS_WITH_PREFIX = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}");
    private static final Pattern MAC = Pattern.compile("\\p{XDigit}{2}(:\\p{XDigit}{2}){5}");

    public LinkEnd {
        Objects.requireNonNull(namespace, "namespace");
        if (!INTERFACE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("interface name must be 1-" + MAX_INTERFACE_NAME
                    + " characters of letters, digits, _ . -: " + name);
        }
        address.ifPresent(value -> require(ADDRESS_WITH_PREFIX, value, "address/prefix such as 192.0.2.1/24"));
        mac.ifPresent(value -> require(MAC, value, "MAC such as 00:00:5e:00:53:01"));
    }

    /** This end with an IPv4 address and prefix length, for example {@code 192.0.2.1/24}. */
    public LinkEnd withAddress(String addressWithPrefix) {
        return new LinkEnd(namespace, name, Optional.of(addressWithPrefix), mac);
    }

    /** This end with a fixed MAC, so a client's chaddr is known in advance. */
    public LinkEnd withMac(String macAddress) {
        return new LinkEnd(namespace, name, address, Optional.of(macAddress));
    }

    /** The address without its prefix length, for example {@code 192.0.2.1}. */
    public Optional<String> host() {
        return address.map(value -> value.substring(0, value.indexOf('/')));
    }

    private static void require(Pattern pattern, String value, String expected) {
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("expected " + expected + ", got " + value);
        }
    }
}
