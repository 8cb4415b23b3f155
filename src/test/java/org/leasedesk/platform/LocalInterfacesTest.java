package org.leasedesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import org.junit.jupiter.api.Test;

class LocalInterfacesTest {

    @Test
    void loopbackIsListedWithItsAddressAndNoDhcp() throws SocketException {
        LocalInterface loopback = new LocalInterfaces().list().stream()
                .filter(LocalInterface::loopback)
                .findFirst()
                .orElseThrow();

        assertThat(loopback.up()).isTrue();
        assertThat(loopback.addresses()).extracting(LocalInterface.Address::toString).contains("127.0.0.1/8");
        assertThat(loopback.dhcp().owner()).isEqualTo(DhcpOwner.NONE);
    }

    @Test
    void windowsAndMacosAdaptersAreOwnedByTheOperatingSystem() throws SocketException {
        LinuxDhcpOwners unused = new LinuxDhcpOwners(java.nio.file.Path.of("/nonexistent"));

        assertThat(new LocalInterfaces(unused, "Windows 11").list())
                .filteredOn(nic -> !nic.loopback())
                .allSatisfy(nic -> assertThat(nic.dhcp().owner()).isEqualTo(DhcpOwner.WINDOWS));
        assertThat(new LocalInterfaces(unused, "Mac OS X").list())
                .filteredOn(nic -> !nic.loopback())
                .allSatisfy(nic -> assertThat(nic.dhcp().owner()).isEqualTo(DhcpOwner.MACOS));
    }
}
