package org.leasedesk.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.leasedesk.app.ClientOptions;
import org.leasedesk.app.ControlException;
import org.leasedesk.app.InterfaceControl;
import org.leasedesk.client.DiscoveredServer;
import org.leasedesk.client.DiscoveryReport;
import org.leasedesk.client.Direction;
import org.leasedesk.client.ExchangeEntry;
import org.leasedesk.client.ExchangeListener;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.protocol.HardwareAddress;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code leasedesk client status|release|renew|discover IF}: one interface's DHCP lease, through
 * whoever manages it (the system's client, or LeaseDesk's own), with the exchange printed as it happens.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = {"Release, renew or inspect the DHCP lease of a local interface, or list the DHCP servers on its link.",
            "Goes through the DHCP client that manages the interface (NetworkManager, systemd-networkd, dhclient, dhcpcd,"
                + " Windows, macOS) or, when none does, LeaseDesk's own client (Linux, root or CAP_NET_ADMIN+CAP_NET_RAW+CAP_NET_BIND_SERVICE)."},
        subcommands = {ClientCommand.Status.class, ClientCommand.Release.class, ClientCommand.Renew.class, ClientCommand.Discover.class})
final class ClientCommand {

    /** Exit code when the operation was refused or failed (the sentence says why). */
    static final int FAILED = 1;
    static final int BAD_ARGUMENTS = 2;
    static final int STORE_FAILED = 3;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    /** Options every subcommand shares: the interface, the database, and the knobs for loopback tests and diagnosis. */
    static final class Shared {
        @Parameters(index = "0", paramLabel = "IF", description = "The interface, e.g. eth0.")
        String interfaceName;

        @Mixin
        DatabaseOption database;

        @Option(names = "--client-port", paramLabel = "PORT", defaultValue = "68", description = "UDP port of LeaseDesk's client (default: ${DEFAULT-VALUE}).")
        int clientPort;

        @Option(names = "--server-port", paramLabel = "PORT", defaultValue = "67", description = "UDP port of the servers (default: ${DEFAULT-VALUE}).")
        int serverPort;

        @Option(names = "--server", paramLabel = "ADDRESS", description = "Send to this one server instead of broadcasting (e.g. 127.0.0.1 for a server on loopback).")
        String server;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30", description = "How long to wait for a server (default: ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        @Option(names = "--no-apply", description = "Obtain and show the lease without putting it on the interface (LeaseDesk's own client only).")
        boolean noApply;

        @Option(names = "--mac", paramLabel = "MAC", description = "Client hardware address to use instead of the interface's.")
        String mac;

        ClientOptions options() {
            Optional<InetSocketAddress> target = Optional.ofNullable(server)
                    .map(address -> new InetSocketAddress(Ipv4Address.parse(address).toInetAddress(), serverPort));
            ClientOptions defaults = ClientOptions.defaults();
            return new ClientOptions(clientPort, serverPort, target, Duration.ofSeconds(timeoutSeconds), !noApply,
                    Optional.ofNullable(mac).map(HardwareAddress::parse), defaults.threads());
        }
    }

    /** The common frame: open the database, build the control, map failures to one sentence and an exit code. */
    abstract static class Subcommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        Shared shared;

        abstract void run(InterfaceControl control, PrintWriter out);

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ClientOptions options;
            try {
                options = shared.options();
            } catch (IllegalArgumentException e) {
                err.println("leasedesk client: " + e.getMessage());
                return BAD_ARGUMENTS;
            }
            try (LeaseDatabase database = shared.database.open()) {
                run(InterfaceControl.forThisMachine(database, options), out);
                return 0;
            } catch (ControlException e) {
                out.flush();
                err.println("leasedesk client: " + e.getMessage());
                return FAILED;
            } catch (StoreException e) {
                err.println("leasedesk client: " + e.getMessage());
                return STORE_FAILED;
            }
        }

        /** Prints each packet and note as the client records it. */
        static ExchangeListener printing(PrintWriter out) {
            return (exchange, entry) -> {
                synchronized (out) {
                    if (exchange.entries().size() == 1) {
                        out.println("== " + exchange.purpose());
                    }
                    out.println(line(entry));
                    out.flush();
                }
            };
        }

        static String line(ExchangeEntry entry) {
            return switch (entry) {
                case ExchangeEntry.Packet packet -> TIME.format(packet.at()) + (packet.direction() == Direction.SENT ? "  -> " : "  <- ")
                        + packet.summary() + (packet.direction() == Direction.SENT ? "  to " : "  from ")
                        + packet.peer().getAddress().getHostAddress() + ":" + packet.peer().getPort();
                case ExchangeEntry.Note note -> TIME.format(note.at()) + "     " + note.text();
            };
        }

        static void printResult(PrintWriter out, InterfaceControl.Result result) {
            out.println(result.interfaceName() + " through " + result.backend() + ": " + result.description());
            result.commands().forEach(command -> out.println("  ran: " + command));
            out.println(result.lease().map(lease -> "  lease: " + lease.summary()).orElse("  no lease held"));
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Who manages the interface's DHCP, and the lease it holds.")
    static final class Status extends Subcommand {
        @Override
        void run(InterfaceControl control, PrintWriter out) {
            InterfaceControl.Status status = control.status(shared.interfaceName);
            out.println(status.interfaceName() + ": DHCP by " + status.owner().owner().description() + " (" + status.owner().evidence() + ")");
            out.println("  backend: " + status.backend());
            out.println("  release: " + status.releaseDescription());
            out.println("  renew:   " + status.renewDescription());
            out.println(status.lease().map(lease -> "  lease: " + lease.summary()).orElse("  no lease known"));
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true, description = "Give the interface's lease back to the server.")
    static final class Release extends Subcommand {
        @Override
        void run(InterfaceControl control, PrintWriter out) {
            printResult(out, control.release(shared.interfaceName, printing(out)));
        }
    }

    @Command(name = "renew", mixinStandardHelpOptions = true, description = "Renew the interface's lease, or obtain one.")
    static final class Renew extends Subcommand {
        @Override
        void run(InterfaceControl control, PrintWriter out) {
            printResult(out, control.renew(shared.interfaceName, printing(out)));
        }
    }

    @Command(name = "discover", mixinStandardHelpOptions = true,
            description = "Broadcast one DISCOVER and list every DHCP server that offers, without taking any address.")
    static final class Discover extends Subcommand {
        @Option(names = "--window", paramLabel = "SECONDS", defaultValue = "3", description = "How long to collect offers (default: ${DEFAULT-VALUE}).")
        long windowSeconds;

        @Override
        void run(InterfaceControl control, PrintWriter out) {
            DiscoveryReport report = control.discover(shared.interfaceName, Duration.ofSeconds(windowSeconds), printing(out));
            out.println(report.servers().size() + " DHCP server(s) answered on " + shared.interfaceName);
            for (DiscoveredServer server : report.servers()) {
                out.println("  " + server.serverIdentifier().getHostAddress() + " offered " + server.offeredAddress().getHostAddress()
                        + server.leaseTime().map(time -> " for " + time.toSeconds() + " s").orElse(""));
            }
            report.warning().ifPresent(warning -> out.println("WARNING: " + warning));
        }
    }
}
