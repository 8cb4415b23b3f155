package org.leasedesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinuxLinksTest {

    /** ip -o link show inside a test namespace, plus a host's Wi-Fi and a tunnel (iproute2 6.1). */
    private static final String IP_LINK = """
            1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
            2: cli0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000\\    link/ether 00:00:5e:00:53:42 brd ff:ff:ff:ff:ff:ff link-netns ld7k2q-server
            3: wlp2s0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DORMANT mode DORMANT group default qlen 1000\\    link/ether 00:00:5e:00:53:01 brd ff:ff:ff:ff:ff:ff
            4: enp0s31f6: <BROADCAST,MULTICAST> mtu 1500 qdisc fq_codel state DOWN mode DEFAULT group default qlen 1000\\    link/ether 00:00:5e:00:53:02 brd ff:ff:ff:ff:ff:ff
            5: wg0: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1420 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    link/none
            """;

    @Test
    void readsNameIndexMacAndStateOfEachLink() {
        assertThat(LinuxLinks.parse(IP_LINK)).containsExactly(
                new LinuxLinks.Link(new InterfaceName("lo"), 1, Optional.empty(), true),
                new LinuxLinks.Link(new InterfaceName("cli0"), 2, Optional.of("00:00:5e:00:53:42"), true),
                new LinuxLinks.Link(new InterfaceName("wlp2s0"), 3, Optional.of("00:00:5e:00:53:01"), true),
                new LinuxLinks.Link(new InterfaceName("enp0s31f6"), 4, Optional.of("00:00:5e:00:53:02"), false),
                new LinuxLinks.Link(new InterfaceName("wg0"), 5, Optional.empty(), true));
    }

    @Test
    void listsThisMachinesLinksWithIp() {
        assertThat(new LinuxLinks(new ProcessCommandRunner()).find("lo")).hasValueSatisfying(lo -> assertThat(lo.up()).isTrue());
    }
}
