package org.leasedesk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leasedesk.lease.Ipv4Address;

/**
 * The iphlpapi mapping cannot run here, so its memory layout is checked against the Windows SDK's
 * sizes and offsets (64-bit), and the adapter matching and error sentences are checked on their own.
 */
class WindowsIpHelperTest {

    private static final String GUID = "{4D36E972-E325-11CE-BFC1-08002BE10318}";

    @Test
    void adapterIndexMapIsAUlongFollowedBy128WideCharacters() {
        WindowsIpHelper.IpAdapterIndexMap map = new WindowsIpHelper.IpAdapterIndexMap();

        assertThat(map.size()).isEqualTo(4 + 128 * 2);
        assertThat(map.offsetOf("Index")).isZero();
        assertThat(map.offsetOf("Name")).isEqualTo(4);
    }

    @Test
    void interfaceInfoIsReadEntryByEntryAfterTheCount() {
        int entrySize = 260;
        Memory table = new Memory(4 + 2L * entrySize);
        table.clear();
        table.setInt(0, 2);
        writeEntry(table, 4, 11, "\\DEVICE\\TCPIP_{11111111-2222-3333-4444-555555555555}");
        writeEntry(table, 4 + entrySize, 7, "\\DEVICE\\TCPIP_" + GUID);

        List<AdapterIndexEntry> entries = WindowsIpHelper.readInterfaceInfo(table);

        assertThat(entries).containsExactly(new AdapterIndexEntry(11, "\\DEVICE\\TCPIP_{11111111-2222-3333-4444-555555555555}"),
                new AdapterIndexEntry(7, "\\DEVICE\\TCPIP_" + GUID));
    }

    private static void writeEntry(Memory table, long offset, int index, String name) {
        table.setInt(offset, index);
        byte[] utf16 = name.getBytes(StandardCharsets.UTF_16LE);
        table.write(offset + 4, utf16, 0, utf16.length);
    }

    @Test
    void anIndexMapBuiltForACallCarriesTheNameAsUtf16() {
        AdapterIndexEntry entry = new AdapterIndexEntry(7, "\\DEVICE\\TCPIP_" + GUID);
        WindowsIpHelper.IpAdapterIndexMap map = WindowsIpHelper.IpAdapterIndexMap.of(entry);
        map.write();

        assertThat(map.getPointer().getInt(0)).isEqualTo(7);
        byte[] name = map.getPointer().getByteArray(4, entry.name().length() * 2 + 2);
        assertThat(new String(name, 0, name.length - 2, StandardCharsets.UTF_16LE)).isEqualTo(entry.name());
        assertThat(name[name.length - 2] | name[name.length - 1]).as("terminating NUL").isZero();
        assertThat(map.toEntry()).isEqualTo(entry);
    }

    @Test
    void adaptersAreFoundByIndexOrByGuidInAnySpelling() {
        List<AdapterIndexEntry> entries = List.of(new AdapterIndexEntry(11, "\\DEVICE\\TCPIP_{11111111-2222-3333-4444-555555555555}"),
                new AdapterIndexEntry(7, "\\Device\\Tcpip_" + GUID));

        assertThat(AdapterIndexEntry.byIndex(entries, 7)).contains(entries.get(1));
        assertThat(AdapterIndexEntry.byIndex(entries, 8)).isEmpty();
        assertThat(AdapterIndexEntry.byGuid(entries, GUID.toLowerCase())).contains(entries.get(1));
        assertThat(AdapterIndexEntry.byGuid(entries, "11111111-2222-3333-4444-555555555555")).contains(entries.get(0));
        assertThat(AdapterIndexEntry.byGuid(entries, "{00000000-0000-0000-0000-000000000000}")).isEmpty();
    }

    @Test
    void adapterInfoHasTheSdkLayout() {
        WindowsIpHelper.IpAddrString addr = new WindowsIpHelper.IpAddrString();
        WindowsIpHelper.IpAdapterInfo info = new WindowsIpHelper.IpAdapterInfo();
        int pointer = Native.POINTER_SIZE;

        assertThat(addr.size()).isEqualTo(pointer == 8 ? 48 : 40);
        if (pointer == 8) {
            assertThat(info.size()).isEqualTo(704);
            assertThat(info.offsetOf("AdapterName")).isEqualTo(12);
            assertThat(info.offsetOf("Index")).isEqualTo(416);
            assertThat(info.offsetOf("DhcpEnabled")).isEqualTo(424);
            assertThat(info.offsetOf("IpAddressList")).isEqualTo(440);
            assertThat(info.offsetOf("DhcpServer")).isEqualTo(536);
            assertThat(info.offsetOf("LeaseObtained")).isEqualTo(688);
            assertThat(info.offsetOf("LeaseExpires")).isEqualTo(696);
        }
    }

    @Test
    void adapterInfoGivesTheLeaseWithObtainedAndExpires() {
        WindowsIpHelper.IpAdapterInfo info = new WindowsIpHelper.IpAdapterInfo();
        info.DhcpEnabled = 1;
        info.IpAddressList = addrString("192.0.2.77");
        info.DhcpServer = addrString("192.0.2.1");
        info.LeaseObtained = 1_795_440_000L;
        info.LeaseExpires = 1_795_440_000L + 86_400;

        BackendLease lease = WindowsBackend.leaseOf(info).orElseThrow();

        assertThat(lease.address()).isEqualTo(Ipv4Address.parse("192.0.2.77"));
        assertThat(lease.server()).contains(Ipv4Address.parse("192.0.2.1"));
        assertThat(lease.obtained()).contains(Instant.ofEpochSecond(1_795_440_000L));
        assertThat(lease.leaseTime()).contains(Duration.ofDays(1));
        assertThat(lease.renewalTime()).isEmpty();

        info.DhcpEnabled = 0;
        assertThat(WindowsBackend.leaseOf(info)).as("a static address is no lease").isEmpty();
    }

    private static WindowsIpHelper.IpAddrString addrString(String address) {
        WindowsIpHelper.IpAddrString value = new WindowsIpHelper.IpAddrString();
        byte[] ascii = address.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, value.IpAddress, 0, ascii.length);
        return value;
    }

    @Test
    void windowsErrorsBecomeSentencesAnAdminCanActOn() {
        InterfaceName eth = new InterfaceName("eth3");

        assertThatThrownBy(() -> WindowsBackend.check(WindowsIpHelper.ERROR_ACCESS_DENIED, "IpRenewAddress", eth))
                .hasMessage("IpRenewAddress on eth3 needs an administrator: run LeaseDesk as administrator.");
        assertThatThrownBy(() -> WindowsBackend.check(WindowsIpHelper.ERROR_NOT_SUPPORTED, "IpReleaseAddress", eth))
                .hasMessageStartingWith("eth3 does not use DHCP");
        WindowsBackend.check(WindowsIpHelper.NO_ERROR, "IpRenewAddress", eth);
    }
}
