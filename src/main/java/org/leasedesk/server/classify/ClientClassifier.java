package org.leasedesk.server.classify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Kea 2.2's DHCPv4 client classification for one configuration's {@code client-classes}: checked and
 * compiled once at load time, then applied to every packet. Immutable and thread-safe.
 *
 * <p>What a packet processor calls, in Kea's order:
 * <ol>
 *   <li>{@link #classify(PacketView)} when the packet arrives: {@code ALL}, {@code VENDOR_CLASS_<option 60>},
 *       then every class with a test that is neither {@code only-if-required} nor dependent on
 *       {@code KNOWN}/{@code UNKNOWN}, in list order. A packet in {@code DROP} is then dropped.</li>
 *   <li>{@link Classification#afterHostLookup(boolean)} once the reservation lookup is done:
 *       {@code KNOWN} or {@code UNKNOWN}, then the classes that depend on them (directly or through
 *       other classes), in list order. {@code DROP} is checked again.</li>
 *   <li>{@link Classification#withRequired(List)} once the lease is chosen: the
 *       {@code require-client-classes} of the shared network, then of the subnet, then of the pool, tested
 *       in that order.</li>
 * </ol>
 *
 * <p>Load-time checks are Kea's: names are non-empty and unique; a test parses as a DHCPv4
 * condition; {@code member()} names only built-in classes ({@code ALL}, {@code KNOWN},
 * {@code UNKNOWN}, {@code BOOTP}, and names starting with {@code VENDOR_CLASS_}, {@code HA_},
 * {@code AFTER_}, {@code EXTERNAL_}) or classes defined earlier in the list; the built-in names may be
 * defined (to carry options) but without a test and not {@code only-if-required}; {@code DROP} cannot be
 * {@code only-if-required}.
 */
public final class ClientClassifier {

    private static final List<String> BUILT_IN_NAMES = List.of("ALL", "KNOWN", "UNKNOWN", "BOOTP");
    private static final List<String> BUILT_IN_PREFIXES = List.of("VENDOR_CLASS_", "HA_", "AFTER_", "EXTERNAL_");

    /** One class as compiled: its test if any, and when Kea tests it. */
    record Compiled(int index, String name, Expression test, boolean onlyIfRequired, boolean dependsOnKnown) {
    }

    private final List<Compiled> classes;
    private final Map<String, Compiled> byName;
    private final OptionCatalog options;
    private final Set<String> tested;

    /** Classes whose {@code option[name]} resolves through {@link OptionCatalog#standard()}. */
    public ClientClassifier(List<ClassDefinition> definitions) throws ClassDefinitionException {
        this(definitions, OptionCatalog.standard());
    }

    /**
     * @param definitions the {@code client-classes} list in configuration order
     * @param options option names and the configuration's option definitions
     * @throws ClassDefinitionException for the first class Kea 2.2 would refuse, with its index
     */
    public ClientClassifier(List<ClassDefinition> definitions, OptionCatalog options) throws ClassDefinitionException {
        this.options = Objects.requireNonNull(options, "options");
        ExpressionParser parser = new ExpressionParser(options);
        List<Compiled> compiled = new ArrayList<>(definitions.size());
        Map<String, Compiled> names = new HashMap<>();
        for (int i = 0; i < definitions.size(); i++) {
            ClassDefinition definition = definitions.get(i);
            String name = definition.name();
            if (name.isEmpty()) {
                throw new ClassDefinitionException(i, name, "a class needs a non-empty name", null);
            }
            if (names.containsKey(name)) {
                throw new ClassDefinitionException(i, name, "the name is already used by client-classes["
                        + names.get(name).index() + "]", null);
            }
            if (BUILT_IN_NAMES.contains(name) && (definition.test().isPresent() || definition.onlyIfRequired())) {
                throw new ClassDefinitionException(i, name, "the built-in class " + name
                        + " may be defined only to carry options: no test and no only-if-required", null);
            }
            if (name.equals("DROP") && definition.onlyIfRequired()) {
                throw new ClassDefinitionException(i, name, "DROP cannot be only-if-required: it is checked before any "
                        + "subnet is chosen", null);
            }
            Expression test = null;
            boolean dependsOnKnown = false;
            if (definition.test().isPresent()) {
                try {
                    test = parser.parse(definition.test().get(), n -> isBuiltIn(n) || names.containsKey(n));
                } catch (ExpressionException e) {
                    throw new ClassDefinitionException(i, name, "test " + e.getMessage(), e);
                }
                for (String member : test.memberReferences()) {
                    Compiled earlier = names.get(member);
                    if (member.equals("KNOWN") || member.equals("UNKNOWN") || earlier != null && earlier.dependsOnKnown()) {
                        dependsOnKnown = true;
                    }
                }
            }
            Compiled entry = new Compiled(i, name, test, definition.onlyIfRequired(), dependsOnKnown);
            compiled.add(entry);
            names.put(name, entry);
        }
        this.classes = List.copyOf(compiled);
        this.byName = Map.copyOf(names);
        this.tested = Set.copyOf(compiled.stream().filter(c -> c.test() != null).map(Compiled::name).toList());
    }

    /** Whether Kea treats a class name as built in (always defined, so member() may name it). */
    public static boolean isBuiltIn(String name) {
        if (BUILT_IN_NAMES.contains(name)) {
            return true;
        }
        for (String prefix : BUILT_IN_PREFIXES) {
            if (name.length() > prefix.length() && name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first pass, on arrival: {@code ALL}, the vendor class, and the classes that need neither the
     * reservation lookup nor a {@code require-client-classes}.
     */
    public Classification classify(PacketView packet) {
        Objects.requireNonNull(packet, "packet");
        return Classification.first(this, packet);
    }

    /** Whether a class (of this list) depends on {@code KNOWN}/{@code UNKNOWN} and so is tested after the lookup. */
    public boolean dependsOnKnown(String name) {
        Compiled entry = byName.get(name);
        return entry != null && entry.dependsOnKnown();
    }

    /** The class names in configuration order. */
    public List<String> classNames() {
        return classes.stream().map(Compiled::name).toList();
    }

    List<Compiled> classes() {
        return classes;
    }

    Compiled find(String name) {
        return byName.get(name);
    }

    OptionCatalog options() {
        return options;
    }

    /** Names of classes carrying a test, which Kea forgets before re-testing after reserved classes are added. */
    Set<String> testedNames() {
        return tested;
    }
}
