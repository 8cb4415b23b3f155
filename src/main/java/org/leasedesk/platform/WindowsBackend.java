package org.leasedesk.platform;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.leasedesk.lease.Ipv4Address;

/**
 * The Windows DHCP client, through iphlpapi: {@code IpReleaseAddress} and {@code IpRenewAddress}
 * on the adapter GetInterfaceInfo lists under the interface's index, and the lease from
 * GetAdaptersInfo (address, DHCP server, obtained and expires; Windows does not report T1 and T2).
 * Both calls need an administrator.
 */
final class WindowsBackend implements DhcpBackend {

    private final WindowsIpHelper ipHelper;
    private final ToIntFunction<InterfaceName> indexOf;

    WindowsBackend(WindowsIpHelper ipHelper, ToIntFunction<InterfaceName> indexOf) {
        this.ipHelper = ipHelper;
        this.indexOf = indexOf;
    }

    @Override
    public String name() {
        return "Windows DHCP client";
    }

    @Override
    public String releaseDescription() {
        return "IpReleaseAddress: Windows sends a DHCPRELEASE and removes the address (like ipconfig /release).";
    }

    @Override
    public String renewDescription() {
        return "IpRenewAddress: Windows renews the lease, or obtains one after a release (like ipconfig /renew).";
    }

    @Override
    public OperationOutcome release(InterfaceName interfaceName) {
        AdapterIndexEntry adapter = adapter(interfaceName);
        check(ipHelper.IpReleaseAddress(WindowsIpHelper.IpAdapterIndexMap.of(adapter)), "IpReleaseAddress", interfaceName);
        return new OperationOutcome(releaseDescription(), List.of(), Optional.empty());
    }

    @Override
    public OperationOutcome renew(InterfaceName interfaceName) {
        AdapterIndexEntry adapter = adapter(interfaceName);
        check(ipHelper.IpRenewAddress(WindowsIpHelper.IpAdapterIndexMap.of(adapter)), "IpRenewAddress", interfaceName);
        return new OperationOutcome(renewDescription(), List.of(), currentLease(interfaceName));
    }

    @Override
    public Optional<BackendLease> currentLease(InterfaceName interfaceName) {
        int index = indexOf.applyAsInt(interfaceName);
        IntByReference size = new IntByReference(0);
        int first = ipHelper.GetAdaptersInfo(null, size);
        if (first != WindowsIpHelper.ERROR_BUFFER_OVERFLOW || size.getValue() <= 0) {
            return Optional.empty();
        }
        Memory buffer = new Memory(size.getValue());
        if (ipHelper.GetAdaptersInfo(buffer, size) != WindowsIpHelper.NO_ERROR) {
            return Optional.empty();
        }
        return WindowsIpHelper.readAdaptersInfo(buffer).stream().filter(info -> info.Index == index).findFirst()
                .flatMap(WindowsBackend::leaseOf);
    }

    /** The lease of an adapter that runs DHCP and has an address; times are seconds since 1970 (time_t). */
    static Optional<BackendLease> leaseOf(WindowsIpHelper.IpAdapterInfo info) {
        if (info.DhcpEnabled == 0) {
            return Optional.empty();
        }
        Ipv4Address address;
        try {
            address = Ipv4Address.parse(info.IpAddressList.address());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (address.equals(Ipv4Address.ANY)) {
            return Optional.empty();
        }
        Optional<Ipv4Address> server;
        try {
            server = Optional.of(Ipv4Address.parse(info.DhcpServer.address()));
        } catch (IllegalArgumentException e) {
            server = Optional.empty();
        }
        Optional<Instant> obtained = info.LeaseObtained > 0 ? Optional.of(Instant.ofEpochSecond(info.LeaseObtained)) : Optional.empty();
        Optional<Instant> expires = info.LeaseExpires > 0 ? Optional.of(Instant.ofEpochSecond(info.LeaseExpires)) : Optional.empty();
        Optional<Duration> leaseTime = obtained.flatMap(start -> expires.map(end -> Duration.between(start, end)));
        return Optional.of(new BackendLease(address, server, leaseTime, Optional.empty(), Optional.empty(), obtained, expires));
    }

    private AdapterIndexEntry adapter(InterfaceName interfaceName) {
        int index = indexOf.applyAsInt(interfaceName);
        IntByReference size = new IntByReference(0);
        int first = ipHelper.GetInterfaceInfo(null, size);
        if (first == WindowsIpHelper.ERROR_NO_DATA) {
            throw new PlatformException("Windows lists no network adapters that use IPv4.");
        }
        if (first != WindowsIpHelper.ERROR_INSUFFICIENT_BUFFER || size.getValue() <= 0) {
            throw new PlatformException("GetInterfaceInfo failed with Windows error " + first + ".");
        }
        Memory table = new Memory(size.getValue());
        int listed = ipHelper.GetInterfaceInfo(table, size);
        if (listed != WindowsIpHelper.NO_ERROR) {
            throw new PlatformException("GetInterfaceInfo failed with Windows error " + listed + ".");
        }
        return AdapterIndexEntry.byIndex(WindowsIpHelper.readInterfaceInfo(table), index)
                .orElseThrow(() -> new PlatformException("Windows has no DHCP-capable adapter with index " + index
                        + " (" + interfaceName + ")."));
    }

    /** Windows error codes turned into the sentence an admin needs. */
    static void check(int error, String call, InterfaceName interfaceName) {
        switch (error) {
            case WindowsIpHelper.NO_ERROR -> {
                // Done.
            }
            case WindowsIpHelper.ERROR_ACCESS_DENIED ->
                    throw new PlatformException(call + " on " + interfaceName + " needs an administrator: run LeaseDesk as administrator.");
            case WindowsIpHelper.ERROR_NOT_SUPPORTED, WindowsIpHelper.ERROR_INVALID_PARAMETER ->
                    throw new PlatformException(interfaceName + " does not use DHCP (its address is set by hand), so "
                            + call + " cannot act on it.");
            default -> throw new PlatformException(call + " on " + interfaceName + " failed with Windows error " + error + ".");
        }
    }
}
