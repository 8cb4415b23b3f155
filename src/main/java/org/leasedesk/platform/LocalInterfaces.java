package org.leasedesk.platform;

import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/** Lists this machine's interfaces in the calling thread's network namespace, with who manages DHCP on each. */
public final class LocalInterfaces {

    private final LinuxDhcpOwners linuxOwners;
    private final String osName;

    public LocalInterfaces() {
        this(new LinuxDhcpOwners(), System.getProperty("os.name"));
    }

    LocalInterfaces(LinuxDhcpOwners linuxOwners, String osName) {
        this.linuxOwners = linuxOwners;
        this.osName = osName.toLowerCase(Locale.ROOT);
    }

    public List<LocalInterface> list() throws SocketException {
        List<NetworkInterface> interfaces = NetworkInterface.networkInterfaces()
                .sorted(Comparator.comparingInt(NetworkInterface::getIndex))
                .toList();
        Set<String> names = interfaces.stream().map(NetworkInterface::getName).collect(Collectors.toUnmodifiableSet());
        List<LocalInterface> result = new java.util.ArrayList<>();
        for (NetworkInterface nic : interfaces) {
            result.add(describe(nic, names));
        }
        return List.copyOf(result);
    }

    private LocalInterface describe(NetworkInterface nic, Set<String> names) throws SocketException {
        boolean loopback = nic.isLoopback();
        return new LocalInterface(nic.getName(), nic.getIndex(), mac(nic), addresses(nic), nic.isUp(), loopback,
                loopback ? new DhcpOwnership(DhcpOwner.NONE, OptionalLong.empty(), "loopback interfaces do not use DHCP")
                        : ownerOf(nic, names));
    }

    private DhcpOwnership ownerOf(NetworkInterface nic, Set<String> names) {
        if (osName.startsWith("windows")) {
            return new DhcpOwnership(DhcpOwner.WINDOWS, OptionalLong.empty(), "Windows runs DHCP for its adapters");
        }
        if (osName.startsWith("mac")) {
            return new DhcpOwnership(DhcpOwner.MACOS, OptionalLong.empty(), "macOS configd runs DHCP for its interfaces");
        }
        return linuxOwners.ownerOf(nic.getName(), nic.getIndex(), names);
    }

    private static Optional<String> mac(NetworkInterface nic) throws SocketException {
        byte[] hardware = nic.getHardwareAddress();
        if (hardware == null || hardware.length == 0) {
            return Optional.empty();
        }
        return Optional.of(HexFormat.ofDelimiter(":").formatHex(hardware));
    }

    private static List<LocalInterface.Address> addresses(NetworkInterface nic) {
        return nic.getInterfaceAddresses().stream()
                .filter(address -> address.getAddress() instanceof Inet4Address)
                .map(LocalInterfaces::toAddress)
                .toList();
    }

    private static LocalInterface.Address toAddress(InterfaceAddress address) {
        return new LocalInterface.Address((Inet4Address) address.getAddress(), address.getNetworkPrefixLength());
    }
}
