package org.leasedesk.platform;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of Windows' iphlpapi.dll that releases and renews DHCP leases, declared here because
 * jna-platform does not map it. Names are those of the Windows SDK headers (ipexport.h,
 * iptypes.h) so they can be checked against the documentation.
 *
 * <p>Lease times come from {@code GetAdaptersInfo}: its IP_ADAPTER_INFO carries the DHCP server,
 * LeaseObtained and LeaseExpires as absolute times, where {@code GetAdaptersAddresses} only has
 * lifetimes remaining per address.
 */
interface WindowsIpHelper extends Library {

    int NO_ERROR = 0;
    int ERROR_ACCESS_DENIED = 5;
    int ERROR_NOT_SUPPORTED = 50;
    int ERROR_INVALID_PARAMETER = 87;
    int ERROR_INSUFFICIENT_BUFFER = 122;
    int ERROR_BUFFER_OVERFLOW = 111;
    int ERROR_NO_DATA = 232;
    /** ipexport.h: MAX_ADAPTER_NAME, in WCHARs. */
    int MAX_ADAPTER_NAME = 128;
    /** iptypes.h: MAX_ADAPTER_NAME_LENGTH + 4, MAX_ADAPTER_DESCRIPTION_LENGTH + 4, MAX_ADAPTER_ADDRESS_LENGTH. */
    int ADAPTER_NAME_BYTES = 256 + 4;
    int ADAPTER_DESCRIPTION_BYTES = 128 + 4;
    int ADAPTER_ADDRESS_BYTES = 8;

    /** Loaded on first use, so referring to this type elsewhere never needs Windows. */
    static WindowsIpHelper load() {
        return Native.load("iphlpapi", WindowsIpHelper.class);
    }

    /** DWORD GetInterfaceInfo(PIP_INTERFACE_INFO pIfTable, PULONG dwOutBufLen). */
    int GetInterfaceInfo(Pointer table, IntByReference size);

    /** DWORD IpReleaseAddress(PIP_ADAPTER_INDEX_MAP AdapterInfo). */
    int IpReleaseAddress(IpAdapterIndexMap adapter);

    /** DWORD IpRenewAddress(PIP_ADAPTER_INDEX_MAP AdapterInfo). */
    int IpRenewAddress(IpAdapterIndexMap adapter);

    /** ULONG GetAdaptersInfo(PIP_ADAPTER_INFO AdapterInfo, PULONG SizePointer). */
    int GetAdaptersInfo(Pointer adapters, IntByReference size);

    /**
     * {@code typedef struct _IP_ADAPTER_INDEX_MAP { ULONG Index; WCHAR Name[MAX_ADAPTER_NAME]; }}:
     * 260 bytes. WCHAR is two bytes on Windows; Java's char maps to the platform's wchar_t (four
     * bytes on Linux), so the name is held as UTF-16 code units in a short array, the same size everywhere.
     */
    @Structure.FieldOrder({"Index", "Name"})
    class IpAdapterIndexMap extends Structure {
        public int Index;
        public short[] Name = new short[MAX_ADAPTER_NAME];

        public IpAdapterIndexMap() {
            super();
        }

        IpAdapterIndexMap(Pointer memory) {
            super(memory);
            read();
        }

        static IpAdapterIndexMap of(AdapterIndexEntry entry) {
            IpAdapterIndexMap map = new IpAdapterIndexMap();
            map.Index = entry.index();
            char[] chars = entry.name().toCharArray();
            for (int i = 0; i < chars.length && i < MAX_ADAPTER_NAME - 1; i++) {
                map.Name[i] = (short) chars[i];
            }
            return map;
        }

        /** Where a field lies, for checking the layout against the SDK. */
        int offsetOf(String field) {
            return fieldOffset(field);
        }

        AdapterIndexEntry toEntry() {
            StringBuilder name = new StringBuilder();
            for (short unit : Name) {
                if (unit == 0) {
                    break;
                }
                name.append((char) unit);
            }
            return new AdapterIndexEntry(Index, name.toString());
        }
    }

    /**
     * Reads {@code typedef struct _IP_INTERFACE_INFO { LONG NumAdapters; IP_ADAPTER_INDEX_MAP Adapter[1]; }},
     * whose array runs on for NumAdapters entries: the entries start at offset 4 (the map's
     * alignment is its ULONG's), one every {@code size()} bytes.
     */
    static List<AdapterIndexEntry> readInterfaceInfo(Pointer table) {
        int count = table.getInt(0);
        int entrySize = new IpAdapterIndexMap().size();
        List<AdapterIndexEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new IpAdapterIndexMap(table.share(4L + (long) i * entrySize)).toEntry());
        }
        return entries;
    }

    /** {@code typedef struct _IP_ADDR_STRING { struct _IP_ADDR_STRING* Next; char IpAddress[16]; char IpMask[16]; DWORD Context; }}. */
    @Structure.FieldOrder({"Next", "IpAddress", "IpMask", "Context"})
    class IpAddrString extends Structure {
        public Pointer Next;
        public byte[] IpAddress = new byte[16];
        public byte[] IpMask = new byte[16];
        public int Context;

        String address() {
            return cString(IpAddress);
        }
    }

    /** iptypes.h IP_ADAPTER_INFO, one node of the list GetAdaptersInfo fills; time_t is 64 bits in current SDKs. */
    @Structure.FieldOrder({"Next", "ComboIndex", "AdapterName", "Description", "AddressLength", "Address", "Index", "Type",
        "DhcpEnabled", "CurrentIpAddress", "IpAddressList", "GatewayList", "DhcpServer", "HaveWins", "PrimaryWinsServer",
        "SecondaryWinsServer", "LeaseObtained", "LeaseExpires"})
    class IpAdapterInfo extends Structure {
        public Pointer Next;
        public int ComboIndex;
        public byte[] AdapterName = new byte[ADAPTER_NAME_BYTES];
        public byte[] Description = new byte[ADAPTER_DESCRIPTION_BYTES];
        public int AddressLength;
        public byte[] Address = new byte[ADAPTER_ADDRESS_BYTES];
        public int Index;
        public int Type;
        public int DhcpEnabled;
        public Pointer CurrentIpAddress;
        public IpAddrString IpAddressList;
        public IpAddrString GatewayList;
        public IpAddrString DhcpServer;
        public int HaveWins;
        public IpAddrString PrimaryWinsServer;
        public IpAddrString SecondaryWinsServer;
        public long LeaseObtained;
        public long LeaseExpires;

        public IpAdapterInfo() {
            super();
        }

        IpAdapterInfo(Pointer memory) {
            super(memory);
            read();
        }

        String adapterName() {
            return cString(AdapterName);
        }

        int offsetOf(String field) {
            return fieldOffset(field);
        }
    }

    /** Walks the list GetAdaptersInfo wrote into {@code buffer}. */
    static List<IpAdapterInfo> readAdaptersInfo(Memory buffer) {
        List<IpAdapterInfo> adapters = new ArrayList<>();
        Pointer next = buffer;
        while (next != null && adapters.size() < 1024) {
            IpAdapterInfo adapter = new IpAdapterInfo(next);
            adapters.add(adapter);
            next = adapter.Next;
        }
        return adapters;
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.US_ASCII);
    }
}
