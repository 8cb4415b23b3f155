package org.leasedesk.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.leasedesk.protocol.HardwareAddress;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.leasedesk.client.ExchangeEntry;
import org.leasedesk.client.ExchangeListener;
import org.leasedesk.platform.BackendLease;

/**
 * The Interfaces view's seam over {@link InterfaceControl}: interfaces, their current lease, and
 * release, renew and discover with each packet handed over as it happens, all in values the view
 * may hold. A lab desk drives LeaseDesk's own client against the workbench's lab server on
 * loopback (nothing leaves the machine, no privileges needed).
 */
public final class InterfaceDesk {

    /** The lab client's MAC: RFC 7042's documentation range. */
    public static final String LAB_MAC = "00:00:5e:00:53:fe";
    /** The interface name the lab desk runs on. */
    public static final String LAB_INTERFACE = "lo";

    public record InterfaceRow(String name, String macAddress, List<String> addresses, boolean up, String owner, String evidence,
                               String backend, String releaseDescription, String renewDescription, boolean carriesDefaultRoute) {
        public InterfaceRow {
            addresses = List.copyOf(addresses);
        }
    }

    /** A lease as the interface holds it; T1, T2 and expiry as moments when known. */
    public record LeaseInfo(String address, Optional<String> server, Optional<Instant> obtained, Optional<Instant> renewAt,
                            Optional<Instant> rebindAt, Optional<Instant> expires) {}

    /** One line of an exchange's timeline. */
    public record TimelineEntry(Instant at, String direction, String peer, String summary, String details) {}

    /** What an operation did, with the lease before and after for the comparison. */
    public record Outcome(String description, List<String> commands, Optional<LeaseInfo> before, Optional<LeaseInfo> after) {
        public Outcome {
            commands = List.copyOf(commands);
        }
    }

    public record ServerRow(String serverIdentifier, String source, String offeredAddress, String leaseTime, String routers,
                            String dnsServers) {}

    private final InterfaceControl control;
    private final boolean lab;

    private InterfaceDesk(InterfaceControl control, boolean lab) {
        this.control = control;
        this.lab = lab;
    }

    /** This machine's interfaces, through their owners' backends; history goes to the workbench's database. */
    public static InterfaceDesk forThisMachine(Workbench workbench) {
        return new InterfaceDesk(InterfaceControl.forThisMachine(workbench.database(), ClientOptions.defaults()), false);
    }

