package org.leasedesk.client;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.leasedesk.protocol.DhcpMessage;

/**
 * A server that answered a discovery scan, described by its OFFER.
 *
 * @param serverIdentifier option 54, or the source address when the offer carries none
 * @param source where the OFFER came from (a relay's address when relayed)
 */
public record DiscoveredServer(
        Inet4Address serverIdentifier,
        InetSocketAddress source,
        Inet4Address offeredAddress,
        Optional<Duration> leaseTime,
        Optional<Inet4Address> subnetMask,
        List<Inet4Address> routers,
        List<Inet4Address> domainNameServers,
        Optional<String> domainName) {

    public DiscoveredServer {
        Objects.requireNonNull(serverIdentifier, "serverIdentifier");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(offeredAddress, "offeredAddress");
        Objects.requireNonNull(leaseTime, "leaseTime");
        Objects.requireNonNull(subnetMask, "subnetMask");
        routers = List.copyOf(routers);
        domainNameServers = List.copyOf(domainNameServers);
        Objects.requireNonNull(domainName, "domainName");
    }

    static DiscoveredServer fromOffer(DhcpMessage offer, InetSocketAddress source) {
        Inet4Address server = offer.serverIdentifier().orElse((Inet4Address) source.getAddress());
        Optional<Duration> lease = offer.leaseTime().isPresent() ? Optional.of(Duration.ofSeconds(offer.leaseTime().getAsLong())) : Optional.empty();
        return new DiscoveredServer(server, source, offer.yiaddr(), lease, offer.subnetMask(), offer.routers(),
                offer.domainNameServers(), offer.domainName());
    }
}
