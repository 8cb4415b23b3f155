package org.leasedesk.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The keys of Kea's {@code Dhcp4} configuration and what LeaseDesk does with each, as data.
 *
 * <p>An admin loading a real {@code kea-dhcp4.conf} expects three outcomes: keys LeaseDesk implements
 * apply; keys that do not change what is handed out (logging, control sockets, threading) load with
 * one warning each; keys that would change what is handed out but are not implemented yet are
 * refused, so the server never silently behaves differently from the file. A key Kea itself does
 * not know is an error, as it is in Kea.
 */
final class KeaSchema {

    /** What LeaseDesk does with one key. */
    sealed interface Rule permits Applied, NoEffect, Refused {}

    /** LeaseDesk applies the key; its value must have this shape. */
    record Applied(Shape shape) implements Rule {
        Applied {
            Objects.requireNonNull(shape, "shape");
        }
    }

    /** Kea knows the key and it changes nothing a client receives, so it loads with a warning saying why. */
    record NoEffect(String why) implements Rule {}

    /**
     * Kea knows the key, it would change what clients receive, and LeaseDesk does not implement it:
     * refused, unless its value is {@code harmless} (an empty list, an empty class name, false).
     */
    record Refused(String why, Predicate<JsonNode> harmless) implements Rule {}

    /** The JSON a value must be. */
    sealed interface Shape permits Scalar, ObjectShape, ArrayShape {}

    enum Scalar implements Shape {
        STRING("a string"),
        /** A whole number of seconds or a count: Kea stores these as unsigned 32-bit integers. */
        UINT32("a whole number from 0 to 4294967295"),
        NUMBER("a number"),
        BOOLEAN("true or false");

        final String expected;

        Scalar(String expected) {
            this.expected = expected;
        }
    }

    /** An object whose keys are governed by rules; {@code comment} and {@code user-context} are allowed everywhere, as in Kea. */
    record ObjectShape(String what, Map<String, Rule> keys) implements Shape {}

    record ArrayShape(Shape element) implements Shape {}

    static final Predicate<JsonNode> EMPTY = node -> node.isNull()
            || (node.isTextual() && node.asText().isEmpty())
            || (node.isContainerNode() && node.isEmpty())
            || (node.isBoolean() && !node.asBoolean())
            || (node.isNumber() && node.asDouble() == 0);

    private static final String NO_DNS = "LeaseDesk sends no DNS updates";
    private static final String EXTENDED_INFO = "LeaseDesk always keeps the relay (giaddr, circuit-id, remote-id) with every"
            + " lease and history event";
    private static final String NO_CLASSES = "client classes are not supported yet";

    /** The whole file: {@code Dhcp4}, and other Kea daemons' sections, which a combined file may carry. */
    static final ObjectShape FILE = object("the configuration file", keys -> {
        keys.put("Dhcp4", applied(dhcp4()));
        for (String other : new String[] {"Dhcp6", "DhcpDdns", "Control-agent", "Netconf", "Logging"}) {
            keys.put(other, new NoEffect("this section configures another Kea daemon"));
        }
    });

    private KeaSchema() {}

