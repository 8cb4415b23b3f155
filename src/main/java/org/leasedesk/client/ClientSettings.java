package org.leasedesk.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.leasedesk.protocol.HardwareAddress;

/**
 * What the client says about itself and how it behaves on one interface.
 *
 * @param interfaceName the interface the client runs on, for logs and the conflict check
 * @param hardwareAddress the chaddr of every message
 * @param clientIdentifier option 61, sent in every message when present
 * @param hostName option 12 in DISCOVER, REQUEST and INFORM when present
 * @param parameterRequestList option 55: the options the client asks for, in order of preference
 * @param broadcastFlag asks servers to broadcast replies. A UDP socket cannot receive a unicast
 *     reply addressed to an address the interface does not carry yet, so it is on by default
 * @param offerSelection how one offer is chosen among several
 * @param timings every delay, RFC 2131's by default
 */
public record ClientSettings(
        String interfaceName,
        HardwareAddress hardwareAddress,
        Optional<ClientIdentifier> clientIdentifier,
        Optional<String> hostName,
        List<Integer> parameterRequestList,
        boolean broadcastFlag,
        OfferSelection offerSelection,
        ClientTimings timings) {

    /** Mask, routers, DNS, domain name, broadcast, NTP, lease time, T1, T2, domain search, classless routes. */
    public static final List<Integer> DEFAULT_PARAMETER_REQUEST_LIST = List.of(1, 3, 6, 15, 28, 42, 51, 58, 59, 119, 121);

    /** RFC 1123 host name labels; it goes on the wire and into servers' DNS updates, so nothing else. */
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern INTERFACE_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,15}");

    public ClientSettings {
        Objects.requireNonNull(interfaceName, "interfaceName");
        if (!isInterfaceName(interfaceName)) {
            throw new IllegalArgumentException("interface name must be 1-15 letters, digits or _ . : -, got '" + interfaceName + "'");
        }
        Objects.requireNonNull(hardwareAddress, "hardwareAddress");
        Objects.requireNonNull(clientIdentifier, "clientIdentifier");
        Objects.requireNonNull(hostName, "hostName");
        hostName.ifPresent(name -> {
            if (name.length() > 253 || !HOST_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a valid host name (letters, digits, hyphens, dot-separated labels)");
            }
        });
        parameterRequestList = List.copyOf(parameterRequestList);
        for (int code : parameterRequestList) {
            if (code < 1 || code > 254) {
                throw new IllegalArgumentException("requested option codes are 1-254, got " + code);
            }
        }
        Objects.requireNonNull(offerSelection, "offerSelection");
        Objects.requireNonNull(timings, "timings");
    }

    /** Linux's rule (IFNAMSIZ) narrowed to characters that are safe as a command argument. */
    static boolean isInterfaceName(String name) {
        return INTERFACE_NAME.matcher(name).matches();
    }

    /** Defaults for an interface: client-id from the MAC, no host name, the usual options, RFC timings. */
    public static ClientSettings forInterface(String interfaceName, HardwareAddress hardwareAddress) {
        return new ClientSettings(interfaceName, hardwareAddress, Optional.of(ClientIdentifier.ofHardwareAddress(hardwareAddress)),
                Optional.empty(), DEFAULT_PARAMETER_REQUEST_LIST, true, OfferSelection.PREFER_PREVIOUS_ADDRESS, ClientTimings.rfc2131());
    }

    public ClientSettings withHostName(String name) {
        return new ClientSettings(interfaceName, hardwareAddress, clientIdentifier, Optional.of(name), parameterRequestList,
                broadcastFlag, offerSelection, timings);
    }

    public ClientSettings withClientIdentifier(Optional<ClientIdentifier> identifier) {
        return new ClientSettings(interfaceName, hardwareAddress, identifier, hostName, parameterRequestList,
                broadcastFlag, offerSelection, timings);
    }

    public ClientSettings withParameterRequestList(List<Integer> codes) {
        return new ClientSettings(interfaceName, hardwareAddress, clientIdentifier, hostName, codes,
                broadcastFlag, offerSelection, timings);
    }

    public ClientSettings withOfferSelection(OfferSelection selection) {
        return new ClientSettings(interfaceName, hardwareAddress, clientIdentifier, hostName, parameterRequestList,
                broadcastFlag, selection, timings);
    }

    public ClientSettings withTimings(ClientTimings newTimings) {
        return new ClientSettings(interfaceName, hardwareAddress, clientIdentifier, hostName, parameterRequestList,
                broadcastFlag, offerSelection, newTimings);
    }
}
