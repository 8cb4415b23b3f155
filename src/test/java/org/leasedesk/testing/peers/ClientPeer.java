package org.leasedesk.testing.peers;

import java.util.ArrayList;
import java.util.List;
import org.leasedesk.testing.netns.Namespace;

/**
 * DHCP clients from Debian, each run once in the foreground on one interface with its
 * distribution defaults (configuration, request list, script). Their scripts configure the
 * address inside the namespace; the lab gives every namespace its own resolv.conf.
 */
public enum ClientPeer {

    /** ISC dhclient, one attempt; pid and lease files in the lab, /etc/dhcp/dhclient.conf as shipped. */
    DHCLIENT("dhclient", "/etc/dhcp/dhclient.conf as Debian ships it: sends host-name = gethostname(), requests"
            + " subnet-mask, broadcast-address, time-offset, routers, domain-name, domain-name-servers, domain-search,"
            + " host-name, netbios-name-servers, netbios-scope, interface-mtu, classless static routes, ntp-servers;"
            + " script /sbin/dhclient-script") {
        @Override
        List<String> commandLine(Namespace namespace, String interfaceName) {
            return List.of("dhclient", "-d", "-1", "-v",
                    "-pf", namespace.lab().file("dhclient-" + interfaceName + ".pid").toString(),
                    "-lf", namespace.lab().file("dhclient-" + interfaceName + ".leases").toString(),
                    interfaceName);
        }
    },

    /** busybox udhcpc: quit once leased (-q), fail rather than background (-n). */
    UDHCPC("udhcpc", "no configuration file, busybox defaults; script /etc/udhcpc/default.script") {
        @Override
        List<String> commandLine(Namespace namespace, String interfaceName) {
            return List.of("udhcpc", "-f", "-n", "-q", "-i", interfaceName);
        }
    },

    /**
     * dhcpcd, IPv4 only, one attempt, in the foreground. Its pid file, control socket, DUID and
     * leases live in /run and /var/lib/dhcpcd, named by interface, so two labs using the same
     * interface name would share them: a private mount namespace puts empty tmpfs over both.
     */
    DHCPCD("dhcpcd", "/etc/dhcpcd.conf as Debian ships it: duid, persistent, vendorclassid, options"
            + " domain_name_servers, domain_name, domain_search, classless_static_routes, interface_mtu, host_name,"
            + " rapid_commit; require dhcp_server_identifier; hooks in /usr/lib/dhcpcd/dhcpcd-hooks") {
        @Override
        List<String> commandLine(Namespace namespace, String interfaceName) {
            List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private",
                    "sh", "-c", "mount -t tmpfs leasedesk-run /run && mount -t tmpfs leasedesk-dhcpcd /var/lib/dhcpcd && exec \"$@\"",
                    "sh"));
            command.addAll(List.of("dhcpcd", "-4", "-1", "-B", "-d", interfaceName));
            return command;
        }
    };

    private final String command;
    private final String configuration;

    ClientPeer(String command, String configuration) {
        this.command = command;
        this.configuration = configuration;
    }

    /** Where the client's settings come from when started by {@link #start}, in a sentence. */
    public String configuration() {
        return configuration;
    }

    /** The executable, for {@code @NetnsTest(requires = ...)}. */
    public String command() {
        return command;
    }

    /** Starts the client on {@code interfaceName}; it begins with a DISCOVER at once. */
    public StartedPeer start(Namespace namespace, String interfaceName) {
        return new StartedPeer(namespace.start(commandLine(namespace, interfaceName).toArray(String[]::new)), List.of());
    }

    abstract List<String> commandLine(Namespace namespace, String interfaceName);
}
