package org.leasedesk.platform;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One adapter as GetInterfaceInfo lists it: the interface index and the name IpReleaseAddress
 * wants, {@code \DEVICE\TCPIP_{GUID}}. Other APIs name the same adapter by its index (Java's
 * NetworkInterface on Windows reports the IP Helper interface index) or by its bare {GUID}
 * (GetAdaptersInfo's AdapterName); both are matched here.
 */
record AdapterIndexEntry(int index, String name) {

    private static final String DEVICE_PREFIX = "\\DEVICE\\TCPIP_";

    AdapterIndexEntry {
        Objects.requireNonNull(name, "name");
    }

    /** The {GUID} part of the name, upper case, or the whole name when it has no device prefix. */
    String guid() {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.startsWith(DEVICE_PREFIX) ? upper.substring(DEVICE_PREFIX.length()) : upper;
    }

    boolean sameAdapter(String adapterGuid) {
        return guid().equals(adapterGuid.strip().toUpperCase(Locale.ROOT));
    }

    /** The entry with the interface index; indexes are unique among the adapters GetInterfaceInfo lists. */
    static Optional<AdapterIndexEntry> byIndex(List<AdapterIndexEntry> entries, int index) {
        return entries.stream().filter(entry -> entry.index() == index).findFirst();
    }

    /** The entry for an adapter named by GUID, with or without braces and in any case. */
    static Optional<AdapterIndexEntry> byGuid(List<AdapterIndexEntry> entries, String guid) {
        String braced = guid.strip().startsWith("{") ? guid.strip() : "{" + guid.strip() + "}";
        return entries.stream().filter(entry -> entry.sameAdapter(braced)).findFirst();
    }
}
