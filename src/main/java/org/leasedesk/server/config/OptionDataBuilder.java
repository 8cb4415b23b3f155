package org.leasedesk.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.leasedesk.protocol.DhcpOption;
import org.leasedesk.protocol.KeaOption;
import org.leasedesk.protocol.KeaOptionData;
import org.leasedesk.protocol.MalformedPacketException;
import org.leasedesk.protocol.OptionDefinition;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.server.config.ServerConfig.ConfiguredOption;

/**
 * Turns the {@code option-data} of one scope (global, subnet, pool, reservation) into the options the
 * server hands out, as Kea 2.2 does: each entry's data read by its definition ({@link KeaOptionData}),
 * then, within the scope, every option that encapsulates a space given the options configured in that
 * space as sub-options (option 43 gets those of "vendor-encapsulated-options-space"). Kea merges only
 * within a scope, and so does this. Sub-options of a vendor's space ({@code vendor-4491}) stay apart:
 * the server puts them into option 125 per reply (see {@link ConfiguredOption}).
 *
 * <p>Every problem is reported at the entry's JSON path; what Kea accepts but quietly ignores (a
 * second value for a single-valued option, bytes after the last field) loads with a warning.
 */
final class OptionDataBuilder {

    private static final OptionRegistry STANDARD = OptionRegistry.standard();

    private final OptionSpaces spaces;
    private final OptionRegistry decoder;
    private final List<ConfigProblem> problems;

    /**
     * @param decoder the registry replies are checked against (the server's own decoder), so nothing is
     *                configured that it would refuse to receive
     */
    OptionDataBuilder(OptionSpaces spaces, OptionRegistry decoder, List<ConfigProblem> problems) {
        this.spaces = spaces;
        this.decoder = decoder;
        this.problems = problems;
    }

    /** One configured entry, read. */
    private record Entry(String space, Optional<OptionDefinition> definition, KeaOption option, boolean alwaysSend, String path) {}