    /**
     * The lab desk: LeaseDesk's own client on loopback, sending to the workbench's lab server. The
     * server redirects every reply to one socket: the simulated fleet's when it runs (which passes
     * ours on to the client's own port), else the client's. Empty when no lab server runs.
     */
    public static Optional<InterfaceDesk> forLab(Workbench workbench) {
        if (!(workbench.state() instanceof Workbench.Serving serving) || !serving.lab()) {
            return Optional.empty();
        }
        Optional<InetSocketAddress> replies = serving.running().server().redirectReplies();
        InetSocketAddress server = serving.running().server().localAddress();
        return replies.map(socket -> {
            int clientPort = workbench.lab().map(fleet -> {
                int own = freeLoopbackPort();
                fleet.forwardOthersTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), own));
                return own;
            }).orElse(socket.getPort());
            return new InterfaceDesk(InterfaceControl.forThisMachine(workbench.database(),
                    new ClientOptions(clientPort, server.getPort(), Optional.of(server), Duration.ofSeconds(10), false,
                            Optional.of(HardwareAddress.parse(LAB_MAC)),
                            Thread.ofPlatform().name("lab-client-", 1).daemon(true).factory())), true);
        });
    }

    private static int freeLoopbackPort() {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (SocketException e) {
            throw new UncheckedIOException("no free UDP port on loopback for the lab client", e);
        }
    }

    public boolean isLab() {
        return lab;
    }

    public List<InterfaceRow> interfaces() {
        if (lab) {
            return List.of(new InterfaceRow(LAB_INTERFACE + " (lab)", LAB_MAC, List.of("127.0.0.1/8"), true, "LeaseDesk's own client",
                    "the lab runs LeaseDesk's client against the lab server on loopback", "LeaseDesk's own client",
                    "Sends a DHCPRELEASE to the lab server.", "Obtains or renews a lease from the lab server.", false));
        }
        String defaultRoute = defaultRouteInterface().orElse("");
        return control.interfaces().stream().map(managed -> new InterfaceRow(managed.details().name(),
                managed.details().macAddress().orElse(""),
                managed.details().addresses().stream().map(Object::toString).toList(), managed.details().up(),
                managed.details().dhcp().owner().description(), managed.details().dhcp().evidence(), managed.backend(),
                managed.releaseDescription(), managed.renewDescription(), managed.details().name().equals(defaultRoute))).toList();
    }

    private String name(String shown) {
        return lab ? LAB_INTERFACE : shown;
    }

    public Optional<LeaseInfo> lease(String interfaceName) {
        return control.status(name(interfaceName)).lease().map(InterfaceDesk::info);
    }

    public Outcome release(String interfaceName, Consumer<TimelineEntry> timeline) {
        Optional<LeaseInfo> before = lease(interfaceName);
        InterfaceControl.Result result = control.release(name(interfaceName), listener(timeline));
        return new Outcome(result.description(), result.commands(), before, result.lease().map(InterfaceDesk::info));
    }

    public Outcome renew(String interfaceName, Consumer<TimelineEntry> timeline) {
        Optional<LeaseInfo> before = lease(interfaceName);
        InterfaceControl.Result result = control.renew(name(interfaceName), listener(timeline));
        return new Outcome(result.description(), result.commands(), before, result.lease().map(InterfaceDesk::info));
    }

    public List<ServerRow> discover(String interfaceName, Consumer<TimelineEntry> timeline) {
        return control.discover(name(interfaceName), Duration.ofSeconds(lab ? 1 : 3), listener(timeline)).servers().stream()
                .map(server -> new ServerRow(server.serverIdentifier().getHostAddress(), server.source().toString(),
                        server.offeredAddress().getHostAddress(), server.leaseTime().map(Duration::toString).orElse(""),
                        server.routers().stream().map(a -> a.getHostAddress()).toList().toString(),
                        server.domainNameServers().stream().map(a -> a.getHostAddress()).toList().toString()))
                .toList();
    }

    private static ExchangeListener listener(Consumer<TimelineEntry> timeline) {
        return (exchange, entry) -> timeline.accept(switch (entry) {
            case ExchangeEntry.Packet packet -> new TimelineEntry(packet.at(), packet.direction().name().toLowerCase(java.util.Locale.ROOT),
                    packet.peer().toString(), packet.summary(), packet.details());
            case ExchangeEntry.Note note -> new TimelineEntry(note.at(), "note", "", note.text(), "");
        });
    }

    private static LeaseInfo info(BackendLease lease) {
        Optional<Instant> obtained = lease.obtained();
        return new LeaseInfo(lease.address().toString(), lease.server().map(Object::toString), obtained,
                obtained.flatMap(start -> lease.renewalTime().map(start::plus)),
                obtained.flatMap(start -> lease.rebindingTime().map(start::plus)),
                lease.expires().or(() -> obtained.flatMap(start -> lease.leaseTime().map(start::plus))));
    }

    /** The interface of the IPv4 default route (Linux's /proc/net/route); releasing it may cut this session off. */
    static Optional<String> defaultRouteInterface() {
        try {
            return Files.readAllLines(Path.of("/proc/net/route")).stream().skip(1)
                    .map(line -> line.trim().split("\\s+"))
                    .filter(fields -> fields.length > 2 && fields[1].equals("00000000"))
                    .map(fields -> fields[0]).findFirst();
        } catch (IOException | RuntimeException notLinux) {
            return Optional.empty();
        }
    }
}
