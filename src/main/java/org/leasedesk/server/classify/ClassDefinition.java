package org.leasedesk.server.classify;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of Kea's {@code client-classes} list, as far as deciding membership goes: its name, its
 * {@code test} expression if it has one, and {@code only-if-required}.
 *
 * <p>A class without a test is assigned only explicitly (by a host reservation); a class with
 * {@code onlyIfRequired} is tested only when a shared network, subnet or pool lists it in
 * {@code require-client-classes} (see {@link Classification#withRequired}).
 */
public record ClassDefinition(String name, Optional<String> test, boolean onlyIfRequired) {

    public ClassDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(test, "test");
    }

    /** A class tested on every packet. */
    public static ClassDefinition tested(String name, String test) {
        return new ClassDefinition(name, Optional.of(test), false);
    }

    /** A class tested only when required by the selected shared network, subnet or pool. */
    public static ClassDefinition required(String name, String test) {
        return new ClassDefinition(name, Optional.of(test), true);
    }

    /** A class without a test: only a host reservation assigns it. */
    public static ClassDefinition untested(String name) {
        return new ClassDefinition(name, Optional.empty(), false);
    }
}
