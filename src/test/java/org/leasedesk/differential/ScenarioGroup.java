package org.leasedesk.differential;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.Inet4Address;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scenarios that share one configuration, written as Kea JSON: each server is started once for the
 * group with no leases, runs every scenario of it, and stops. The runner adds what belongs to the
 * lab rather than to the scenario: the interface (unless the JSON names its own), the memfile lease
 * file, and loggers to stdout.
 */
public record ScenarioGroup(String name, String keaJson, List<Scenario> scenarios) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ScenarioGroup {
        scenarios = List.copyOf(scenarios);
        Map<String, String> owners = new HashMap<>();
        for (Scenario scenario : scenarios) {
            for (Client client : scenario.clients()) {
                String previous = owners.putIfAbsent(client.mac().toString(), scenario.name());
                if (previous != null && !previous.equals(scenario.name())) {
                    throw new IllegalArgumentException(name + ": MAC " + client.mac() + " is used by \"" + previous + "\" and \""
                            + scenario.name() + "\"; give each scenario its own clients, or put the interplay in one scenario");
                }
            }
        }
        parse(keaJson);
    }

    public static ScenarioGroup group(String name, String keaJson, Scenario.Builder... scenarios) {
        return new ScenarioGroup(name, keaJson, Arrays.stream(scenarios).map(Scenario.Builder::build).toList());
    }

    /** The configuration both servers get: the group's JSON plus the lab's interface, lease file and loggers. */
    String configForRun(Path leaseFile, boolean debugLogging) {
        ObjectNode root = (ObjectNode) parse(keaJson);
        ObjectNode dhcp4 = (ObjectNode) root.get("Dhcp4");
        if (!dhcp4.has("interfaces-config")) {
            ObjectNode interfaces = dhcp4.putObject("interfaces-config");
            interfaces.putArray("interfaces").add(Topology.SERVER_INTERFACE);
            // Without it Kea logs a warning and runs deaf when its socket cannot be opened.
            interfaces.put("service-sockets-require-all", true);
        }
        ObjectNode leases = dhcp4.putObject("lease-database");
        leases.put("type", "memfile").put("persist", true).put("name", leaseFile.toString()).put("lfc-interval", 0);
        if (!dhcp4.has("loggers")) {
            ObjectNode logger = dhcp4.putArray("loggers").addObject();
            logger.put("name", "kea-dhcp4").put("severity", debugLogging ? "DEBUG" : "INFO").put("debuglevel", debugLogging ? 99 : 0);
            logger.putArray("output_options").addObject().put("output", "stdout");
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Subnets and pools, to say of a dynamic address which pool it came from. */
    AddressPlan addressPlan() {
        List<AddressPlan.Range> subnets = new ArrayList<>();
        List<AddressPlan.Range> pools = new ArrayList<>();
        JsonNode dhcp4 = parse(keaJson).path("Dhcp4");
        List<JsonNode> subnetNodes = new ArrayList<>();
        dhcp4.path("subnet4").forEach(subnetNodes::add);
        dhcp4.path("shared-networks").forEach(network -> network.path("subnet4").forEach(subnetNodes::add));
        for (JsonNode subnet : subnetNodes) {
            subnets.add(AddressPlan.Range.parse(subnet.path("subnet").asText()));
            for (JsonNode pool : subnet.path("pools")) {
                pools.add(AddressPlan.Range.parse(pool.path("pool").asText()));
            }
        }
        return new AddressPlan(subnets, pools);
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.path("Dhcp4").isObject()) {
                throw new IllegalArgumentException("a group's configuration is a Kea file: { \"Dhcp4\": { ... } }");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the group's Kea JSON does not parse: " + e.getOriginalMessage(), e);
        }
    }

    /** Where addresses come from in a group's configuration. */
    record AddressPlan(List<Range> subnets, List<Range> pools) {

        record Range(long first, long last, String text) {
            static Range parse(String text) {
                String spec = text.replace(" ", "");
                if (spec.contains("/")) {
                    String[] parts = spec.split("/");
                    long base = Addresses.toLong(Addresses.parse(parts[0]));
                    int length = Integer.parseInt(parts[1]);
                    long size = 1L << (32 - length);
                    long first = base & ~(size - 1) & 0xffff_ffffL;
                    return new Range(first, first + size - 1, text.strip());
                }
                String[] ends = spec.split("-");
                return new Range(Addresses.toLong(Addresses.parse(ends[0])), Addresses.toLong(Addresses.parse(ends[1])), text.strip());
            }

            boolean contains(Inet4Address address) {
                long value = Addresses.toLong(address);
                return value >= first && value <= last;
            }
        }

        /** "in pool 192.0.2.100 - 192.0.2.199", "in subnet 192.0.2.0/24 outside its pools", or "outside every subnet". */
        String whereIs(Inet4Address address) {
            Optional<Range> pool = pools.stream().filter(range -> range.contains(address)).findFirst();
            if (pool.isPresent()) {
                return "in pool " + pool.get().text();
            }
            return subnets.stream().filter(range -> range.contains(address)).findFirst()
                    .map(subnet -> "in subnet " + subnet.text() + " outside its pools")
                    .orElse("outside every subnet");
        }
    }
}
