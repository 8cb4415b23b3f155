package org.leasedesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leasedesk.lease.Ipv4Address;

/** Each backend's lease output, as the real program prints it, read into a {@link BackendLease}. */
class LeaseParsersTest {

    /** dhclient 4.4.3 against dnsmasq: a first lease, then a renewal further down the same file. */
    static final String DHCLIENT_LEASES = """
            lease {
              interface "other0";
              fixed-address 198.18.0.9;
              option dhcp-server-identifier 198.18.0.1;
              expire 1 2026/11/23 18:00:00;
            }
            lease {
              interface "dq0x";
              fixed-address 192.0.2.103;
              option subnet-mask 255.255.255.0;
              option routers 192.0.2.1;
              option dhcp-lease-time 120;
              option dhcp-message-type 5;
              option dhcp-server-identifier 192.0.2.1;
              option dhcp-renewal-time 60;
              option broadcast-address 192.0.2.255;
              option dhcp-rebinding-time 105;
              renew 1 2026/11/23 14:45:00;
              rebind 1 2026/11/23 14:45:50;
              expire 1 2026/11/23 14:46:05;
            }
            lease {
              interface "dq0x";
              fixed-address 192.0.2.103;
              option subnet-mask 255.255.255.0;
              option dhcp-lease-time 120;
              option dhcp-server-identifier 192.0.2.1;
              option dhcp-renewal-time 60;
              option dhcp-rebinding-time 105;
              renew 1 2026/11/23 14:46:00;
              rebind 1 2026/11/23 14:46:50;
              expire epoch 1795445225; # Mon Nov 23 14:47:05 2026
            }
            """;

    /** dhcpcd 9.4.1 -4 -U dq0x, as printed. */
    static final String DHCPCD_DUMP = """
            reason=REBOOT
            interface=dq0x
            protocol=dhcp
            ip_address=192.0.2.103
            subnet_cidr=24
            network_number=192.0.2.0
            subnet_mask=255.255.255.0
            routers=192.0.2.1
            broadcast_address=192.0.2.255
            dhcp_lease_time=120
            dhcp_message_type=5
            dhcp_server_identifier=192.0.2.1
            dhcp_renewal_time=60
            dhcp_rebinding_time=105
            domain_name_servers='192.0.2.53 192.0.2.54'
            """;

    /** systemd-networkd's /run/systemd/netif/leases/2 (systemd 252). */
    static final String NETWORKD_LEASE = """
            # This is private data. Do not parse.
            ADDRESS=192.0.2.23
            NETMASK=255.255.255.0
            ROUTER=192.0.2.1
            SERVER_ADDRESS=192.0.2.1
            NEXT_SERVER=0.0.0.0
            BROADCAST=192.0.2.255
            T1=1800
            T2=3150
            LIFETIME=3600
            DNS=192.0.2.53
            DOMAINNAME=example.org
            CLIENTID=ff4e2b7b8400020000ab11f1b4a6a2d5e6c3f1
            """;

    /** nmcli -t -f DHCP4 device show wlp2s0 (NetworkManager 1.42). */
    static final String NMCLI_DHCP4 = """
            DHCP4.OPTION[1]:broadcast_address = 192.0.2.255
            DHCP4.OPTION[2]:dhcp_client_identifier = 01:00:00:5e:00:53:42
            DHCP4.OPTION[3]:dhcp_lease_time = 86400
            DHCP4.OPTION[4]:dhcp_server_identifier = 192.0.2.1
            DHCP4.OPTION[5]:domain_name_servers = 192.0.2.53
            DHCP4.OPTION[6]:expiry = 1795500000
            DHCP4.OPTION[7]:ip_address = 192.0.2.44
            DHCP4.OPTION[8]:requested_broadcast_address = 1
            DHCP4.OPTION[9]:routers = 192.0.2.1
            DHCP4.OPTION[10]:subnet_mask = 255.255.255.0
            """;

    /** ipconfig getpacket en0 (macOS 14). */
    static final String MACOS_PACKET = """
            op = BOOTREPLY
            htype = 1
            flags = 0
            hlen = 6
            hops = 0
            xid = 0x2f1c6a9e
            secs = 0
            ciaddr = 0.0.0.0
            yiaddr = 192.0.2.61
            siaddr = 192.0.2.1
            giaddr = 0.0.0.0
            chaddr = 0:0:5e:0:53:61
            sname =
            file =
            options:
            Options count is 9
            dhcp_message_type (uint8): ACK 0x5
            server_identifier (ip): 192.0.2.1
            lease_time (uint32): 0x15180
            renewal_t1_time_value (uint32): 0xa8c0
            rebinding_t2_time_value (uint32): 0x12750
            subnet_mask (ip): 255.255.255.0
            router (ip_mult): {192.0.2.1}
            domain_name_server (ip_mult): {192.0.2.53}
            end (none):
            """;

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    @Test
    void dhclientTheLastLeaseOfTheInterfaceWinsAndItsTimesAreRead() {
        BackendLease lease = DhclientBackend.parseLeaseFile(DHCLIENT_LEASES, "dq0x").orElseThrow();

        assertThat(lease.address()).isEqualTo(ip("192.0.2.103"));
        assertThat(lease.server()).contains(ip("192.0.2.1"));
        assertThat(lease.leaseTime()).contains(Duration.ofSeconds(120));
        assertThat(lease.renewalTime()).contains(Duration.ofSeconds(60));
        assertThat(lease.rebindingTime()).contains(Duration.ofSeconds(105));
        assertThat(lease.expires()).contains(Instant.ofEpochSecond(1795445225));
        assertThat(lease.obtained()).contains(Instant.ofEpochSecond(1795445225 - 120));
    }

