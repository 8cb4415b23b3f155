package org.leasedesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.leasedesk.lease.Ipv4Address;
import org.leasedesk.lease.Lease;
import org.leasedesk.lease.LeaseEventType;
import org.leasedesk.lease.LeaseState;
import org.leasedesk.protocol.MessageType;
import org.leasedesk.testing.netns.CommandResult;
import org.leasedesk.testing.netns.Namespace;
import org.leasedesk.testing.netns.NetnsTest;
import org.leasedesk.testing.netns.NetworkLab;

/**
 * ISC's perfdhcp, acting as a relay from its own namespace, runs full DORA exchanges against our
 * server for ten seconds at a modest rate: every exchange completes, and every completed exchange
 * is a lease in the store.
 */
class PerfdhcpInteropTest {

    private static final Ipv4Address SERVER_ID = Ipv4Address.parse("198.18.0.1");
    private static final String RELAY_ADDRESS = "198.18.0.2";
    /** The relay's own address (giaddr) lies in the subnet, which selects it. */
    private static final String CONFIG = """
            { "Dhcp4": {
                "valid-lifetime": 3600,
                "subnet4": [
                  { "id": 1, "subnet": "198.18.0.0/15",
                    "pools": [ { "pool": "198.18.1.0 - 198.19.255.254" } ] } ] } }
            """;
    /** perfdhcp's exit code when some exchanges did not complete. */
    private static final int SOME_EXCHANGES_FAILED = 3;
    private static final Pattern ACKS_RECEIVED =
            Pattern.compile("Statistics for: REQUEST-ACK\\*+\\s+sent packets: (\\d+)\\s+received packets: (\\d+)");

    @Test
    @NetnsTest(requires = "perfdhcp")
    void everyExchangeCompletesAndEveryAckIsALease(NetworkLab lab) throws Exception {
        Namespace serverSpace = lab.namespace("server");
        Namespace relaySpace = lab.namespace("perfdhcp");
        lab.link(serverSpace.iface("srv0").withAddress(SERVER_ID + "/15"), relaySpace.iface("perf0").withAddress(RELAY_ADDRESS + "/15"));

        try (ServerInNamespace server = ServerInNamespace.start(serverSpace, CONFIG, lab.file("leases"), SERVER_ID, "srv0")) {
            // 100 DORA/s for 10 s; clients drawn from 10^8 MACs so that two exchanges almost never share one;
            // -W: wait 2 s (in microseconds) after the last request for late answers.
            CommandResult perfdhcp = relaySpace.exec(Duration.ofSeconds(40), List.of("perfdhcp", "-4", "-l", "perf0",
                    "-r", "100", "-p", "10", "-R", "100000000", "-W", "2000000", SERVER_ID.toString()));

            assertThat(perfdhcp.exitCode()).as("perfdhcp exit code (%d: some exchanges failed)\n%s", SOME_EXCHANGES_FAILED, perfdhcp)
                    .isZero();
            Matcher acks = ACKS_RECEIVED.matcher(perfdhcp.stdout());
            assertThat(acks.find()).as("REQUEST-ACK statistics in\n%s", perfdhcp.stdout()).isTrue();
            long requestsSent = Long.parseLong(acks.group(1));
            long acksReceived = Long.parseLong(acks.group(2));
            assertThat(acksReceived).as("ACKs perfdhcp received").isEqualTo(requestsSent).isGreaterThan(500);

            long acksSent = server.server().statistics().sent(MessageType.ACK);
            List<Lease> active = server.leases().stream().filter(lease -> lease.state() == LeaseState.ACTIVE).toList();
            long granted = server.eventCount(LeaseEventType.GRANTED);
            long renewed = server.eventCount(LeaseEventType.RENEWED);
            assertThat(acksSent).as("ACKs the server sent").isEqualTo(acksReceived);
            assertThat(granted + renewed).as("stored GRANTED and RENEWED events, one per ACK").isEqualTo(acksReceived);
            assertThat(active).as("active leases, one per client granted").hasSize(Math.toIntExact(granted));
            assertThat(active.stream().map(Lease::clientKey).distinct().count()).as("clients among the leases").isEqualTo(granted);
        }
    }
}
