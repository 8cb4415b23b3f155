package org.leasedesk.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.leasedesk.app.LeaseHistory;
import org.leasedesk.lease.ClientKey;
import org.leasedesk.lease.HardwareAddress;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.StoreException;
import org.leasedesk.store.TimeRange;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code leasedesk history}: an address's or a client's lease events, or who held an address at a time. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Show the lease history of an address or a client.",
            "With --at, say who held the address at that time (ISO-8601, e.g. 2026-11-17T14:30:00Z)."})
final class HistoryCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final class Subject {
        @Option(names = "--ip", paramLabel = "ADDRESS", description = "An IPv4 address.")
        String ip;

        @Option(names = "--mac", paramLabel = "MAC", description = "A MAC address in any spelling.")
        String mac;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Subject subject;

    @Option(names = "--at", paramLabel = "TIME", description = "With --ip: who held it at this time.")
    String at;

    @Mixin
    DatabaseOption database;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (LeaseDatabase db = database.open()) {
            LeaseHistory history = new LeaseHistory(db);
            if (subject.ip != null && at != null) {
                Ipv4Address address = Ipv4Address.parse(subject.ip);
                Instant time = Instant.parse(at);
                out.println(history.holderAt(address, time)
                        .map(event -> address + " was held at " + time + " by " + client(event) + " (" + event.type().name().toLowerCase()
                                + " at " + event.time() + ")")
                        .orElse(address + " was held by nobody at " + time));
                return 0;
            }
            if (at != null) {
                err.println("leasedesk history: --at goes with --ip");
                return 2;
            }
            List<LeaseEvent> events = subject.ip != null
                    ? history.ofAddress(Ipv4Address.parse(subject.ip), TimeRange.ALL)
                    : history.ofClient(new ClientKey.ByHardware(HardwareAddress.parseMac(subject.mac)), TimeRange.ALL);
            events.forEach(event -> out.println(event.time() + "  " + String.format("%-9s", event.type()) + " " + event.address()
                    + "  " + client(event)));
            if (events.isEmpty()) {
                out.println("no lease events recorded");
            }
            return 0;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            err.println("leasedesk history: " + e.getMessage());
            return 2;
        } catch (StoreException e) {
            err.println("leasedesk history: " + e.getMessage());
            return 3;
        }
    }

    private static String client(LeaseEvent event) {
        return event.hardwareAddress() + (event.hostname().isEmpty() ? "" : " (" + event.hostname() + ")");
    }
}