    private static ObjectShape dhcp4() {
        return object("the Dhcp4 section", keys -> {
            keys.put("interfaces-config", applied(object("interfaces-config", k -> {
                k.put("interfaces", applied(new ArrayShape(Scalar.STRING)));
                k.put("dhcp-socket-type", new NoEffect("LeaseDesk always uses UDP sockets"));
                k.put("outbound-interface", new NoEffect("replies leave through the interface the routing table picks"));
                k.put("re-detect", new NoEffect("interfaces are detected at every start and reload"));
                k.put("service-sockets-require-all", new NoEffect("LeaseDesk fails to start when a socket cannot be opened"));
                k.put("service-sockets-max-retries", new NoEffect("LeaseDesk does not retry opening sockets"));
                k.put("service-sockets-retry-wait-time", new NoEffect("LeaseDesk does not retry opening sockets"));
            })));
            lifetimes(keys);
            bootFields(keys);
            keys.put("option-data", applied(optionDataList()));
            keys.put("subnet4", applied(new ArrayShape(subnet())));
            keys.put("reservations", applied(new ArrayShape(reservation())));
            keys.put("decline-probation-period", applied(Scalar.UINT32));
            keys.put("authoritative", applied(Scalar.BOOLEAN));
            keys.put("match-client-id", applied(Scalar.BOOLEAN));
            keys.put("echo-client-id", applied(Scalar.BOOLEAN));
            keys.put("store-extended-info", new NoEffect(EXTENDED_INFO));
            keys.put("host-reservation-identifiers", applied(new ArrayShape(Scalar.STRING)));
            reservationScope(keys);
            keys.put("lease-database", applied(object("lease-database", k -> {
                k.put("type", applied(Scalar.STRING));
                k.put("name", applied(Scalar.STRING));
                // Kea's persist false keeps leases in memory only; LeaseDesk always stores them, so only true is accepted.
                k.put("persist", new Refused("LeaseDesk always stores its leases; \"persist\": false is not supported",
                        node -> node.isBoolean() && node.asBoolean()));
                k.put("lfc-interval", new NoEffect("the H2 store compacts itself; there is no lease file to clean up"));
                k.put("max-row-errors", new NoEffect("bad rows are always skipped and reported, never fatal"));
                for (String sql : new String[] {"host", "port", "user", "password", "connect-timeout", "reconnect-wait-time",
                        "max-reconnect-tries", "on-fail", "readonly", "trust-anchor", "cert-file", "key-file", "cipher-list"}) {
                    k.put(sql, new NoEffect("only SQL lease databases use it, and LeaseDesk stores leases in H2"));
                }
            })));
            keys.put("expired-leases-processing", applied(object("expired-leases-processing", k -> {
                k.put("reclaim-timer-wait-time", applied(Scalar.UINT32));
                k.put("hold-reclaimed-time", applied(Scalar.UINT32));
                k.put("max-reclaim-leases", applied(Scalar.UINT32));
                k.put("max-reclaim-time", applied(Scalar.UINT32));
                k.put("flush-reclaimed-timer-wait-time", new NoEffect("reclaimed leases stay in the history; affinity ends after hold-reclaimed-time"));
                k.put("unwarned-reclaim-cycles", new NoEffect("LeaseDesk warns at every cycle that leaves expired leases behind"));
            })));

            keys.put("loggers", new NoEffect("LeaseDesk logs through its own logging configuration"));
            keys.put("control-socket", new NoEffect("LeaseDesk is controlled from its window and command line"));
            keys.put("multi-threading", new NoEffect("LeaseDesk chooses its own threads"));
            keys.put("sanity-checks", new NoEffect("lease rows are always validated on load; bad rows are skipped and reported"));
            keys.put("dhcp-queue-control", new NoEffect("LeaseDesk keeps its own bounded receive queue"));
            keys.put("statistic-default-sample-count", new NoEffect("LeaseDesk keeps its statistics in the history database"));
            keys.put("statistic-default-sample-age", new NoEffect("LeaseDesk keeps its statistics in the history database"));
            keys.put("server-tag", new NoEffect("there is no configuration backend to tag"));
            keys.put("dhcp4o6-port", new NoEffect("DHCPv4-over-DHCPv6 is not served"));
            keys.put("dhcp-ddns", new NoEffect(NO_DNS));
            ddnsAndHostnames(keys);
            keys.put("ip-reservations-unique", new NoEffect("reservations are always unique per address"));
            keys.put("parked-packet-limit", new NoEffect("LeaseDesk parks no packets"));
            keys.put("early-global-reservations-lookup", new NoEffect("reservations are always looked up before allocation"));
            keys.put("reservations-lookup-first", new NoEffect("reservations are always looked up before allocation"));

            keys.put("client-classes", new Refused(NO_CLASSES, EMPTY));
            keys.put("shared-networks", applied(new ArrayShape(sharedNetwork())));
            keys.put("hooks-libraries", new Refused("hook libraries cannot be loaded into LeaseDesk", EMPTY));
            keys.put("option-def", applied(new ArrayShape(optionDefinition())));
            keys.put("hosts-database", new Refused("reservations from a database are not supported; list them in the file", EMPTY));
            keys.put("hosts-databases", new Refused("reservations from a database are not supported; list them in the file", EMPTY));
            keys.put("config-control", new Refused("configuration backends are not supported", EMPTY));
            caching(keys);
        });
    }

    private static ObjectShape subnet() {
        return object("a subnet", keys -> {
            keys.put("id", applied(Scalar.UINT32));
            keys.put("subnet", applied(Scalar.STRING));
            keys.put("pools", applied(new ArrayShape(object("a pool", k -> {
                k.put("pool", applied(Scalar.STRING));
                k.put("option-data", applied(optionDataList()));
                classRestrictions(k);
            }))));
            keys.put("reservations", applied(new ArrayShape(reservation())));
            linkScope(keys);
            for (String dhcp4o6 : new String[] {"4o6-interface", "4o6-interface-id", "4o6-subnet"}) {
                keys.put(dhcp4o6, new Refused("DHCPv4-over-DHCPv6 is not served", EMPTY));
            }
        });
    }

    /** A shared network: its subnets, and the settings they inherit from it. */
    private static ObjectShape sharedNetwork() {
        return object("a shared network", keys -> {
            keys.put("name", applied(Scalar.STRING));
            keys.put("subnet4", applied(new ArrayShape(subnet())));
            linkScope(keys);
        });
    }

