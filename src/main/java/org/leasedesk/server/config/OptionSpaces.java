package org.leasedesk.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.leasedesk.protocol.KeaOptionData;
import org.leasedesk.protocol.OptionDefinition;
import org.leasedesk.protocol.OptionRegistry;
import org.leasedesk.protocol.OptionType;
import org.leasedesk.server.config.ServerConfig.ConfiguredOption;

/**
 * The option definitions a configuration can use, found the way Kea 2.2 finds them: first the file's
 * own {@code option-def} entries, then Kea's standard definitions of the space, then those of a
 * vendor's space ({@code vendor-4491}), then the last-resort definition of option 43. After all of
 * Kea's, LeaseDesk's one extension, found by its name only: {@code classless-static-route} (121), which
 * Kea 2.2 does not define (see {@link #extension}).
 *
 * <p>{@link #parse} reads {@code option-def} and refuses what Kea refuses, each problem at its JSON
 * path: a definition Kea's rules reject, a code or name used twice in a space, and any redefinition of
 * one of Kea's standard DHCPv4 options.
 */
final class OptionSpaces implements KeaOptionData.Definitions {

    private static final OptionRegistry STANDARD = OptionRegistry.standard();

    /** Space name to its configured definitions, by code and by name. */
    private final Map<String, Map<Integer, OptionDefinition>> byCode = new HashMap<>();
    private final Map<String, Map<String, OptionDefinition>> byName = new HashMap<>();

    private OptionSpaces() {
    }

    /** Kea's standard definitions and no others. */
    static OptionSpaces standard() {
        return new OptionSpaces();
    }

    /** Reads {@code option-def}, reporting every problem by path and keeping the definitions that are sound. */
    static OptionSpaces parse(JsonNode definitions, String path, List<ConfigProblem> problems) {
        OptionSpaces spaces = new OptionSpaces();
        Map<String, String> definedAt = new HashMap<>();
        for (int i = 0; i < definitions.size(); i++) {
            String here = path + "[" + i + "]";
            definition(definitions.get(i), here, problems).ifPresent(definition -> {
                String space = definition.space();
                String codeKey = space + "#" + definition.code();
                String nameKey = space + "." + definition.name();
                if (definedAt.containsKey(codeKey)) {
                    problems.add(ConfigProblem.error(here + "/code", "option " + definition.code() + " of space " + space
                            + " is already defined at " + definedAt.get(codeKey)));
                } else if (definedAt.containsKey(nameKey)) {
                    problems.add(ConfigProblem.error(here + "/name", "an option named " + definition.name() + " in space " + space
                            + " is already defined at " + definedAt.get(nameKey)));
                } else if (space.equals(OptionDefinition.DHCP4) && OptionRegistry.keaStandard(definition.code())) {
                    problems.add(ConfigProblem.error(here + "/code", "option " + definition.code() + " is Kea's standard "
                            + STANDARD.nameOf(definition.code()) + ", whose definition cannot be changed; use a code without a"
                            + " standard definition (224-254 are for private use)"));
                } else if (space.equals(OptionDefinition.DHCP4) && STANDARD.byName(definition.name())
                        .filter(standard -> OptionRegistry.keaStandard(standard.code())).isPresent()) {
                    problems.add(ConfigProblem.error(here + "/name", definition.name() + " is the name of Kea's standard option "
                            + STANDARD.byName(definition.name()).orElseThrow().code() + ", whose definition cannot be changed;"
                            + " choose another name"));
                } else {
                    definedAt.put(codeKey, here);
                    definedAt.put(nameKey, here);
                    spaces.byCode.computeIfAbsent(space, s -> new HashMap<>()).put(definition.code(), definition);
                    spaces.byName.computeIfAbsent(space, s -> new HashMap<>()).put(definition.name(), definition);
                }
            });
        }
        return spaces;
    }

