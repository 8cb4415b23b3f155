package org.leasedesk.differential;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One message a scenario sends, and what Kea 2.2 is expected to answer. Addresses are written
 * as literals ({@code "192.0.2.50"}) or as names ({@code "A"}): a name is bound to the yiaddr of
 * the first reply expected to carry it, per server run, and means that address from then on.
 */
record Step(
        Kind kind,
        Client client,
        Optional<String> address,
        Optional<String> serverId,
        Optional<String> requestedAddress,
        OptionalLong leaseTime,
        Optional<Boolean> broadcastFlag,
        Optional<Route> route,
        Map<Integer, String> extraOptionsHex,
        Expectation expectation,
        Map<String, String> expectedFields,
        Optional<OnPurpose> onPurpose) {

    Step {
        extraOptionsHex = Map.copyOf(extraOptionsHex);
        expectedFields = Collections.unmodifiableMap(new LinkedHashMap<>(expectedFields));
    }

    /** The client state (RFC 2131 4.3.2, table 5) the message is sent from. */
    enum Kind {
        DISCOVER("DISCOVER"),
        SELECTING("REQUEST (selecting)"),
        INIT_REBOOT("REQUEST (init-reboot)"),
        RENEWING("REQUEST (renewing)"),
        REBINDING("REQUEST (rebinding)"),
        RELEASE("RELEASE"),
        DECLINE("DECLINE"),
        INFORM("INFORM");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** How the message reaches the server. */
    enum Route {
        /** Broadcast on the server's segment from port 68 (from 0.0.0.0, or from ciaddr when the client has one). */
        LINK_BROADCAST("broadcast on the link"),
        /** Unicast on the server's segment from ciaddr:68 to the server. */
        LINK_UNICAST("unicast on the link"),
        /** Relayed: from giaddr:67 to the server, hops 1. */
        VIA_RELAY("via the relay"),
        /** From a relayed client's own address:68 straight to the server, routed through the relay. */
        ROUTED_UNICAST("routed unicast from the client's address");

        final String label;

        Route(String label) {
            this.label = label;
        }
    }

    /** The reply Kea is expected to send: its type, and optionally which address is in yiaddr. */
    record Expectation(String reply, Optional<String> yiaddr) {
        static final String NONE = "none";
    }

    /**
     * LeaseDesk answers differently from Kea on purpose: each field of its reply named here is
     * expected to have the value given (and Kea's is not), for the reason given.
     */
    record OnPurpose(String why, Map<String, String> leaseDeskValues) {
        OnPurpose {
            leaseDeskValues = Collections.unmodifiableMap(new LinkedHashMap<>(leaseDeskValues));
        }

        /** When LeaseDesk replies where Kea does not (or the other way round), nothing else can be compared. */
        boolean coversTheReply() {
            return leaseDeskValues.containsKey(Observation.REPLY);
        }
    }

    Route effectiveRoute() {
        return route.orElseGet(() -> switch (kind) {
            case RENEWING, RELEASE -> client.isRelayed() ? Route.ROUTED_UNICAST : Route.LINK_UNICAST;
            case INFORM -> client.isRelayed() ? Route.VIA_RELAY : Route.LINK_UNICAST;
            default -> client.isRelayed() ? Route.VIA_RELAY : Route.LINK_BROADCAST;
        });
    }

    boolean expectsReply() {
        return !expectation.reply().equals(Expectation.NONE);
    }

    String describe() {
        StringBuilder text = new StringBuilder(kind.label);
        address.ifPresent(a -> text.append(' ').append(a));
        requestedAddress.ifPresent(a -> text.append(" requesting ").append(a));
        serverId.ifPresent(s -> text.append(" server-id ").append(s));
        leaseTime.ifPresent(t -> text.append(" lease ").append(t).append(" s"));
        broadcastFlag.ifPresent(b -> text.append(b ? " broadcast flag set" : " broadcast flag clear"));
        text.append(" from ").append(client.describe()).append(", ").append(effectiveRoute().label);
        return text.toString();
    }
}