    @Test
    void dhclientDatesAreUtc() {
        BackendLease first = DhclientBackend.parseLeaseFile(DHCLIENT_LEASES.substring(0, DHCLIENT_LEASES.lastIndexOf("lease {")), "dq0x")
                .orElseThrow();

        assertThat(first.expires()).contains(Instant.parse("2026-11-23T14:46:05Z"));
        assertThat(first.obtained()).contains(Instant.parse("2026-11-23T14:44:05Z"));
    }

    @Test
    void dhclientWithoutALeaseForTheInterfaceHasNone() {
        assertThat(DhclientBackend.parseLeaseFile(DHCLIENT_LEASES, "eth9")).isEmpty();
        assertThat(DhclientBackend.parseLeaseFile("", "eth0")).isEmpty();
        assertThat(DhclientBackend.parseLeaseFile("lease {\n  interface \"eth0\";\n  fixed-address 999.1.1.1;\n", "eth0")).isEmpty();
    }

    @Test
    void dhcpcdDumpGivesAddressServerAndTimersButNoDates() {
        BackendLease lease = DhcpcdBackend.parseDump(DHCPCD_DUMP).orElseThrow();

        assertThat(lease).isEqualTo(new BackendLease(ip("192.0.2.103"), Optional.of(ip("192.0.2.1")), Optional.of(Duration.ofSeconds(120)),
                Optional.of(Duration.ofSeconds(60)), Optional.of(Duration.ofSeconds(105)), Optional.empty(), Optional.empty()));
    }

    @Test
    void networkdLeaseFileIsRead() {
        BackendLease lease = NetworkdBackend.parseLeaseFile(NETWORKD_LEASE).orElseThrow();

        assertThat(lease.address()).isEqualTo(ip("192.0.2.23"));
        assertThat(lease.server()).contains(ip("192.0.2.1"));
        assertThat(lease.leaseTime()).contains(Duration.ofHours(1));
        assertThat(lease.renewalTime()).contains(Duration.ofSeconds(1800));
        assertThat(lease.rebindingTime()).contains(Duration.ofSeconds(3150));
    }

    @Test
    void networkManagerOptionsGiveTheExpiryAndSoWhenTheLeaseWasObtained() {
        BackendLease lease = NetworkManagerBackend.parseDhcp4(NMCLI_DHCP4).orElseThrow();

        assertThat(lease.address()).isEqualTo(ip("192.0.2.44"));
        assertThat(lease.server()).contains(ip("192.0.2.1"));
        assertThat(lease.expires()).contains(Instant.ofEpochSecond(1795500000));
        assertThat(lease.obtained()).contains(Instant.ofEpochSecond(1795500000 - 86400));
        assertThat(lease.renewalTime()).isEmpty();
    }

    @Test
    void macOsPacketHexTimersAreRead() {
        BackendLease lease = MacOsBackend.parsePacket(MACOS_PACKET).orElseThrow();

        assertThat(lease.address()).isEqualTo(ip("192.0.2.61"));
        assertThat(lease.server()).contains(ip("192.0.2.1"));
        assertThat(lease.leaseTime()).contains(Duration.ofSeconds(86400));
        assertThat(lease.renewalTime()).contains(Duration.ofSeconds(43200));
        assertThat(lease.rebindingTime()).contains(Duration.ofSeconds(75600));
    }

    @Test
    void outputsWithoutAnAddressHaveNoLease() {
        assertThat(DhcpcdBackend.parseDump("reason=NOCARRIER\ninterface=eth0\n")).isEmpty();
        assertThat(NetworkdBackend.parseLeaseFile("# This is private data. Do not parse.\n")).isEmpty();
        assertThat(NetworkManagerBackend.parseDhcp4("")).isEmpty();
        assertThat(MacOsBackend.parsePacket("yiaddr = 0.0.0.0\n")).isEmpty();
    }

    @Test
    void summaryShowsWhatIsKnown() {
        assertThat(DhcpcdBackend.parseDump(DHCPCD_DUMP).orElseThrow().summary())
                .isEqualTo("192.0.2.103 from 192.0.2.1, lease 120 s, T1 60 s, T2 105 s");
    }
}
