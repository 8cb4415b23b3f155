package org.leasedesk.server.classify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.leasedesk.protocol.OptionDefinition;
import org.leasedesk.protocol.OptionRegistry;

/**
 * The DHCPv4 option names an expression may use in {@code option[name]}, and the configuration's own
 * option definitions ({@code option-def} in the {@code dhcp4} space), which change how Kea decodes an
 * option and so what {@code .hex} and {@code .text} give for it.
 *
 * <p>{@link #standard()} knows Kea 2.2's standard names (and {@code vendor-encapsulated-options}, which
 * Kea resolves as a last-resort definition); {@link #withCustom} adds a configuration's definitions.
 * Immutable.
 */
public final class OptionCatalog {

    /** Codes our registry names but Kea 2.2 does not: {@code option[classless-static-route]} is an error there. */
    private static final Set<Integer> NOT_IN_KEA_2_2 = Set.of(121, 162);

    private static final OptionCatalog STANDARD = fromRegistry();

    private final Map<String, Integer> codes;
    private final OptionDefinition[] custom;

    private OptionCatalog(Map<String, Integer> codes, OptionDefinition[] custom) {
        this.codes = Map.copyOf(codes);
        this.custom = custom;
    }

    /** Kea 2.2's standard DHCPv4 option names, taken from {@link OptionRegistry#standard()}. */
    public static OptionCatalog standard() {
        return STANDARD;
    }

    private static OptionCatalog fromRegistry() {
        Map<String, Integer> codes = new HashMap<>();
        for (OptionDefinition definition : OptionRegistry.standard().definitions()) {
            if (!NOT_IN_KEA_2_2.contains(definition.code())) {
                codes.put(definition.name(), definition.code());
            }
        }
        return new OptionCatalog(codes, new OptionDefinition[256]);
    }

    /**
     * This catalog plus a configuration's option definitions for the {@code dhcp4} space. As in Kea,
     * a standard name keeps its standard code, and a custom definition cannot replace a standard option.
     *
     * @throws IllegalArgumentException if a definition reuses a standard option's code or another
     *     custom definition's code or name
     */
    public OptionCatalog withCustom(Collection<OptionDefinition> definitions) {
        Map<String, Integer> names = new HashMap<>(codes);
        OptionDefinition[] added = custom.clone();
        List<String> problems = new ArrayList<>();
        for (OptionDefinition definition : definitions) {
            int code = definition.code();
            if (KeaOptions.isStandard(code) || added[code] != null) {
                problems.add("option " + definition.label() + " would redefine option " + code);
                continue;
            }
            if (names.containsKey(definition.name())) {
                problems.add("option " + definition.label() + " reuses the name of option " + names.get(definition.name()));
                continue;
            }
            added[code] = definition;
            names.put(definition.name(), code);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new OptionCatalog(names, added);
    }

    /** The code of a named option, if the name is known. */
    public OptionalInt codeOf(String name) {
        Integer code = codes.get(name);
        return code == null ? OptionalInt.empty() : OptionalInt.of(code);
    }

    /** The configuration's own definition of an option code, if it has one. */
    public Optional<OptionDefinition> customDefinition(int code) {
        return code >= 0 && code < custom.length ? Optional.ofNullable(custom[code]) : Optional.empty();
    }

    OptionDefinition customOrNull(int code) {
        return code >= 0 && code < custom.length ? custom[code] : null;
    }
}
