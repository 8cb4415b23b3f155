package org.leasedesk.server.classify;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A parsed class test: immutable, thread-safe, evaluated against packets with Kea 2.2's semantics.
 * Made by {@link ExpressionParser}.
 *
 * <p>Evaluation never throws. Where Kea's evaluation throws (for example {@code int16totext} of a
 * three-byte value, or a substring start beyond a C int), the test does not match, as in Kea, where the
 * class is then not assigned; {@link #evaluate} tells the two apart.
 */
public final class Expression {

    /** What an evaluation gave: a match, no match, or an error that Kea logs and treats as no match. */
    public enum Outcome {
        MATCH, NO_MATCH, ERROR
    }

    private final String text;
    private final Nodes.Bool root;
    private final Set<String> members;
    private final OptionCatalog options;

    Expression(String text, Nodes.Bool root, OptionCatalog options) {
        this.text = text;
        this.root = root;
        this.options = options;
        Set<String> names = new LinkedHashSet<>();
        root.members(names);
        this.members = Collections.unmodifiableSet(names);
    }

    /** The expression as written. */
    public String text() {
        return text;
    }

    /** The class names this test reads with {@code member('…')}, in the order they appear. */
    public Set<String> memberReferences() {
        return members;
    }

    /** The expression as parsed, fully parenthesised, e.g. {@code ((option[60].exists and member('a')) or (pkt4.hlen == 6))}. */
    public String canonical() {
        return root.show();
    }

    /**
     * Whether the packet matches, given the classes it already has ({@code member} reads
     * {@code classes}). For one packet tested against many classes use {@link ClientClassifier}, which
     * decodes the packet's options once.
     */
    public boolean test(PacketView packet, Predicate<String> classes) {
        return evaluate(packet, classes) == Outcome.MATCH;
    }

    /** Like {@link #test} but tells a Kea evaluation error apart from a plain no-match. */
    public Outcome evaluate(PacketView packet, Predicate<String> classes) {
        Objects.requireNonNull(packet, "packet");
        Objects.requireNonNull(classes, "classes");
        return evaluate(new Evaluation(packet, options, classes), classes);
    }

    Outcome evaluate(Evaluation evaluation, Predicate<String> classes) {
        evaluation.reset(classes);
        boolean result = root.test(evaluation);
        if (evaluation.failed) {
            return Outcome.ERROR;
        }
        return result ? Outcome.MATCH : Outcome.NO_MATCH;
    }

    @Override
    public String toString() {
        return text;
    }
}