    private static Optional<OptionDefinition> definition(JsonNode node, String path, List<ConfigProblem> problems) {
        int before = problems.size();
        for (String key : new String[] {"name", "code", "type"}) {
            if (!node.has(key)) {
                problems.add(ConfigProblem.error(path, "an option definition needs \"" + key + "\""));
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        String name = node.get("name").asText();
        long code = node.get("code").asLong();
        String typeName = node.get("type").asText();
        String space = node.path("space").asText(OptionDefinition.DHCP4);
        String encapsulate = node.path("encapsulate").asText("");
        boolean array = node.path("array").asBoolean(false);
        if (code < 0 || code > 255) {
            problems.add(ConfigProblem.error(path + "/code", "option codes run from 0 to 255, not " + code));
        } else if (space.equals(OptionDefinition.DHCP4) && (code == 0 || code == 255)) {
            problems.add(ConfigProblem.error(path + "/code", "code " + code + " is reserved for " + (code == 0 ? "PAD" : "END")
                    + " in the dhcp4 space"));
        }
        if (!OptionDefinition.validName(space)) {
            problems.add(ConfigProblem.error(path + "/space", "\"" + space + "\" is not an option space name: use letters, digits,"
                    + " '-' and '_', not starting or ending with '-' or '_'"));
        }
        Optional<OptionType> type = OptionType.byKeaName(typeName);
        if (type.isEmpty()) {
            problems.add(ConfigProblem.error(path + "/type", "\"" + typeName + "\" is not an option type Kea 2.2 knows: use " + typeNames()));
        }
        List<OptionType> fields = new ArrayList<>();
        String recordTypes = node.path("record-types").asText("");
        for (String field : recordTypes.split(",")) {
            String fieldName = field.strip();
            if (fieldName.isEmpty()) {
                continue;
            }
            if (type.isPresent() && type.get() != OptionType.RECORD) {
                problems.add(ConfigProblem.error(path + "/record-types", "record-types is only for \"type\": \"record\", not \""
                        + typeName + "\""));
                break;
            }
            Optional<OptionType> fieldType = OptionType.byKeaName(fieldName);
            if (fieldType.isEmpty() || fieldType.get() == OptionType.RECORD || fieldType.get() == OptionType.EMPTY) {
                problems.add(ConfigProblem.error(path + "/record-types", "\"" + fieldName + "\" cannot be a record field: use "
                        + typeNames().replace("empty, ", "").replace(", record", "")));
                break;
            }
            fields.add(fieldType.get());
        }
        if (!encapsulate.isEmpty() && array) {
            problems.add(ConfigProblem.error(path, "option " + space + "." + name + " is an array, which cannot also encapsulate"
                    + " space \"" + encapsulate + "\""));
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        try {
            return Optional.of(new OptionDefinition((int) code, name, type.orElseThrow(), array, fields, space, encapsulate));
        } catch (IllegalArgumentException invalid) {
            problems.add(ConfigProblem.error(path, invalid.getMessage()));
            return Optional.empty();
        }
    }

    private static String typeNames() {
        List<String> names = new ArrayList<>();
        for (OptionType type : OptionType.values()) {
            type.keaName().ifPresent(names::add);
        }
        return String.join(", ", names);
    }

    /** The definition of {@code code} in {@code space}, in Kea's order of precedence. */
    @Override
    public Optional<OptionDefinition> find(String space, int code) {
        return byCode(space, code);
    }

    Optional<OptionDefinition> byCode(String space, int code) {
        OptionDefinition configured = byCode.getOrDefault(space, Map.of()).get(code);
        if (configured != null) {
            return Optional.of(configured);
        }
        if (space.equals(OptionDefinition.DHCP4)) {
            // Kea's standard definitions, then option 43's last resort. LeaseDesk's own 121 is found by name
            // only: by code, option 121 is what it is to Kea 2.2, an option without definition (hex).
            return STANDARD.byCode(code).filter(d -> OptionRegistry.keaStandard(code) || code == 43);
        }
        return vendorDefinitions(space).flatMap(vendor -> vendor.byCode(code));
    }

    Optional<OptionDefinition> byName(String space, String name) {
        OptionDefinition configured = byName.getOrDefault(space, Map.of()).get(name);
        if (configured != null) {
            return Optional.of(configured);
        }
        if (space.equals(OptionDefinition.DHCP4)) {
            // A configured definition of code 121 hides LeaseDesk's own of that code.
            return STANDARD.byName(name).filter(d -> OptionRegistry.keaStandard(d.code()) || d.code() == 43
                    || extension(d) && !byCode.getOrDefault(space, Map.of()).containsKey(d.code()));
        }
        return vendorDefinitions(space).flatMap(vendor -> vendor.byName(name));
    }

    /** LeaseDesk's classless-static-route, which Kea 2.2 does not define (Kea 2.5 and later read the same notation). */
    static boolean extension(OptionDefinition definition) {
        return definition.type() == OptionType.CLASSLESS_STATIC_ROUTES;
    }

    /** The names the file defines or Kea knows in a space, for messages. */
    List<String> namesIn(String space) {
        Map<Integer, String> names = new LinkedHashMap<>();
        if (space.equals(OptionDefinition.DHCP4)) {
            return List.of();
        }
        vendorDefinitions(space).ifPresent(vendor -> vendor.definitions().forEach(d -> names.put(d.code(), d.name())));
        byCode.getOrDefault(space, Map.of()).forEach((code, d) -> names.put(code, d.name()));
        return List.copyOf(names.values());
    }

    private static Optional<OptionRegistry> vendorDefinitions(String space) {
        OptionalLong vendor = ConfiguredOption.vendorIdOf(space);
        return vendor.isPresent() ? OptionRegistry.vendor(vendor.getAsLong()) : Optional.empty();
    }
}
