package org.leasedesk.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.leasedesk.app.HistoryFilter;
import org.leasedesk.app.HoldingSpan;
import org.leasedesk.app.LeaseHistory;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.LeaseEvent;
import org.leasedesk.store.EventPage;
import org.leasedesk.store.EventQuery;
import org.leasedesk.store.LeaseDatabase;
import org.leasedesk.store.PageRequest;
import org.leasedesk.store.StoreException;
import org.leasedesk.store.StoredEvent;
import org.leasedesk.store.TimeRange;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code leasedesk history}: lease events filtered by address, client, type, pool and time; who held an address; a client's timeline. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Show the lease history, filtered by any mix of address, client, event type, pool and time range.",
            "With --ip and --at, say who held the address at that time.",
            "With --mac and --timeline, show the client's leases as spans (renewals merged).",
            "Times are ISO-8601 in UTC, e.g. 2026-11-17T14:30:00Z."})
final class HistoryCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    EventCriteria criteria;

    @Option(names = "--at", paramLabel = "TIME", description = "With --ip: who held it at this time.")
    String at;

    @Option(names = "--timeline", description = "With --mac: the client's leases as spans, first seen to last seen, renewals merged.")
    boolean timeline;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
            description = "Show at most this many events, oldest first (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    DatabaseOption database;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            String refused = refusedCombination();
            if (refused != null) {
                err.println("leasedesk history: " + refused);
                return 2;
            }
            HistoryFilter filter = criteria.filter("");
            TimeRange range = filter.range();
            EventQuery query = filter.query();
            try (LeaseDatabase db = database.open()) {
                LeaseHistory history = new LeaseHistory(db);
                if (at != null) {
                    Ipv4Address address = criteria.address();
                    Instant time = TimeOption.parse("--at", at);
                    out.println(history.holderAt(address, time)
                            .map(event -> address + " was held at " + time + " by " + client(event) + " ("
                                    + event.type().name().toLowerCase(Locale.ROOT) + " at " + event.time() + ")")
                            .orElse(address + " was held by nobody at " + time));
                } else if (timeline) {
                    printTimeline(history.timeline(criteria.client(), range), out);
                } else {
                    printEvents(history, query, range, out);
                }
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("leasedesk history: " + e.getMessage());
            return 2;
        } catch (StoreException e) {
            err.println("leasedesk history: " + e.getMessage());
            return 3;
        }
    }

    /** What this mix of options cannot mean, or null when it is fine. */
    private String refusedCombination() {
        if (at != null && criteria.ip == null) {
            return "--at goes with --ip";
        }
        if (at != null && (criteria.mac != null || criteria.type != null || criteria.pool != null || criteria.from != null
                || criteria.until != null || timeline)) {
            return "--at answers one question (who held --ip then) and takes no other filter";
        }
        if (timeline && criteria.mac == null) {
            return "--timeline goes with --mac";
        }
        if (timeline && (criteria.ip != null || criteria.type != null || criteria.pool != null)) {
            return "--timeline shows every lease of the client: leave out --ip, --type and --pool (--from and --until apply)";
        }
        if (criteria.isEmpty()) {
            return "name what to show: --ip, --mac, --type, --pool, or a time range with --from/--until";
        }
        if (limit < 1) {
            return "--limit must be at least 1, was " + limit;
        }
        return null;
    }

    private void printEvents(LeaseHistory history, EventQuery query, TimeRange range, PrintWriter out) {
        Optional<PageRequest> page = Optional.of(PageRequest.first(Math.min(limit, PageRequest.MAX_SIZE)));
        int shown = 0;
        while (page.isPresent() && shown < limit) {
            EventPage result = history.find(query, range, page.get());
            for (StoredEvent stored : result.events()) {
                if (shown == limit) {
                    break;
                }
                LeaseEvent event = stored.event();
                out.println(event.time() + "  " + String.format("%-9s", event.type()) + " " + event.address() + "  "
                        + (event.type().isAlarm() ? event.detail() : client(event)));
                shown++;
            }
            page = result.next();
        }
        if (shown == 0) {
            out.println("no lease events recorded");
        } else if (page.isPresent()) {
            out.println("(first " + limit + " events shown; narrow the filters or raise --limit for more)");
        }
    }

    private static void printTimeline(List<HoldingSpan> spans, PrintWriter out) {
        for (HoldingSpan span : spans) {
            out.println(span.address() + "  " + span.firstSeen() + " - " + span.lastSeen()
                    + (span.renewals() > 0 ? "  (" + span.renewals() + " renewals)" : "")
                    + span.ended().map(end -> "  ended " + end + " (" + span.endedBy().orElseThrow().name().toLowerCase(Locale.ROOT) + ")")
                            .orElse("  still held")
                    + (span.hostname().isEmpty() ? "" : "  " + span.hostname()));
        }
        if (spans.isEmpty()) {
            out.println("no leases recorded for this client");
        }
    }

    private static String client(LeaseEvent event) {
        return event.hardwareAddress() + (event.hostname().isEmpty() ? "" : " (" + event.hostname() + ")");
    }
}