    /** What a subnet and a shared network both set for the clients of their link. */
    private static void linkScope(Map<String, Rule> keys) {
        keys.put("option-data", applied(optionDataList()));
        keys.put("relay", applied(relay()));
        keys.put("interface", applied(Scalar.STRING));
        keys.put("authoritative", applied(Scalar.BOOLEAN));
        keys.put("match-client-id", applied(Scalar.BOOLEAN));
        keys.put("store-extended-info", new NoEffect(EXTENDED_INFO));
        lifetimes(keys);
        bootFields(keys);
        reservationScope(keys);
        classRestrictions(keys);
        caching(keys);
        ddnsAndHostnames(keys);
    }

    private static ObjectShape relay() {
        return object("relay", k -> {
            k.put("ip-addresses", applied(new ArrayShape(Scalar.STRING)));
            k.put("ip-address", applied(Scalar.STRING));
        });
    }

    private static ObjectShape reservation() {
        return object("a reservation", keys -> {
            keys.put("hw-address", applied(Scalar.STRING));
            keys.put("client-id", applied(Scalar.STRING));
            keys.put("ip-address", applied(Scalar.STRING));
            keys.put("hostname", applied(Scalar.STRING));
            keys.put("option-data", applied(optionDataList()));
            bootFields(keys);
            keys.put("duid", applied(Scalar.STRING));
            keys.put("circuit-id", applied(Scalar.STRING));
            keys.put("flex-id", applied(Scalar.STRING));
            keys.put("client-classes", new Refused(NO_CLASSES, EMPTY));
        });
    }

    private static ArrayShape optionDataList() {
        return new ArrayShape(object("an option", keys -> {
            keys.put("name", applied(Scalar.STRING));
            keys.put("code", applied(Scalar.UINT32));
            keys.put("data", applied(Scalar.STRING));
            keys.put("csv-format", applied(Scalar.BOOLEAN));
            keys.put("always-send", applied(Scalar.BOOLEAN));
            keys.put("space", applied(Scalar.STRING));
            // never-send came with Kea 2.3: Kea 2.2 does not know it, so it is an unknown key here too.
        }));
    }

    private static ObjectShape optionDefinition() {
        return object("an option definition", keys -> {
            keys.put("name", applied(Scalar.STRING));
            keys.put("code", applied(Scalar.UINT32));
            keys.put("type", applied(Scalar.STRING));
            keys.put("record-types", applied(Scalar.STRING));
            keys.put("space", applied(Scalar.STRING));
            keys.put("encapsulate", applied(Scalar.STRING));
            keys.put("array", applied(Scalar.BOOLEAN));
        });
    }

    private static void lifetimes(Map<String, Rule> keys) {
        for (String key : new String[] {"valid-lifetime", "min-valid-lifetime", "max-valid-lifetime", "renew-timer", "rebind-timer"}) {
            keys.put(key, applied(Scalar.UINT32));
        }
        keys.put("calculate-tee-times", applied(Scalar.BOOLEAN));
        keys.put("t1-percent", applied(Scalar.NUMBER));
        keys.put("t2-percent", applied(Scalar.NUMBER));
    }

    private static void bootFields(Map<String, Rule> keys) {
        keys.put("next-server", applied(Scalar.STRING));
        keys.put("server-hostname", applied(Scalar.STRING));
        keys.put("boot-file-name", applied(Scalar.STRING));
    }

    private static void reservationScope(Map<String, Rule> keys) {
        keys.put("reservation-mode", applied(Scalar.STRING));
        keys.put("reservations-global", applied(Scalar.BOOLEAN));
        keys.put("reservations-in-subnet", applied(Scalar.BOOLEAN));
        keys.put("reservations-out-of-pool", applied(Scalar.BOOLEAN));
    }

    private static void classRestrictions(Map<String, Rule> keys) {
        keys.put("client-class", new Refused(NO_CLASSES, EMPTY));
        keys.put("require-client-classes", new Refused(NO_CLASSES, EMPTY));
    }

    private static void caching(Map<String, Rule> keys) {
        keys.put("cache-threshold", new Refused("lease caching is not supported yet", EMPTY));
        keys.put("cache-max-age", new Refused("lease caching is not supported yet", EMPTY));
    }

    private static void ddnsAndHostnames(Map<String, Rule> keys) {
        for (String key : new String[] {"ddns-send-updates", "ddns-override-no-update", "ddns-override-client-update",
                "ddns-replace-client-name", "ddns-generated-prefix", "ddns-qualifying-suffix", "ddns-update-on-renew",
                "ddns-use-conflict-resolution", "hostname-char-set", "hostname-char-replacement"}) {
            keys.put(key, new NoEffect(NO_DNS));
        }
    }

    private static Applied applied(Shape shape) {
        return new Applied(shape);
    }

    private static ObjectShape object(String what, java.util.function.Consumer<Map<String, Rule>> filler) {
        Map<String, Rule> keys = new LinkedHashMap<>();
        filler.accept(keys);
        return new ObjectShape(what, Map.copyOf(keys));
    }
}
