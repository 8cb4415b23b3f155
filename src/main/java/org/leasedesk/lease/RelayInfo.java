package org.leasedesk.lease;

import java.util.Objects;

/**
 * Where a relayed request came from: the relay's giaddr and the relay agent information (option
 * 82) sub-options circuit-id (1) and remote-id (2), kept as raw bytes because their content is
 * vendor-specific.
 */
public record RelayInfo(Ipv4Address giaddr, Octets circuitId, Octets remoteId) {

    public static final RelayInfo NONE = new RelayInfo(Ipv4Address.ANY, Octets.EMPTY, Octets.EMPTY);

    public RelayInfo {
        Objects.requireNonNull(giaddr, "giaddr");
        Objects.requireNonNull(circuitId, "circuitId");
        Objects.requireNonNull(remoteId, "remoteId");
        // Each sub-option length is a single byte on the wire.
        if (circuitId.length() > 255 || remoteId.length() > 255) {
            throw new IllegalArgumentException("relay circuit-id and remote-id have at most 255 bytes");
        }
    }

    public boolean isRelayed() {
        return !giaddr.isAny();
    }
}