    /**
     * The options of one scope. Only the global scope gets Kea's {@code "csv-format": true} default, so
     * there an option without a definition needs {@code "csv-format": false}; elsewhere Kea reads its
     * data as hex, and so does this.
     */
    List<ConfiguredOption> scope(JsonNode nodes, String path, boolean global) {
        List<Entry> entries = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            String here = path + "[" + i + "]";
            entry(nodes.get(i), here, global).ifPresent(entry -> {
                String key = entry.space() + "#" + entry.option().code();
                String earlier = seen.putIfAbsent(key, here);
                if (earlier != null) {
                    error(here, describe(entry) + " is already set at " + earlier);
                } else {
                    entries.add(entry);
                }
            });
        }
        return assemble(entries);
    }

    private static String describe(Entry entry) {
        String name = entry.definition().map(OptionDefinition::name).orElse("option " + entry.option().code());
        return entry.space().equals(OptionDefinition.DHCP4) ? name : name + " (space " + entry.space() + ")";
    }

    private Optional<Entry> entry(JsonNode node, String path, boolean global) {
        Optional<String> name = node.has("name") ? Optional.of(node.get("name").asText()) : Optional.empty();
        String space = node.path("space").asText(OptionDefinition.DHCP4);
        if (name.isPresent() && name.get().contains(" ")) {
            return error(path + "/name", "\"" + name.get() + "\" is not an option name: names have no spaces");
        }
        if (!OptionDefinition.validName(space)) {
            return error(path + "/space", "\"" + space + "\" is not an option space name: use letters, digits, '-' and '_',"
                    + " not starting or ending with '-' or '_'");
        }
        if (space.equals("dhcp6")) {
            return error(path + "/space", "the dhcp6 space belongs to Kea's DHCPv6 server");
        }
        if (name.isEmpty() && !node.has("code")) {
            return error(path, "an option needs a \"name\" or a \"code\"");
        }
        Optional<OptionDefinition> definition;
        int code;
        if (node.has("code")) {
            long given = node.get("code").asLong();
            if (given < 0 || given > 255) {
                return error(path + "/code", "option codes run from " + (space.equals(OptionDefinition.DHCP4) ? "1 to 254" : "0 to 255")
                        + ", not " + given);
            }
            code = (int) given;
            definition = spaces.byCode(space, code);
            if (name.isPresent() && definition.isPresent() && !definition.get().name().equals(name.get())) {
                Optional<OptionDefinition> named = spaces.byName(space, name.get());
                return named.isPresent()
                        ? error(path + "/code", "code " + code + " does not match \"" + name.get() + "\", which is option " + named.get().code())
                        : error(path + "/name", "\"" + name.get() + "\" is not the name of option " + code + ", which is "
                                + definition.get().name());
            }
        } else {
            definition = spaces.byName(space, name.get());
            if (definition.isEmpty()) {
                return unknownName(path, space, name.get());
            }
            code = definition.get().code();
        }
        if (space.equals(OptionDefinition.DHCP4) && (code == 0 || code == 255)) {
            return error(path + "/code", "code " + code + " is reserved for " + (code == 0 ? "PAD" : "END"));
        }
        if (space.equals(OptionDefinition.DHCP4) && (code == 81 || code == 82)) {
            return error(path, STANDARD.nameOf(code) + " (" + code + ") is not configured: the server answers the "
                    + (code == 81 ? "client's own (DDNS settings govern it)" : "relay's own, echoing it"));
        }
        if (space.equals(OptionDefinition.DHCP4) && code == 52) {
            return error(path, "dhcp-option-overload (52) is chosen by the server when a reply needs the file and sname fields");
        }
        boolean alwaysSend = node.path("always-send").asBoolean(false);
        String data = node.path("data").asText("");
        boolean csvGiven = node.has("csv-format");
        boolean csv = node.path("csv-format").asBoolean(true);
        List<String> notes = new ArrayList<>();
        try {
            KeaOption option;
            if (definition.isEmpty()) {
                if (csvGiven ? csv : global) {
                    return error(path, "option " + code + (space.equals(OptionDefinition.DHCP4) ? "" : " of space " + space)
                            + " has no definition: define it with option-def, or give its data as hex with \"csv-format\": false");
                }
                option = KeaOption.of(code, hex(data, path));
            } else {
                OptionDefinition found = definition.get();
                if (OptionSpaces.extension(found)) {
                    warning(path + "/name", "classless-static-route (121) is LeaseDesk's: Kea 2.2 has no"
                            + " definition for it and refuses this entry (Kea 2.5 and later read the same notation); for Kea 2.2 define"
                            + " it with option-def, or give it by code with \"csv-format\": false");
                }
                byte[] bytes = csvGiven && !csv ? hex(data, path) : fromCsv(found, data, path, notes);
                option = KeaOptionData.instantiate(found, bytes, spaces, notes::add);
            }
            notes.forEach(note -> warning(path + "/data", note));
            return Optional.of(new Entry(space, definition, option, alwaysSend, path));
        } catch (BadData e) {
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return error(path + "/data", definition.map(d -> "option " + d.label() + ", " + d.typeText() + ": ").orElse("")
                    + e.getMessage());
        }
    }

    /** Thrown after a problem is reported, to leave the entry. */
    private static final class BadData extends RuntimeException {
        BadData() {
            super(null, null, false, false);
        }
    }

    private byte[] hex(String data, String path) {
        try {
            return KeaOptionData.hexData(data);
        } catch (IllegalArgumentException e) {
            Optional<byte[]> forgiven = KeaOptionData.forgivingHex(data);
            if (forgiven.isPresent()) {
                warning(path + "/data", e.getMessage().replaceFirst(" \\(with .*", "") + "; Kea 2.2 refuses this file, LeaseDesk reads it as "
                        + java.util.HexFormat.of().formatHex(forgiven.get()) + ": write it that way and Kea reads it too");
                return forgiven.get();
            }
            error(path + "/data", e.getMessage());
            throw new BadData();
        }
    }

    private byte[] fromCsv(OptionDefinition definition, String data, String path, List<String> notes) {
        try {
            return KeaOptionData.fromCsv(definition, data, notes::add);
        } catch (IllegalArgumentException e) {
            error(path + "/data", "option " + definition.label() + " takes " + definition.typeText() + ": " + e.getMessage());
            throw new BadData();
        }
    }

    private Optional<Entry> unknownName(String path, String space, String name) {
        if (space.equals(OptionDefinition.DHCP4)) {
            Optional<OptionDefinition> standard = STANDARD.byName(name);
            return error(path + "/name", standard.isPresent()
                    ? "Kea 2.2 has no definition for " + name + " (" + standard.get().code() + "): define it with option-def, or give"
                            + " it by code with \"csv-format\": false"
                    : "no standard option is called \"" + name + "\"; define it with option-def");
        }
        List<String> known = spaces.namesIn(space);
        if (STANDARD.byName(name).isPresent()) {
            return error(path + "/space", name + " is an option of the dhcp4 space; space \"" + space + "\" has no option of that name"
                    + (known.isEmpty() ? "" : " (it has " + String.join(", ", known) + ")"));
        }
        return error(path + "/name", "space \"" + space + "\" has no option called \"" + name + "\""
                + (known.isEmpty() ? "; define it with option-def" : " (it has " + String.join(", ", known) + ")"));
    }

    /** Top-level options with their scope's sub-options inside, and the vendor sub-options apart. */
    private List<ConfiguredOption> assemble(List<Entry> entries) {
        Map<String, List<Entry>> bySpace = new LinkedHashMap<>();
        entries.forEach(entry -> bySpace.computeIfAbsent(entry.space(), s -> new ArrayList<>()).add(entry));
        Set<String> carried = new HashSet<>();
        List<ConfiguredOption> options = new ArrayList<>();
        for (Entry entry : entries) {
            String space = entry.space();
            OptionalLong vendor = ConfiguredOption.vendorIdOf(space);
            try {
                if (space.equals(OptionDefinition.DHCP4)) {
                    KeaOption complete = withSubOptions(entry, bySpace, carried, new ArrayList<>(List.of(space)));
                    topLevel(entry, complete).ifPresent(options::add);
                } else if (vendor.isPresent()) {
                    byte[] value = entry.option().value();
                    if (value.length > 255) {
                        error(entry.path() + "/data", "a vendor sub-option holds at most 255 bytes, this one has " + value.length);
                    } else {
                        options.add(ConfiguredOption.vendor(vendor.getAsLong(), entry.option().code(), value, entry.alwaysSend()));
                    }
                }
            } catch (IllegalArgumentException e) {
                error(entry.path(), e.getMessage());
            }
        }
        for (Entry entry : entries) {
            String space = entry.space();
            if (!space.equals(OptionDefinition.DHCP4) && ConfiguredOption.vendorIdOf(space).isEmpty() && !carried.contains(space)) {
                warning(entry.path(), "no option of this scope encapsulates space \"" + space + "\", so this option is never sent"
                        + (space.equals(OptionRegistry.VENDOR_ENCAPSULATED_SPACE)
                                ? " (add { \"name\": \"vendor-encapsulated-options\" } next to it)"
                                : " (Kea merges sub-options only into options of the same scope)"));
            }
        }
        return options;
    }

    /** The option with the sub-options its scope configures in the space it encapsulates, recursively, as Kea encapsulates. */
    private KeaOption withSubOptions(Entry entry, Map<String, List<Entry>> bySpace, Set<String> carried, List<String> chain) {
        KeaOption option = entry.option();
        Optional<OptionDefinition> definition = entry.definition();
        if (definition.isEmpty() || !KeaOptionData.carriesSubOptions(definition.get())) {
            return option;
        }
        String space = definition.get().encapsulate();
        carried.add(space);
        if (chain.contains(space)) {
            throw new IllegalArgumentException("option " + definition.get().label() + " of space " + entry.space() + " encapsulates space \""
                    + space + "\", which encloses it: " + String.join(" > ", chain) + " > " + space);
        }
        for (Entry sub : bySpace.getOrDefault(space, List.of())) {
            KeaOption child = sub.option();
            if (!space.equals(OptionDefinition.DHCP4)) {
                List<String> deeper = new ArrayList<>(chain);
                deeper.add(space);
                child = withSubOptions(sub, bySpace, carried, deeper);
            }
            option = option.withSubOption(child);
        }
        return option;
    }

    /** A top-level option, refused when LeaseDesk's own decoder would reject what Kea would send. */
    private Optional<ConfiguredOption> topLevel(Entry entry, KeaOption option) {
        byte[] value = option.value();
        try {
            decoder.validate(option.code(), value);
        } catch (MalformedPacketException invalid) {
            String detail = invalid.getMessage().substring(invalid.reason().name().length() + 2);
            return error(entry.path() + "/data", "Kea 2.2 would send these " + value.length + " bytes, but " + detail
                    + "; LeaseDesk does not send what it would refuse to receive");
        }
        return Optional.of(new ConfiguredOption(new DhcpOption(option.code(), value), entry.alwaysSend()));
    }

    private <T> Optional<T> error(String path, String message) {
        problems.add(ConfigProblem.error(path, message));
        return Optional.empty();
    }

    private void warning(String path, String message) {
        problems.add(ConfigProblem.warning(path, message));
    }
}
