package org.leasedesk.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a discovery scan heard: every server that offered, and the scan's exchange for the timeline. */
public record DiscoveryReport(List<DiscoveredServer> servers, Exchange exchange) {

    public DiscoveryReport {
        servers = List.copyOf(servers);
        Objects.requireNonNull(exchange, "exchange");
    }

    /** Two or more servers answering one link is usually a mistake or an intruder: an admin should look. */
    public boolean possibleRogueServer() {
        return servers.size() > 1;
    }

    public Optional<String> warning() {
        if (!possibleRogueServer()) {
            return Optional.empty();
        }
        return Optional.of(servers.size() + " DHCP servers answered on this link ("
                + servers.stream().map(s -> s.serverIdentifier().getHostAddress()).collect(Collectors.joining(", "))
                + "): one of them may be a rogue server");
    }
}
