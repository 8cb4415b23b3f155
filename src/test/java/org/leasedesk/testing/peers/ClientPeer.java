package org.leasedesk.testing.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.leasedesk.testing.netns.BackgroundProcess;
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
            return dhclient(namespace, interfaceName, "-d", "-1", "-v");
        }

        /** The same for a client that keeps its lease: -1 gives up only before the first lease, never after. */
        @Override
        List<String> keepingCommandLine(Namespace namespace, String interfaceName) {
            return commandLine(namespace, interfaceName);
        }

        /** dhclient has no renew trigger (a second dhclient would run beside the first): it renews at T1. */
        @Override
        public void renew(Namespace namespace, String interfaceName, StartedPeer running) {}

        /** -r with the running client's pid file stops it, then releases from its lease file. */
        @Override
        public void release(Namespace namespace, String interfaceName, StartedPeer running) {
            namespace.exec(dhclient(namespace, interfaceName, "-r", "-v").toArray(String[]::new)).orThrow();
        }

        /**
         * Debian's /etc/dhcp/dhclient.conf plus one line, in the lab: ISC dhclient sends no client
         * identifier unless told to, and then {@code hardware} is 01 + MAC, as Windows sends it.
         */
        @Override
        List<String> clientIdCommandLine(Namespace namespace, String interfaceName) {
            Path shipped = Path.of("/etc/dhcp/dhclient.conf");
            String debian = "";
            try {
                if (Files.exists(shipped)) {
                    debian = Files.readString(shipped);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            namespace.lab().writeFile(configName(interfaceName), debian + "\nsend dhcp-client-identifier = hardware;\n");
            return keepingCommandLine(namespace, interfaceName);
        }

        /** With the lab's configuration for this interface when {@link #clientIdCommandLine} wrote one, so -r sends the same identifier. */
        private static List<String> dhclient(Namespace namespace, String interfaceName, String... flags) {
            List<String> command = new ArrayList<>(List.of("dhclient"));
            command.addAll(List.of(flags));
            Path config = namespace.lab().file(configName(interfaceName));
            if (Files.exists(config)) {
                command.addAll(List.of("-cf", config.toString()));
            }
            command.addAll(List.of("-pf", namespace.lab().file("dhclient-" + interfaceName + ".pid").toString(),
                    "-lf", namespace.lab().file("dhclient-" + interfaceName + ".leases").toString(), interfaceName));
            return command;
        }

        private static String configName(String interfaceName) {
            return "dhclient-" + interfaceName + ".conf";
        }
    },

    /** busybox udhcpc: quit once leased (-q), fail rather than background (-n). */
    UDHCPC("udhcpc", "no configuration file, busybox defaults; script /etc/udhcpc/default.script") {
        @Override
        List<String> commandLine(Namespace namespace, String interfaceName) {
            return List.of("udhcpc", "-f", "-n", "-q", "-i", interfaceName);
        }

        /** Without -q it stays bound; it ignores option 58 (T1 is half the lease), hence the signal for renewing. */
        @Override
        List<String> keepingCommandLine(Namespace namespace, String interfaceName) {
            return List.of("udhcpc", "-f", "-n", "-i", interfaceName);
        }

        @Override
        public void renew(Namespace namespace, String interfaceName, StartedPeer running) {
            running.process().signal(BackgroundProcess.Signal.USR1);
        }

        @Override
        public void release(Namespace namespace, String interfaceName, StartedPeer running) {
            running.process().signal(BackgroundProcess.Signal.USR2);
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
            return inPrivateRun("dhcpcd", "-4", "-1", "-B", "-d", interfaceName);
        }

        @Override
        List<String> keepingCommandLine(Namespace namespace, String interfaceName) {
            return inPrivateRun("dhcpcd", "-4", "-B", "-d", interfaceName);
        }

        /*
         * dhcpcd -n and -k talk to the running dhcpcd through its control socket, which lives in the
         * private /run only the running one sees; without it they signal the running one, as done here
         * directly: USR1 renews, ALRM releases and exits (HUP would rebind).
         * The command line execs dhcpcd in place of unshare and sh, so the started pid is dhcpcd's.
         */
        @Override
        public void renew(Namespace namespace, String interfaceName, StartedPeer running) {
            running.process().signal(BackgroundProcess.Signal.USR1);
        }

        /** dhcpcd ignores a signal that arrives while it runs a hook script, so ALRM is repeated until it has released and exited. */
        @Override
        public void release(Namespace namespace, String interfaceName, StartedPeer running) {
            for (int attempt = 0; attempt < 10 && running.process().isAlive(); attempt++) {
                running.process().signal(BackgroundProcess.Signal.ALRM);
                BackgroundProcess.sleep(java.time.Duration.ofSeconds(1));
            }
        }

        private static List<String> inPrivateRun(String... dhcpcd) {
            List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private",
                    "sh", "-c", "mount -t tmpfs leasedesk-run /run && mount -t tmpfs leasedesk-dhcpcd /var/lib/dhcpcd && exec \"$@\"",
                    "sh"));
            command.addAll(List.of(dhcpcd));
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

    /**
     * Starts the client to stay bound: it configures the address, renews at T1 and obeys
     * {@link #renew} and {@link #release} until stopped.
     */
    public StartedPeer startKeepingLease(Namespace namespace, String interfaceName) {
        return new StartedPeer(namespace.start(keepingCommandLine(namespace, interfaceName).toArray(String[]::new)), List.of());
    }

    /**
     * Like {@link #startKeepingLease}, and the client sends a client identifier (option 61) in every
     * message: udhcpc (01 + MAC) and dhcpcd (255 + IAID + DUID, RFC 4361, as Debian's dhcpcd.conf
     * asks with {@code duid}) do by default; dhclient is told to send 01 + MAC.
     */
    public StartedPeer startKeepingLeaseWithClientId(Namespace namespace, String interfaceName) {
        return new StartedPeer(namespace.start(clientIdCommandLine(namespace, interfaceName).toArray(String[]::new)), List.of());
    }

    /** Asks a client started by {@link #startKeepingLease} to renew now, the way its own users do. */
    public abstract void renew(Namespace namespace, String interfaceName, StartedPeer running);

    /** Asks a client started by {@link #startKeepingLease} to release its lease, the way its own users do. */
    public abstract void release(Namespace namespace, String interfaceName, StartedPeer running);

    abstract List<String> commandLine(Namespace namespace, String interfaceName);

    abstract List<String> keepingCommandLine(Namespace namespace, String interfaceName);

    /** The keeping command line of a client that sends option 61 on its own; others override it. */
    List<String> clientIdCommandLine(Namespace namespace, String interfaceName) {
        return keepingCommandLine(namespace, interfaceName);
    }
}
