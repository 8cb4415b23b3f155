package org.leasedesk.differential;

import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.leasedesk.protocol.HardwareAddress;
import org.leasedesk.protocol.RelayAgentInformation;

/**
 * Who sends a scenario's messages and from where: a client's identity (chaddr, option 61), what
 * it asks for (option 55, the broadcast flag) and its path to the server: on the server's own
 * segment, or behind a relay agent with a giaddr and option 82 sub-options.
 *
 * <pre>{@code
 * Client.direct("02:00:00:00:10:01").withClientIdFromMac()
 * Client.relayed("02:00:00:00:20:01", "203.0.113.1").withCircuitId("port-7")
 * }</pre>
 *
 * <p>Immutable: every {@code with} returns a new client.
 */
public record Client(
        HardwareAddress mac,
        Optional<String> clientIdHex,
        Optional<Inet4Address> giaddr,
        boolean broadcastFlag,
        List<Integer> parameterRequestList,
        List<RelayAgentInformation.SubOption> relayAgentInformation,
        Optional<Inet4Address> subnetSelection,
        Optional<String> hostName) {

    /** What a typical client asks for: subnet mask, routers, name servers, domain name. */
    static final List<Integer> DEFAULT_PRL = List.of(1, 3, 6, 15);

    public Client {
        parameterRequestList = List.copyOf(parameterRequestList);
        relayAgentInformation = List.copyOf(relayAgentInformation);
    }

    /**
     * A client on the server's segment. Its broadcast flag is set, so replies are broadcast by
     * both servers whatever their unicast abilities; scenarios about unicast replies clear it.
     */
    public static Client direct(String mac) {
        return new Client(HardwareAddress.parse(mac), Optional.empty(), Optional.empty(), true, DEFAULT_PRL, List.of(),
                Optional.empty(), Optional.empty());
    }

    /** A client behind a relay agent that forwards its messages from {@code giaddr}:67 with hops 1. */
    public static Client relayed(String mac, String giaddr) {
        return new Client(HardwareAddress.parse(mac), Optional.empty(), Optional.of(Addresses.parse(giaddr)), false, DEFAULT_PRL,
                List.of(), Optional.empty(), Optional.empty());
    }

    public boolean isRelayed() {
        return giaddr.isPresent();
    }

    /** Option 61 with exactly these bytes (hex, colons optional), type byte included. */
    public Client withClientId(String hex) {
        HexFormat.of().parseHex(hex.replace(":", ""));
        return new Client(mac, Optional.of(hex.replace(":", "").toLowerCase()), giaddr, broadcastFlag, parameterRequestList,
                relayAgentInformation, subnetSelection, hostName);
    }

    /** Option 61 = 01 + the MAC, as Windows, dhcpcd, systemd-networkd and NetworkManager send it. */
    public Client withClientIdFromMac() {
        return withClientId("01" + HexFormat.of().formatHex(mac.bytes()));
    }

    /** Option 61 of RFC 4361: type 255, a 4-byte IAID, then the DUID (hex). */
    public Client withDuid(long iaid, String duidHex) {
        return withClientId("ff" + HexFormat.of().toHexDigits((int) iaid) + duidHex.replace(":", ""));
    }

    public Client withoutBroadcastFlag() {
        return new Client(mac, clientIdHex, giaddr, false, parameterRequestList, relayAgentInformation, subnetSelection, hostName);
    }

    public Client withBroadcastFlag() {
        return new Client(mac, clientIdHex, giaddr, true, parameterRequestList, relayAgentInformation, subnetSelection, hostName);
    }

    /** Option 55 with these codes, in this order; none at all when empty. */
    public Client requesting(Integer... codes) {
        return new Client(mac, clientIdHex, giaddr, broadcastFlag, List.of(codes), relayAgentInformation, subnetSelection, hostName);
    }

    /** Option 82.1, the relay's circuit id, as text. */
    public Client withCircuitId(String text) {
        return withRelaySubOption(RelayAgentInformation.CIRCUIT_ID, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Option 82.2, the relay's remote id, as text. */
    public Client withRemoteId(String text) {
        return withRelaySubOption(RelayAgentInformation.REMOTE_ID, text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Option 82.5 (RFC 3527): the link the client is on, when giaddr is only the relay's address toward the server. */
    public Client withLinkSelection(String address) {
        return withRelaySubOption(RelayAgentInformation.LINK_SELECTION, Addresses.parse(address).getAddress());
    }

    /** Option 118 (RFC 3011), sent by the client itself. */
    public Client withSubnetSelection(String address) {
        return new Client(mac, clientIdHex, giaddr, broadcastFlag, parameterRequestList, relayAgentInformation,
                Optional.of(Addresses.parse(address)), hostName);
    }

    /** Option 12, the client's host name. */
    public Client withHostName(String name) {
        return new Client(mac, clientIdHex, giaddr, broadcastFlag, parameterRequestList, relayAgentInformation, subnetSelection,
                Optional.of(name));
    }

    private Client withRelaySubOption(int code, byte[] value) {
        if (giaddr.isEmpty()) {
            throw new IllegalStateException("only a relayed client's relay adds option 82; use Client.relayed");
        }
        List<RelayAgentInformation.SubOption> subOptions = new ArrayList<>(relayAgentInformation);
        subOptions.add(new RelayAgentInformation.SubOption(code, value));
        return new Client(mac, clientIdHex, giaddr, broadcastFlag, parameterRequestList, subOptions, subnetSelection, hostName);
    }

    Optional<byte[]> clientId() {
        return clientIdHex.map(HexFormat.of()::parseHex);
    }

    Optional<RelayAgentInformation> relayInformation() {
        return relayAgentInformation.isEmpty() ? Optional.empty() : Optional.of(new RelayAgentInformation(relayAgentInformation));
    }

    /** For reports: the MAC, and what else identifies or routes this client. */
    String describe() {
        StringBuilder text = new StringBuilder(mac.toString());
        clientIdHex.ifPresent(id -> text.append(" id ").append(id));
        giaddr.ifPresent(relay -> text.append(" via relay ").append(relay.getHostAddress()));
        if (!relayAgentInformation.isEmpty()) {
            text.append(" 82=").append(new RelayAgentInformation(relayAgentInformation));
        }
        subnetSelection.ifPresent(s -> text.append(" 118=").append(s.getHostAddress()));
        hostName.ifPresent(name -> text.append(" host ").append(name));
        return text.toString();
    }
}
