package org.leasedesk.server.classify;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The classes of one packet at one step of Kea's processing. Immutable: each step returns a new
 * classification, so the server may keep the earlier one.
 *
 * <p>{@link #classes()} keeps Kea's order of association ({@code ALL} first, required classes last),
 * which is the order Kea looks through classes for option data: the first class that sets an option
 * wins. Steps ({@link Stage}) go forward only: {@link #afterHostLookup} once after the first pass,
 * {@link #withRequired} once at the end.
 *
 * <p>The classifications of one packet share that packet's decoded options, so each option is decoded
 * once however many steps and classes read it: use them from one thread at a time (handing them to
 * another thread through a queue or an executor is fine), as a packet processor does anyway.
 */
public final class Classification {

    /** How far the packet has been classified. */
    public enum Stage {
        /** On arrival: built-in classes and classes that need no host lookup. */
        ARRIVAL,
        /** After the host reservation lookup: KNOWN or UNKNOWN and the classes that depend on them. */
        AFTER_HOST_LOOKUP,
        /** After the required classes of the shared network, subnet and pool were tested. */
        FINAL
    }

    private final ClientClassifier classifier;
    private final PacketView packet;
    private final Evaluation evaluation;
    private final Stage stage;
    private final List<String> classes;
    private final Set<String> lookup;
    private final List<String> errors;

    private Classification(ClientClassifier classifier, PacketView packet, Evaluation evaluation, Stage stage,
            LinkedHashSet<String> classes, List<String> errors) {
        this.classifier = classifier;
        this.packet = packet;
        this.evaluation = evaluation;
        this.stage = stage;
        this.classes = List.copyOf(classes);
        this.lookup = Collections.unmodifiableSet(classes);
        this.errors = List.copyOf(errors);
    }

    static Classification first(ClientClassifier classifier, PacketView packet) {
        LinkedHashSet<String> classes = new LinkedHashSet<>();
        List<String> errors = new ArrayList<>();
        classes.add("ALL");
        Evaluation evaluation = new Evaluation(packet, classifier.options(), classes::contains);
        byte[] vendorClass = evaluation.option(60);
        if (vendorClass != null && evaluation.kind(60) == KeaOptions.Kind.STRING) {
            classes.add("VENDOR_CLASS_" + className(vendorClass));
        }
        pass(classifier, evaluation, classes, errors, false);
        return new Classification(classifier, packet, evaluation, Stage.ARRIVAL, classes, errors);
    }

    /** The packet's classes in the order Kea associated them. */
    public List<String> classes() {
        return classes;
    }

    /** Whether the packet is in the class. */
    public boolean contains(String name) {
        return lookup.contains(name);
    }

    /** Kea drops a packet in the special class {@code DROP} (checked after arrival and after the host lookup). */
    public boolean drop() {
        return lookup.contains("DROP");
    }

    public Stage stage() {
        return stage;
    }

    public PacketView packet() {
        return packet;
    }

    /**
     * Classes whose test failed with an evaluation error in any step so far (Kea logs such errors and
     * leaves the class out), in the order they were tested.
     */
    public List<String> evaluationErrors() {
        return errors;
    }

    /** The second pass, without reserved classes: see {@link #afterHostLookup(boolean, List)}. */
    public Classification afterHostLookup(boolean known) {
        return afterHostLookup(known, List.of());
    }

    /**
     * The second pass, once the server knows whether the client has a reservation: adds {@code KNOWN} or
     * {@code UNKNOWN} and tests the classes that depend on them, in list order.
     *
     * <p>{@code reservedClasses} are the {@code client-classes} of the reservation found. As Kea does for a
     * global reservation, or for one in a subnet outside any shared network, they are added first and
     * the first pass is run again (after forgetting the classes it had assigned by test), so that a test
     * such as {@code not member('reserved')} sees them. (For a reservation in a shared network Kea adds
     * its classes only after the lease is chosen: pass no reserved classes here then.)
     *
     * @throws IllegalStateException unless this is the arrival classification
     */
    public Classification afterHostLookup(boolean known, List<String> reservedClasses) {
        Objects.requireNonNull(reservedClasses, "reservedClasses");
        if (stage != Stage.ARRIVAL) {
            throw new IllegalStateException("the host lookup pass runs once, after arrival; this classification is at " + stage);
        }
        LinkedHashSet<String> next = new LinkedHashSet<>(classes);
        List<String> newErrors = new ArrayList<>(errors);
        if (!reservedClasses.isEmpty()) {
            next.removeAll(classifier.testedNames());
            next.addAll(reservedClasses);
            pass(classifier, evaluation, next, newErrors, false);
        }
        next.add(known ? "KNOWN" : "UNKNOWN");
        pass(classifier, evaluation, next, newErrors, true);
        return new Classification(classifier, packet, evaluation, Stage.AFTER_HOST_LOOKUP, next, newErrors);
    }

    /**
     * The last step: tests the classes listed by {@code require-client-classes}, in the order given, which
     * should be the shared network's list, then the subnet's, then the pool's (the pool the assigned
     * address belongs to). A name listed twice is tested once; a name that is not defined, or a class
     * without a test, is skipped as Kea skips it. Classes need not be {@code only-if-required} to be listed.
     *
     * @throws IllegalStateException if the required classes were already tested
     */
    public Classification withRequired(List<String> names) {
        Objects.requireNonNull(names, "names");
        if (stage == Stage.FINAL) {
            throw new IllegalStateException("required classes are tested once");
        }
        LinkedHashSet<String> next = new LinkedHashSet<>(classes);
        List<String> newErrors = new ArrayList<>(errors);
        Predicate<String> member = next::contains;
        for (String name : new LinkedHashSet<>(names)) {
            ClientClassifier.Compiled entry = classifier.find(name);
            if (entry == null || entry.test() == null) {
                continue;
            }
            test(entry, evaluation, next, member, newErrors);
        }
        return new Classification(classifier, packet, evaluation, Stage.FINAL, next, newErrors);
    }

    private static void pass(ClientClassifier classifier, Evaluation evaluation, LinkedHashSet<String> classes,
            List<String> errors, boolean dependingOnKnown) {
        Predicate<String> member = classes::contains;
        for (ClientClassifier.Compiled entry : classifier.classes()) {
            if (entry.test() == null || entry.onlyIfRequired() || entry.dependsOnKnown() != dependingOnKnown) {
                continue;
            }
            test(entry, evaluation, classes, member, errors);
        }
    }

    private static void test(ClientClassifier.Compiled entry, Evaluation evaluation, LinkedHashSet<String> classes,
            Predicate<String> member, List<String> errors) {
        switch (entry.test().evaluate(evaluation, member)) {
            case MATCH -> classes.add(entry.name());
            case ERROR -> errors.add(entry.name());
            case NO_MATCH -> {
                // not a member
            }
        }
    }

    /**
     * A class name from packet bytes, equal to a configured name exactly when the bytes are that name
     * in UTF-8; bytes that are not UTF-8 map to unpaired surrogates, which no configured name holds.
     */
    static String className(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            StringBuilder name = new StringBuilder(bytes.length);
            for (byte b : bytes) {
                name.append(b >= 0 ? (char) b : (char) (0xdc00 | b & 0xff));
            }
            return name.toString();
        }
    }

    @Override
    public String toString() {
        return stage + " " + classes + (errors.isEmpty() ? "" : " errors " + errors);
    }
}
